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

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ReminderDelivery> Deliveries { get; set; } = [];
}

/// <summary>One attempt to deliver a reminder on a channel (written by the delivery worker).</summary>
internal sealed class ReminderDelivery
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid ReminderId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Channel { get; set; }

    public required string Outcome { get; set; }
}

internal static class ReminderStatuses
{
    public const string Scheduled = "scheduled";
    public const string Delivered = "delivered";
    public const string Acknowledged = "acknowledged";
    public const string Snoozed = "snoozed";
    public const string Cancelled = "cancelled";

    /// <summary>A filter, not a status: the reminders still in play (scheduled, snoozed, or delivered and not yet acknowledged).</summary>
    public const string Active = "active";

    public static readonly string[] InPlay = [Scheduled, Snoozed, Delivered];
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
    }
}
