using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// Proof of a second factor for an action that needs more than a session (turning MFA off, new recovery codes, deleting
/// the account): a current TOTP code, the SMS code just texted to the primary verified phone, or a recovery code.
/// </summary>
internal sealed class SecondFactors(AppDbContext db, TotpService totp, VerificationCodes codes, RecoveryCodes recovery)
{
    /// <summary>Whether <paramref name="code"/> proves <paramref name="method"/> for this person; a recovery code is spent.</summary>
    public async Task<bool> ProveAsync(AppUser user, string? method, string? code, bool allowRecovery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(method) || string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        switch (method.Trim().ToLowerInvariant())
        {
            case MfaMethods.Totp:
                return user.TotpEnabled && totp.Verify(user, code.Trim());
            case MfaMethods.Sms:
                var phone = await PrimaryPhoneAsync(user.Id, cancellationToken);
                return user.SmsMfaEnabled && phone is not null
                    && await codes.CheckAsync(user.Id, VerificationPurpose.MfaSmsEnable, phone.Id, code, cancellationToken) == CodeCheck.Valid;
            case MfaMethods.Recovery:
                return allowRecovery && await recovery.RedeemAsync(user.Id, code, cancellationToken);
            default:
                return false;
        }
    }

    /// <summary>The number SMS codes go to: the primary verified one, else the oldest verified.</summary>
    public Task<PhoneNumber?> PrimaryPhoneAsync(Guid userId, CancellationToken cancellationToken) =>
        db.PhoneNumbers.Where(p => p.UserId == userId && p.VerifiedAt != null)
            .OrderByDescending(p => p.IsPrimary).ThenBy(p => p.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
}
