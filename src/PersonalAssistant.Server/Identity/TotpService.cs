using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// RFC 6238 TOTP (SHA-1, 6 digits, 30-second step, one step of drift either way), as Google Authenticator and Authy
/// expect. The secret is encrypted at rest with Data Protection; a code's time step is remembered so that the same
/// code cannot be used twice.
/// </summary>
internal sealed class TotpService(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Issuer = "Personal Assistant TDAH";

    private readonly IDataProtector _protector = protection.CreateProtector("PersonalAssistant.Totp.v1");

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    public static Uri OtpAuthUri(string secret, string account) =>
        new($"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30");

    /// <summary>Checks a code against the person's secret; on success records its time step so it cannot be replayed.</summary>
    public bool Verify(AppUser user, string? code)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.TotpSecretProtected is null || !IsSixDigits(code))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(Unprotect(user.TotpSecretProtected)));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))
            || step <= (user.LastTotpTimeStep ?? -1))
        {
            return false;
        }

        user.LastTotpTimeStep = step;
        return true;
    }

    /// <summary>Checks a code against a secret not yet saved (during setup).</summary>
    public bool VerifyUnsaved(string secret, string? code, out long step)
    {
        step = 0;
        return IsSixDigits(code)
               && new Totp(Base32Encoding.ToBytes(secret)).VerifyTotp(time.GetUtcNow().UtcDateTime, code, out step, new VerificationWindow(1, 1));
    }

    private static bool IsSixDigits(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);
}
