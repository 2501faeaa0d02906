using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Notifications;

/// <summary>
/// Something the assistant told the person in the app (the in-app channel): a reminder that went off, for now. The text
/// is written once, in the person's language at the time, so the list reads the same later.
/// </summary>
internal sealed class Notification
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    /// <summary>What it is about: <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>The reminder it came from (the relationship is configured in <c>AppDbContext</c>, where features meet).</summary>
    public Guid? ReminderId { get; set; }

    /// <summary>The occurrence of the reminder it is about (UTC).</summary>
    public DateTimeOffset? Occurrence { get; set; }

    /// <summary>It went out after its time (the host was down or busy).</summary>
    public bool Late { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the person marked it read; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}

internal static class NotificationKinds
{
    public const string Reminder = "reminder";

    /// <summary>The assistant stopped nudging about a reminder that was ignored three times (said once).</summary>
    public const string NudgesPaused = "nudges-paused";

    /// <summary>The morning briefing (Features/Briefings).</summary>
    public const string Briefing = "briefing";

    /// <summary>The evening review (Features/Briefings).</summary>
    public const string Review = "review";

    /// <summary>Texts to one of the person's numbers could not be delivered (Features/Sms), said once a day per number.</summary>
    public const string SmsUndelivered = "sms-undelivered";

    /// <summary>A copy of the person's data is ready to download (Features/Exports); the app links it to the privacy settings.</summary>
    public const string ExportReady = "export-ready";
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public const int MaxTextLength = 600;

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Kind).HasMaxLength(16);
        builder.Property(n => n.Text).HasMaxLength(MaxTextLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}
