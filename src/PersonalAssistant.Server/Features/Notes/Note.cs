using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Notes;

/// <summary>
/// A markdown note. Full-text search is kept by the database itself: an FTS5 table fed by triggers on SQLite, a
/// generated <c>tsvector</c> column with a GIN index on PostgreSQL (see <see cref="NoteSearch"/>).
/// </summary>
internal sealed class Note
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public required string Title { get; set; }

    public string Body { get; set; } = string.Empty;

    public List<string> Tags { get; set; } = [];

    public bool Pinned { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A <c>[[wiki link]]</c> from one note to a title (resolved when read, so a link may point at a note written later).</summary>
internal sealed class NoteLink
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public Guid FromNoteId { get; set; }

    public required string TargetKey { get; set; }
}

internal static partial class WikiLinks
{
    public const int MaxLinksPerNote = 200;

    /// <summary>"[[Title]]" and "[[Title|shown text]]".</summary>
    public static IReadOnlyList<string> TargetsIn(string body) =>
        [.. LinkPattern().Matches(body).Select(m => KeyOf(m.Groups[1].Value)).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxLinksPerNote)];

    /// <summary>Titles compare without case, accents, punctuation or extra spaces.</summary>
    public static string KeyOf(string title)
    {
        var key = TextKeys.Fold(title);
        return key.Length <= NoteConfiguration.MaxTitleLength ? key : key[..NoteConfiguration.MaxTitleLength];
    }

    [GeneratedRegex(@"\[\[([^\[\]|\r\n]{1,200})(?:\|[^\]\r\n]{0,200})?\]\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex LinkPattern();
}

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 100_000;

    public void Configure(EntityTypeBuilder<Note> builder)
    {
        builder.ToTable("Notes");
        builder.Property(n => n.Title).HasMaxLength(MaxTitleLength);
        builder.Property(n => n.Body).HasMaxLength(MaxBodyLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.Pinned, n.UpdatedAt });
    }
}

internal sealed class NoteLinkConfiguration : IEntityTypeConfiguration<NoteLink>
{
    public void Configure(EntityTypeBuilder<NoteLink> builder)
    {
        builder.ToTable("NoteLinks");
        builder.Property(l => l.TargetKey).HasMaxLength(NoteConfiguration.MaxTitleLength);
        builder.HasOne<Note>().WithMany().HasForeignKey(l => l.FromNoteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.UserId, l.TargetKey });
        builder.HasIndex(l => l.FromNoteId);
    }
}
