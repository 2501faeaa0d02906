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

/// <summary>A number of the instance given to one person (dedicated mode): a text to it comes from that person.</summary>
internal sealed class SmsNumber
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    /// <summary>E.164.</summary>
    public string E164 { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SmsNumberConfiguration : IEntityTypeConfiguration<SmsNumber>
{
    public void Configure(EntityTypeBuilder<SmsNumber> builder)
    {
        builder.ToTable("SmsNumbers");
        builder.Property(n => n.E164).HasMaxLength(32);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.E164).IsUnique();
        builder.HasIndex(n => n.UserId);
    }
}
