using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Lists;

/// <summary>A list of things to get or check off: "Groceries" by default, others on demand.</summary>
internal sealed class ItemList
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    public bool IsDefault { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ListItem> Items { get; set; } = [];
}

/// <summary>One line of a list. <see cref="Key"/> is the folded text used to merge "Eggs" into "egg".</summary>
internal sealed class ListItem
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid ListId { get; set; }

    public Guid UserId { get; set; }

    public required string Text { get; set; }

    public required string Key { get; set; }

    public int Quantity { get; set; } = 1;

    public bool Checked { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>"Eggs", "eggs " and "egg" are the same item; so are "Œufs" and "oeuf".</summary>
    public static string KeyOf(string text) =>
        string.Join(' ', TextKeys.WordList(text)
            .Select(w => w.Length > 3 && (w.EndsWith('s') || w.EndsWith('x')) && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w));
}

internal sealed class ItemListConfiguration : IEntityTypeConfiguration<ItemList>
{
    public const int MaxNameLength = 100;

    public void Configure(EntityTypeBuilder<ItemList> builder)
    {
        builder.ToTable("Lists");
        builder.Property(l => l.Name).HasMaxLength(MaxNameLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Items).WithOne().HasForeignKey(i => i.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.UserId, l.Name });
    }
}

internal sealed class ListItemConfiguration : IEntityTypeConfiguration<ListItem>
{
    public const int MaxTextLength = 200;

    public void Configure(EntityTypeBuilder<ListItem> builder)
    {
        builder.ToTable("ListItems");
        builder.Property(i => i.Text).HasMaxLength(MaxTextLength);
        builder.Property(i => i.Key).HasMaxLength(MaxTextLength);
        builder.HasIndex(i => new { i.ListId, i.Checked, i.Key });
        builder.HasIndex(i => i.UserId);
    }
}
