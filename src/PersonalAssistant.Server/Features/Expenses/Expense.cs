using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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

/// <summary>Categories and the words (English and French) that suggest them.</summary>
internal static class ExpenseCategories
{
    public const int MaxLength = 40;
    public const string Other = "other";

    private static readonly (string Category, string[] Words)[] Table =
    [
        ("groceries", ["groceries", "grocery", "supermarket", "market", "courses", "épicerie", "epicerie", "supermarché", "supermarche", "marché", "marche"]),
        ("eating out", ["lunch", "dinner", "breakfast", "brunch", "coffee", "cafe", "café", "restaurant", "resto", "pizza", "ramen", "sushi", "burger", "takeout", "takeaway", "bar", "drinks", "déjeuner", "dejeuner", "dîner", "diner", "boulangerie", "snack"]),
        ("transport", ["uber", "lyft", "taxi", "cab", "bus", "train", "metro", "métro", "subway", "gas", "fuel", "petrol", "parking", "toll", "essence", "stationnement", "péage", "peage", "flight", "vol", "bike"]),
        ("housing", ["rent", "mortgage", "loyer", "repair", "réparation", "reparation", "plumber", "plombier", "furniture", "meubles"]),
        ("bills", ["bill", "electric", "electricity", "water", "internet", "phone", "wifi", "insurance", "facture", "électricité", "electricite", "eau", "téléphone", "telephone", "assurance", "subscription", "abonnement", "netflix", "spotify"]),
        ("health", ["pharmacy", "doctor", "dentist", "meds", "medicine", "therapy", "pharmacie", "médecin", "medecin", "dentiste", "médicaments", "medicaments", "psy", "gym"]),
        ("fun", ["cinema", "ciné", "cine", "movie", "movies", "concert", "game", "games", "book", "books", "museum", "livre", "livres", "musée", "musee", "jeu", "sortie"]),
        ("shopping", ["clothes", "shoes", "amazon", "gift", "kettle", "vêtements", "vetements", "chaussures", "cadeau", "shopping"]),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Table.Select(t => t.Category), Other];

    public static string Guess(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var words = TextKeys.Words(description);
        foreach (var (category, keywords) in Table)
        {
            if (keywords.Any(k => words.Contains(TextKeys.Fold(k))))
            {
                return category;
            }
        }

        return Other;
    }
}
