using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging.Sms;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// One text message in or out (issue 17): the usage log and, for inbound texts, the work item the handling job reads.
/// A text from an unknown number keeps <see cref="UserId"/> null and is deleted after 24 hours unless imported.
/// </summary>
internal sealed class SmsMessage
{
    public Guid Id { get; set; } = Ids.NewV7();

    /// <summary><see cref="SmsDirections"/>.</summary>
    public string Direction { get; set; } = SmsDirections.Inbound;

    /// <summary>Twilio's id ("SM…"), or "SIM…" for the simulator; unique, so a redelivered webhook is recorded once.</summary>
    public string? MessageSid { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>E.164.</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>E.164.</summary>
    public string To { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public int Segments { get; set; } = 1;

    /// <summary>"gsm7" or "ucs2".</summary>
    public string Encoding { get; set; } = SmsEncodings.Gsm7;

    /// <summary><see cref="SmsStatuses"/>.</summary>
    public string Status { get; set; } = SmsStatuses.Received;

    public int? ErrorCode { get; set; }

    public decimal? Price { get; set; }

    public string? PriceUnit { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? HandledAt { get; set; }

    /// <summary>An inbound text given to the assistant: the conversation message it became (so a retry never stores it twice).</summary>
    public long? ConversationMessageId { get; set; }

    /// <summary>Outbound: what the part answers and a fingerprint of its text (<see cref="SmsSendKeys.Of"/>), so a retry skips the parts already accepted; null without a key.</summary>
    public string? SendKey { get; set; }

    /// <summary>Outbound: the part's 1-based position in its text.</summary>
    public int? Part { get; set; }
}

internal static class SmsDirections
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}

internal static class SmsEncodings
{
    public const string Gsm7 = "gsm7";
    public const string Ucs2 = "ucs2";

    /// <summary>How the log names an encoding (the counting itself is <see cref="SmsSegments"/>).</summary>
    public static string Name(SmsEncoding encoding) => encoding == SmsEncoding.Gsm7 ? Gsm7 : Ucs2;
}

internal static class SmsStatuses
{
    public const string Received = "received";
    public const string Handled = "handled";
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Undelivered = "undelivered";
    public const string Failed = "failed";
    public const string Simulated = "simulated";
}

internal sealed class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public const int MaxBodyLength = 1600;

    public const int MaxStatusLength = 16;

    public void Configure(EntityTypeBuilder<SmsMessage> builder)
    {
        builder.ToTable("SmsMessages");
        builder.Property(m => m.Direction).HasMaxLength(8);
        builder.Property(m => m.MessageSid).HasMaxLength(64);
        builder.Property(m => m.From).HasMaxLength(32);
        builder.Property(m => m.To).HasMaxLength(32);
        builder.Property(m => m.Body).HasMaxLength(MaxBodyLength);
        builder.Property(m => m.Encoding).HasMaxLength(8);
        builder.Property(m => m.Status).HasMaxLength(MaxStatusLength);
        builder.Property(m => m.Price).HasPrecision(12, 5);
        builder.Property(m => m.PriceUnit).HasMaxLength(8);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.MessageSid).IsUnique().HasFilter("\"MessageSid\" IS NOT NULL");
        builder.HasIndex(m => new { m.From, m.CreatedAt });
        builder.HasIndex(m => new { m.UserId, m.CreatedAt });
        builder.Property(m => m.SendKey).HasMaxLength(SmsSendKeys.MaxLength);
        builder.HasIndex(m => new { m.SendKey, m.Part }).HasFilter("\"SendKey\" IS NOT NULL");
    }
}

/// <summary>
/// A number of the instance (issue 17). In dedicated mode a text to an assigned number comes from its person; an
/// unassigned one (bought, not yet given) routes nobody. Numbers bought through the number manager carry Twilio's id.
/// </summary>
internal sealed class SmsNumber
{
    public Guid Id { get; set; } = Ids.NewV7();

