using System.Text.Json;

namespace PersonalAssistant.Server.Audit;

/// <summary>
/// A secret-free detail of an audit event: its kind, a stable code from <see cref="AuditDetails"/>, and its values (role names,
/// a method, a count, an id; never words). It is stored as a small JSON array, code first, and the web app words it
/// from its catalog in the reader's language.
/// </summary>
internal sealed record AuditDetail(string Kind, IReadOnlyList<string> Values)
{
    /// <summary>The detail column's size.</summary>
    public const int MaxStoredLength = 256;

    public static AuditDetail Of(string kind, params IEnumerable<string> values) => new(kind, [.. values]);

    /// <summary>The stored form; values that would not fit are left out whole, never cut in the middle.</summary>
    public string ToStored()
    {
        var kept = new List<string>(Values.Count + 1) { Kind };
        foreach (var value in Values)
        {
            kept.Add(value);
            if (JsonSerializer.Serialize(kept).Length > MaxStoredLength)
            {
                kept.RemoveAt(kept.Count - 1);
                break;
            }
        }

        return JsonSerializer.Serialize(kept);
    }

    /// <summary>
    /// Reads a stored detail. A row written before details had codes holds a short English text: it comes back as
    /// <see cref="AuditDetails.Note"/> with that text, so nothing recorded is lost.
    /// </summary>
    public static AuditDetail? FromStored(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        if (stored.StartsWith('['))
        {
            try
            {
                if (JsonSerializer.Deserialize<string[]>(stored) is [var kind, .. var values] && AuditDetails.All.Contains(kind))
                {
                    return new AuditDetail(kind, values);
                }
            }
            catch (JsonException)
            {
                // Not one of ours: shown as it is, below.
            }
        }

        return new AuditDetail(AuditDetails.Note, [stored]);
    }
}

/// <summary>The codes of audit details. The web app's audit page words each one (auditDetails.ts, checked by a test).</summary>
internal static class AuditDetails
{
    /// <summary>A detail recorded before details had codes: its value is the text as it was written.</summary>
    public const string Note = "note";

    public const string SessionEnded = "session_ended";
    public const string Request = "request";
    public const string PhoneTakenElsewhere = "phone_taken_elsewhere";
    public const string PhoneOptedOut = "phone_opted_out";

    /// <summary>Values: what an administrator changed, each one of <see cref="AuditChanges"/>.</summary>
    public const string Changes = "changes";

    public const string NoChange = "no_change";

    /// <summary>Values: role names.</summary>
    public const string Roles = "roles";

    /// <summary>Value: how many sessions ended.</summary>
    public const string SessionsEndedByAdministrator = "sessions_ended_by_administrator";

    /// <summary>Value: how many sessions ended.</summary>
    public const string OtherSessionsEnded = "other_sessions_ended";

    /// <summary>Value: the session's id.</summary>
    public const string Session = "session";

    public const string NoActiveAccount = "no_active_account";
    public const string NoUnconfirmedAccount = "no_unconfirmed_account";
    public const string AddressTaken = "address_taken";
    public const string UnknownAccount = "unknown_account";
    public const string LockedByAdministrator = "locked_by_administrator";
    public const string TooManyFailures = "too_many_failures";
    public const string WrongPassword = "wrong_password";
    public const string WrongCurrentPassword = "wrong_current_password";
    public const string WrongCode = "wrong_code";
    public const string AccountDeactivated = "account_deactivated";
    public const string LockedFromAddress = "locked_from_address";
    public const string AccountFailureCeiling = "account_failure_ceiling";

    /// <summary>Value: the second factor, one of totp, sms or recovery.</summary>
    public const string Method = "method";

    /// <summary>Value: when the account goes, as an ISO 8601 instant.</summary>
    public const string DeletionDue = "deletion_due";

    public const string ErasedByOwner = "erased_by_owner";
    public const string ErasedByAdministrator = "erased_by_administrator";
    public const string ErasedAfterGracePeriod = "erased_after_grace_period";

    /// <summary>Values: one per role, "role=daily/monthly", or "role=default" when it went back to the configuration.</summary>
    public const string SmsAllowances = "sms_allowances";

    /// <summary>Value: the number's Twilio id, or ours when it has none.</summary>
    public const string SmsNumber = "sms_number";

    /// <summary>Value: the number's id.</summary>
    public const string SmsNumberAssigned = "sms_number_assigned";

    /// <summary>Value: the number's id.</summary>
    public const string SmsNumberUnassigned = "sms_number_unassigned";

    /// <summary>Value: the number's Twilio id.</summary>
    public const string WebhooksPointHere = "webhooks_point_here";

    /// <summary>Value: the number's Twilio id.</summary>
    public const string WebhooksPointElsewhere = "webhooks_point_elsewhere";

    public static readonly IReadOnlySet<string> All = typeof(AuditDetails)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);
}

/// <summary>What an administrator can change on an account, as recorded in <see cref="AuditDetails.Changes"/>.</summary>
internal static class AuditChanges
{
    public const string DisplayName = "display_name";
    public const string Activated = "activated";
    public const string Deactivated = "deactivated";
    public const string PasswordResetRequired = "password_reset_required";
    public const string Unlocked = "unlocked";
}
