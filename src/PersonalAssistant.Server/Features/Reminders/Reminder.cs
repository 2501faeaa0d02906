using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>
/// A nudge at a time, maybe repeating. The schedule is kept as the person means it: a local wall-clock anchor in an
/// IANA zone plus an RRULE; <see cref="NextAt"/> is the next occurrence as an instant (UTC), recomputed from them.
/// </summary>
internal sealed class Reminder
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public required string Text { get; set; }

    public required string TimeZone { get; set; }

    /// <summary>The first occurrence in local wall-clock time, ISO 8601 without offset ("2026-03-11T15:00:00").</summary>
    public required string AnchorLocal { get; set; }

    public string? RRule { get; set; }

    /// <summary>The next time it fires (UTC); null once a one-off reminder is acknowledged or a series has ended.</summary>
    public DateTimeOffset? NextAt { get; set; }

    public List<string> Channels { get; set; } = [];

    /// <summary>A linked task (the relationship is configured in <c>AppDbContext</c>, where features meet).</summary>
    public Guid? TaskId { get; set; }

    public string Status { get; set; } = ReminderStatuses.Scheduled;

    /// <summary>Goes through quiet hours, the daily cap and the pause after ignored nudges (the person asked for that moment).</summary>
    public bool Urgent { get; set; }

    /// <summary>Nudges of this reminder ignored in a row; at <see cref="NudgeDiscipline.IgnoredLimit"/> its nudges pause until the person acts on it.</summary>
    public int IgnoredNudges { get; set; }

    /// <summary>The in-app notification of the latest nudge, until the dispatcher has judged whether it was ignored (or the person acted).</summary>
    public Guid? LastNudgeId { get; set; }

    /// <summary>When the latest nudge the person has not acted on yet was sent (UTC): what a DONE or SNOOZE reply is about.</summary>
    public DateTimeOffset? LastNudgeAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ReminderDelivery> Deliveries { get; set; } = [];
}

/// <summary>
/// What became of one occurrence of a reminder (written by <see cref="ReminderDispatcher"/>). There is at most one row per
/// reminder and occurrence (a unique key): a second delivery of the same occurrence cannot be recorded, so it cannot be
/// sent, even when two replicas race.
/// </summary>
internal sealed class ReminderDelivery
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid ReminderId { get; set; }

    /// <summary>The occurrence this row is about: the instant the reminder was due (UTC).</summary>
    public DateTimeOffset Occurrence { get; set; }

    /// <summary>When the dispatcher handled it (UTC).</summary>
    public DateTimeOffset At { get; set; }

    public required string Channel { get; set; }

    /// <summary>One of <see cref="DeliveryOutcomes"/>.</summary>
    public required string Outcome { get; set; }

    /// <summary>How long after the occurrence it was handled (zero when on time).</summary>
    public TimeSpan LateBy { get; set; }
}

internal static class DeliveryOutcomes
{
    /// <summary>Sent on its channel, on time.</summary>
    public const string Sent = "sent";

    /// <summary>Sent after its time (the host was down or busy), marked late.</summary>
    public const string SentLate = "sent-late";

    /// <summary>Older than the grace window when the dispatcher saw it: not sent, kept for the next briefing.</summary>
    public const string SkippedToBriefing = "skipped-to-briefing";

    /// <summary>A later occurrence of the same reminder was due too and went instead (one nudge, not a burst).</summary>
    public const string Superseded = "superseded";

    /// <summary>Due during the person's quiet hours: not sent then; the reminder goes out when they end, marked held.</summary>
    public const string HeldQuietHours = "held-quiet-hours";

    /// <summary>A recurring nudge beyond the person's daily cap: not sent, kept for the next briefing.</summary>
    public const string Capped = "capped";

    /// <summary>The reminder's nudges are paused after three ignored in a row: not sent, kept for the next briefing.</summary>
    public const string HeldIgnored = "held-ignored";
}

internal static class ReminderStatuses
{
    public const string Scheduled = "scheduled";
    public const string Delivered = "delivered";
    public const string Acknowledged = "acknowledged";
    public const string Snoozed = "snoozed";
    public const string Cancelled = "cancelled";

    /// <summary>Held during the person's quiet hours: it goes out when they end (<see cref="Reminder.NextAt"/>).</summary>
    public const string Held = "held";

    /// <summary>A filter, not a status: the reminders still in play (scheduled, snoozed, held, or delivered and not yet acknowledged).</summary>
    public const string Active = "active";

    public static readonly string[] InPlay = [Scheduled, Snoozed, Held, Delivered];
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public const int MaxTextLength = 500;
    public const int MaxRuleLength = 300;

    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("Reminders");
        builder.Property(r => r.Text).HasMaxLength(MaxTextLength);
        builder.Property(r => r.TimeZone).HasMaxLength(64);
        builder.Property(r => r.AnchorLocal).HasMaxLength(32);
        builder.Property(r => r.RRule).HasMaxLength(MaxRuleLength);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Deliveries).WithOne().HasForeignKey(d => d.ReminderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.UserId, r.NextAt });
        builder.HasIndex(r => new { r.Status, r.NextAt });
    }
}

internal sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> builder)
    {
        builder.ToTable("ReminderDeliveries");
        builder.Property(d => d.Channel).HasMaxLength(16);
        builder.Property(d => d.Outcome).HasMaxLength(200);
        builder.HasIndex(d => new { d.ReminderId, d.At });
        builder.HasIndex(d => new { d.ReminderId, d.Occurrence }).IsUnique();
    }
}