    /// <summary>The person it is given to; null while unassigned.</summary>
    public Guid? UserId { get; set; }

    /// <summary>E.164.</summary>
    public string E164 { get; set; } = string.Empty;

    /// <summary>Twilio's IncomingPhoneNumber id ("PN…"); null for a number entered by hand.</summary>
    public string? TwilioSid { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SmsNumberConfiguration : IEntityTypeConfiguration<SmsNumber>
{
    public void Configure(EntityTypeBuilder<SmsNumber> builder)
    {
        builder.ToTable("SmsNumbers");
        builder.Property(n => n.E164).HasMaxLength(32);
        builder.Property(n => n.TwilioSid).HasMaxLength(64);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(n => n.E164).IsUnique();
        builder.HasIndex(n => n.UserId);
    }
}

/// <summary>Where a number's webhooks point at Twilio, as this instance set them and as Twilio last reported them.</summary>
internal sealed class SmsNumberWebhook
{
    /// <summary>The number's id (one configuration per number).</summary>
    public Guid SmsNumberId { get; set; }

    /// <summary>Where Twilio posts texts to the number.</summary>
    public string SmsUrl { get; set; } = string.Empty;

    /// <summary>Where Twilio posts delivery statuses of texts sent from the number.</summary>
    public string StatusUrl { get; set; } = string.Empty;

    /// <summary>When Twilio was last asked; null before the first check.</summary>
    public DateTimeOffset? LastVerifiedAt { get; set; }

    /// <summary>Whether, at the last check, Twilio's URLs for the number were this instance's; null before the first check.</summary>
    public bool? PointsHere { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SmsNumberWebhookConfiguration : IEntityTypeConfiguration<SmsNumberWebhook>
{
    public const int MaxUrlLength = 512;

    public void Configure(EntityTypeBuilder<SmsNumberWebhook> builder)
    {
        builder.ToTable("SmsNumberWebhooks");
        builder.HasKey(w => w.SmsNumberId);
        builder.Property(w => w.SmsUrl).HasMaxLength(MaxUrlLength);
        builder.Property(w => w.StatusUrl).HasMaxLength(MaxUrlLength);
        builder.HasOne<SmsNumber>().WithOne().HasForeignKey<SmsNumberWebhook>(w => w.SmsNumberId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>An administrator's allowance for a role, in segments, replacing the configured one (issue 17).</summary>
internal sealed class SmsAllowanceOverride
{
    /// <summary><c>user</c> or <c>premium</c> (administrators are unlimited).</summary>
    public string Role { get; set; } = string.Empty;

    public int Daily { get; set; }

    public int Monthly { get; set; }

    public Guid? UpdatedByUserId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SmsAllowanceOverrideConfiguration : IEntityTypeConfiguration<SmsAllowanceOverride>
{
    public void Configure(EntityTypeBuilder<SmsAllowanceOverride> builder)
    {
        builder.ToTable("SmsAllowances");
        builder.HasKey(a => a.Role);
        builder.Property(a => a.Role).HasMaxLength(32);
    }
}

/// <summary>
/// Something the person was told about their allowance, once per period: the 80% notice, or the "out of texts" reply.
/// The unique key (person, kind, period) is what makes it once.
/// </summary>
internal sealed class SmsAllowanceNotice
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    /// <summary><c>near-day</c>, <c>near-month</c>, <c>out-day</c> or <c>out-month</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The person's local day ("2026-12-06") or month ("2026-12").</summary>
    public string Period { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SmsAllowanceNoticeConfiguration : IEntityTypeConfiguration<SmsAllowanceNotice>
{
    public void Configure(EntityTypeBuilder<SmsAllowanceNotice> builder)
    {
        builder.ToTable("SmsAllowanceNotices");
        builder.Property(n => n.Kind).HasMaxLength(16);
        builder.Property(n => n.Period).HasMaxLength(16);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.Kind, n.Period }).IsUnique();
    }
}
