using System.ComponentModel.DataAnnotations;

namespace PersonalAssistant.Server.Features.Mfa;

/// <summary>Which second factors are on.</summary>
/// <param name="TotpEnabled">An authenticator app is set up.</param>
/// <param name="SmsEnabled">Codes by SMS to the primary verified phone.</param>
/// <param name="RecoveryCodesRemaining">Unused recovery codes.</param>
/// <param name="Methods">What sign-in accepts: totp, sms, recovery (empty when MFA is off).</param>
internal sealed record MfaStatusResponse(bool TotpEnabled, bool SmsEnabled, int RecoveryCodesRemaining, IReadOnlyList<string> Methods);

/// <summary>What an authenticator app needs. Shown once, during setup.</summary>
/// <param name="Secret">Base32 secret, for typing in by hand.</param>
/// <param name="OtpauthUri">The otpauth:// URI the QR code holds.</param>
/// <param name="QrCodeSvg">The QR code as an SVG document.</param>
internal sealed record TotpSetupResponse(string Secret, string OtpauthUri, string QrCodeSvg);

/// <summary>Recovery codes, shown once: each works one time when no other factor is at hand.</summary>
/// <param name="RecoveryCodes">Ten codes, or none when the existing ones were kept.</param>
internal sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

/// <summary>A 6-digit code.</summary>
/// <param name="Code">From the authenticator app or the SMS.</param>
internal sealed record MfaCodeRequest([property: Required, StringLength(16)] string Code);

/// <summary>Proof of a second factor.</summary>
/// <param name="Method">totp or sms (and recovery to turn MFA off).</param>
/// <param name="Code">The code.</param>
internal sealed record MfaProofRequest(
    [property: Required, StringLength(16)] string Method,
    [property: Required, StringLength(32)] string Code);

/// <summary>Turning MFA off needs the password and a second factor.</summary>
/// <param name="Password">The account's password.</param>
/// <param name="Method">totp, sms or recovery.</param>
/// <param name="Code">The code.</param>
internal sealed record DisableMfaRequest(
    [property: Required, StringLength(128)] string Password,
    [property: Required, StringLength(16)] string Method,
    [property: Required, StringLength(32)] string Code);
