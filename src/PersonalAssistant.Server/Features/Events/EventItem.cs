using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Events;

/// <summary>
/// A calendar event. Start and end are instants (UTC); a repeating event keeps its local start in its zone
/// (<see cref="AnchorLocal"/>) so occurrences stay at the same wall-clock time across clock changes.
/// </summary>
internal sealed class EventItem
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public required string Title { get; set; }

    public DateTimeOffset StartAt { get; set; }

    public DateTimeOffset EndAt { get; set; }

    public required string TimeZone { get; set; }

    public required string AnchorLocal { get; set; }

    public string? Location { get; set; }

    public string? Notes { get; set; }

    public string? RRule { get; set; }

    /// <summary>
    /// Occurrences taken out of a repeating event (iCalendar EXDATE), as their local wall-clock starts in
    /// <see cref="TimeZone"/> ("2027-03-15T09:30:00"), the form the rule generates them in, so a skipped day stays
    /// skipped across clock changes and the feed can write them back as <c>EXDATE;TZID=...</c>.
    /// </summary>
    public List<string> ExcludedStarts { get; set; } = [];

    /// <summary>The iCalendar UID, kept from an import so that importing the same file twice adds nothing.</summary>
    public required string Uid { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The private calendar feed of a person: only a SHA-256 of its secret is stored.</summary>
internal sealed class CalendarFeed
{
    public Guid UserId { get; set; }

    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class EventItemConfiguration : IEntityTypeConfiguration<EventItem>
{
    public const int MaxTitleLength = 200;

    /// <summary>Skipped occurrences a series keeps; beyond that its rule should change instead.</summary>
    public const int MaxExcludedStarts = 500;

    public void Configure(EntityTypeBuilder<EventItem> builder)
    {
        builder.ToTable("Events");
        builder.Property(e => e.Title).HasMaxLength(MaxTitleLength);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.Property(e => e.AnchorLocal).HasMaxLength(32);
        builder.Property(e => e.Location).HasMaxLength(200);
        builder.Property(e => e.Notes).HasMaxLength(5000);
        builder.Property(e => e.RRule).HasMaxLength(300);
        builder.Property(e => e.Uid).HasMaxLength(255);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.UserId, e.StartAt });
        builder.HasIndex(e => new { e.UserId, e.Uid });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("CalendarFeeds");
        builder.HasKey(f => f.UserId);
        builder.Property(f => f.SecretHash).HasMaxLength(64);
        builder.HasIndex(f => f.SecretHash).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
