using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Expenses;

/// <summary>Money spent, on a local date, with a category guessed from its words (and editable).</summary>
internal sealed class Expense
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public required string Category { get; set; }

    public required string Description { get; set; }

    public DateOnly Date { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ExpenseConfiguration : IEntityTypeConfiguration<Expense>
{
    public const int MaxDescriptionLength = 300;

    public void Configure(EntityTypeBuilder<Expense> builder)
    {
        builder.ToTable("Expenses");
        builder.Property(e => e.Amount).HasPrecision(18, 2);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.Property(e => e.Category).HasMaxLength(ExpenseCategories.MaxLength);
        builder.Property(e => e.Description).HasMaxLength(MaxDescriptionLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.UserId, e.Date });
    }
}

/// <summary>Categories, tried in order; the words that suggest them are lexicon tables (Lexicon.ExpenseCategoryWords).</summary>
internal static class ExpenseCategories
{
    public const int MaxLength = 40;
    public const string Other = "other";

    /// <summary>The categories in the order they are tried; the words that suggest each are in the lexicons (Lexicon.ExpenseCategoryWords).</summary>
    private static readonly string[] Table = ["groceries", "eating out", "transport", "housing", "bills", "health", "fun", "shopping"];

    public static IReadOnlyList<string> All { get; } = [.. Table, Other];

    public static string Guess(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var words = TextKeys.Words(description);
        foreach (var category in Table)
        {
            if (LanguageEngine.DefaultKeywords.ExpenseCategoryWords.TryGetValue(category, out var keywords) && keywords.Any(words.Contains))
            {
                return category;
            }
        }

        return Other;
    }
}
