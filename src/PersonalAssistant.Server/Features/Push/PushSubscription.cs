using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Push;

/// <summary>
/// One browser's web push subscription. The endpoint and keys are personal data (they reach that browser): never
/// logged, never answered; the auth secret is kept encrypted with Data Protection (its key ring is encrypted at rest).
/// An endpoint belongs to one browser profile, so it belongs to one account: subscribing it again moves it.
/// </summary>
internal sealed class PushSubscription
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    /// <summary>The push service's URL for this browser (https).</summary>
    public required string Endpoint { get; set; }

    /// <summary>SHA-256 of <see cref="Endpoint"/> (hex): the unique key, short enough for any index.</summary>
    public required string EndpointHash { get; set; }

    /// <summary>The browser's P-256 public key (base64url).</summary>
    public required string P256dh { get; set; }

    /// <summary>The browser's 16-byte auth secret (base64url), protected with Data Protection.</summary>
    public required string AuthProtected { get; set; }

    /// <summary>What the person calls it ("Firefox on Linux").</summary>
    public string? Label { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The last time its push service accepted a message.</summary>
    public DateTimeOffset? LastSuccessAt { get; set; }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public const int MaxEndpointLength = 2048;
    public const int MaxLabelLength = 100;

    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.ToTable("PushSubscriptions");
        builder.Property(s => s.Endpoint).HasMaxLength(MaxEndpointLength);
        builder.Property(s => s.EndpointHash).HasMaxLength(64);
        builder.Property(s => s.P256dh).HasMaxLength(128);
        builder.Property(s => s.AuthProtected).HasMaxLength(1024);
        builder.Property(s => s.Label).HasMaxLength(MaxLabelLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.EndpointHash).IsUnique();
        builder.HasIndex(s => new { s.UserId, s.CreatedAt });
    }
}

/// <summary>
/// One try to deliver a notification on one proactive channel, or the decision to move on from it: the history that
/// shows "push failed → SMS → email". No text, address or number: the channel, the outcome and a short error code.
/// </summary>
internal sealed class DeliveryAttempt
{
    public Guid Id { get; set; } = Ids.NewV7();

    /// <summary>The in-app notification being delivered (it carries the person, the reminder and the occurrence).</summary>
    public Guid NotificationId { get; set; }

    public Guid UserId { get; set; }

    public Guid? ReminderId { get; set; }

    public DateTimeOffset? Occurrence { get; set; }

    /// <summary>push, sms or email.</summary>
    public required string Channel { get; set; }

    /// <summary>One of <see cref="DeliveryAttemptOutcomes"/>.</summary>
    public required string Outcome { get; set; }

    /// <summary>Why it failed, without personal data: an HTTP status (<c>http-410</c>), <c>timeout</c>, <c>no-target</c>.</summary>
    public string? Error { get; set; }

    /// <summary>1 for the first try on this channel, 2 for its first retry, and so on.</summary>
    public int Attempt { get; set; }

    public DateTimeOffset At { get; set; }
}

internal static class DeliveryAttemptOutcomes
{
    public const string Sent = "sent";

    /// <summary>Failed in a way worth retrying (5xx, 429, timeout, network): the job is retried.</summary>
    public const string FailedTransient = "failed-transient";

    /// <summary>Failed for good (gone subscription, rejected payload, no usable target): no retry on this channel.</summary>
    public const string FailedPermanent = "failed-permanent";

    /// <summary>Left this channel for the next one in the person's order.</summary>
    public const string FellBack = "fell-back";

    /// <summary>The channel could have reached the person but they have not turned it on: nothing was sent.</summary>
    public const string NoConsent = "no-consent";
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("DeliveryAttempts");
        builder.Property(a => a.Channel).HasMaxLength(16);
        builder.Property(a => a.Outcome).HasMaxLength(32);
        builder.Property(a => a.Error).HasMaxLength(64);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.NotificationId, a.Channel });
        builder.HasIndex(a => a.At);

        // Once sent on a channel, never again: a retried or duplicated job cannot record a second success.
        builder.HasIndex(a => new { a.NotificationId, a.Channel }, "IX_DeliveryAttempts_Sent").IsUnique().HasFilter("\"Outcome\" = 'sent'");
    }
}
