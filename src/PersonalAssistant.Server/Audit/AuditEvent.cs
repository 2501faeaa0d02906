using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Audit;

/// <summary>One security-relevant event. Never holds a secret, a code or a token.</summary>
internal sealed class AuditEvent
{
    public Guid Id { get; set; } = Ids.NewV7();

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>A dotted name from <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = string.Empty;

    public AuditOutcome Outcome { get; set; }

    /// <summary>Who did it (null for an anonymous caller).</summary>
    public Guid? ActorUserId { get; set; }

    /// <summary>Whose account it concerned.</summary>
    public Guid? SubjectUserId { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>A secret-free detail, stored by <see cref="AuditDetail"/> as a code and its values.</summary>
    public string? Detail { get; set; }
}

internal enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}

/// <summary>The names of audited actions.</summary>
internal static class AuditActions
{
    public const string Register = "account.registered";
    public const string LoginSucceeded = "auth.login.succeeded";
    public const string LoginFailed = "auth.login.failed";
    public const string LockedOut = "auth.locked_out";
    public const string MfaChallenged = "auth.mfa.challenged";
    public const string MfaFailed = "auth.mfa.failed";
    public const string RecoveryCodeUsed = "auth.mfa.recovery_code_used";
    public const string RefreshReuse = "auth.refresh.reuse_detected";
    public const string Logout = "auth.logout";
    public const string EmailVerified = "account.email_verified";
    public const string PasswordChanged = "account.password_changed";
    public const string PasswordResetRequested = "account.password_reset_requested";
    public const string EmailVerificationRequested = "account.email_verification_requested";
    public const string PasswordReset = "account.password_reset";
    public const string MfaEnabled = "account.mfa.enabled";
    public const string MfaDisabled = "account.mfa.disabled";
    public const string RecoveryCodesRegenerated = "account.mfa.recovery_codes_regenerated";
    public const string PhoneAdded = "account.phone.added";
    public const string PhoneVerified = "account.phone.verified";
    public const string PhoneRemoved = "account.phone.removed";
    public const string SessionRevoked = "session.revoked";
    public const string RoleGranted = "access.role_granted";
    public const string RoleRemoved = "access.role_removed";
    public const string PermissionDenied = "access.denied";
    public const string AdminUserUpdated = "admin.user_updated";
    public const string AdminUserDeleted = "admin.user_deleted";
    public const string AccountDeletionRequested = "account.deletion_requested";
    public const string AccountDeletionCancelled = "account.deletion_cancelled";
    public const string AccountDeleted = "account.deleted";
    public const string AdminSmsAllowancesUpdated = "admin.sms_allowances_updated";
    public const string AdminSmsNumberBought = "admin.sms_number_bought";
    public const string AdminSmsNumberAssigned = "admin.sms_number_assigned";
    public const string AdminSmsNumberVerified = "admin.sms_number_verified";
    public const string AdminSmsNumberReleased = "admin.sms_number_released";
}
