using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Identity;

/// <summary>A phone number a person reaches the assistant from. Once verified it belongs to this account only.</summary>
internal sealed class PhoneNumber
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    /// <summary>E.164, normalised with libphonenumber.</summary>
    public string E164 { get; set; } = string.Empty;

    public DateTimeOffset? VerifiedAt { get; set; }

    public bool IsPrimary { get; set; }

    /// <summary>When the number texted STOP (or a carrier reported it opted out): no SMS goes to it until START.</summary>
    public DateTimeOffset? OptedOutAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool IsVerified => VerifiedAt is not null;
}

/// <summary>
/// A number that texted STOP, whoever holds it (an unknown number included): a number added to an account later starts
/// opted out, and nothing is texted to it until it texts START.
/// </summary>
internal sealed class SmsOptOut
{
    /// <summary>E.164.</summary>
    public string E164 { get; set; } = string.Empty;

    public DateTimeOffset OptedOutAt { get; set; }
}

internal enum VerificationPurpose
{
    PhoneVerification,
    MfaSmsEnable,
    MfaSmsLogin,
}

/// <summary>A 6-digit code sent by SMS: stored as a keyed hash, 10-minute expiry, 5 attempts, single use.</summary>
internal sealed class VerificationCode
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public VerificationPurpose Purpose { get; set; }

    /// <summary>What the code proves: the phone number id, or the MFA challenge id.</summary>
    public Guid TargetId { get; set; }

    public string CodeHash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }
}
