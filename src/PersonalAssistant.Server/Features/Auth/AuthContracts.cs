using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace PersonalAssistant.Server.Features.Auth;

/// <summary>A new account.</summary>
/// <param name="Email">The sign-in address.</param>
/// <param name="Password">10 to 128 characters, not a common or guessable one. No composition rules.</param>
/// <param name="DisplayName">How the assistant addresses the person.</param>
/// <param name="TimeZone">IANA zone such as America/Toronto; the web app sends the browser's. Default UTC.</param>
/// <param name="Locale">en or fr; default en.</param>
internal sealed record RegisterRequest(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required, StringLength(128)] string Password,
    [property: Required, StringLength(100, MinimumLength = 1)] string DisplayName,
    [property: StringLength(64)] string? TimeZone,
    [property: StringLength(8)] string? Locale);

/// <summary>The answer to a registration, the same whether or not the address already had an account.</summary>
/// <param name="Message">What to do next.</param>
internal sealed record RegisterResponse(string Message);

/// <summary>Email and password.</summary>
/// <param name="Email">The sign-in address.</param>
/// <param name="Password">The password.</param>
/// <param name="TokenDelivery"><c>cookie</c> (default, browsers): the refresh token goes in an httpOnly cookie. <c>body</c>: in the response body, for clients that cannot hold cookies.</param>
internal sealed record LoginRequest(
    [property: Required, StringLength(254)] string Email,
    [property: Required, StringLength(128)] string Password,
    [property: StringLength(8)] string? TokenDelivery);

/// <summary>The second step of a sign-in with MFA.</summary>
/// <param name="MfaToken">The token the first step returned (valid 5 minutes).</param>
/// <param name="Method">totp, sms or recovery.</param>
/// <param name="Code">The 6-digit code, or a recovery code.</param>
internal sealed record MfaLoginRequest(
    [property: Required, StringLength(128)] string MfaToken,
    [property: Required, StringLength(16)] string Method,
    [property: Required, StringLength(32)] string Code);

/// <summary>Asks for the SMS code of a pending MFA sign-in.</summary>
/// <param name="MfaToken">The token the first step returned.</param>
internal sealed record MfaSmsRequest([property: Required, StringLength(128)] string MfaToken);

/// <summary>Only for clients that received the refresh token in the body; browsers send nothing (the cookie).</summary>
/// <param name="RefreshToken">The current refresh token.</param>
internal sealed record RefreshRequest([property: StringLength(128)] string? RefreshToken);

/// <summary>A sign-in outcome: tokens, or a request for a second factor (and then no token at all).</summary>
/// <param name="MfaRequired">True when a second factor is needed: call auth/login/mfa with the mfaToken.</param>
/// <param name="MfaToken">Identifies the pending sign-in for 5 minutes.</param>
/// <param name="Methods">The second factors this account can use: totp, sms, recovery.</param>
/// <param name="AccessToken">A JWT for the Authorization header, valid expiresIn seconds.</param>
/// <param name="TokenType">Bearer.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="RefreshToken">Only with tokenDelivery=body; otherwise it is in an httpOnly cookie.</param>
internal sealed record LoginResponse(
    bool MfaRequired,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MfaToken = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Methods = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AccessToken = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenType = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ExpiresIn = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken = null);

/// <summary>The link from the confirmation email.</summary>
/// <param name="Email">From the link.</param>
/// <param name="Token">From the link.</param>
internal sealed record VerifyEmailRequest(
    [property: Required, StringLength(254)] string Email,
    [property: Required, StringLength(2048)] string Token);

/// <summary>An address to send a link to.</summary>
/// <param name="Email">The account's address.</param>
internal sealed record EmailRequest([property: Required, StringLength(254)] string Email);

/// <summary>A new password, with the token from the reset email.</summary>
/// <param name="Email">The account's address.</param>
/// <param name="Token">From the reset link (single use, valid one hour).</param>
/// <param name="NewPassword">10 to 128 characters.</param>
internal sealed record ResetPasswordRequest(
    [property: Required, StringLength(254)] string Email,
    [property: Required, StringLength(2048)] string Token,
    [property: Required, StringLength(128)] string NewPassword);

/// <summary>A new password for the signed-in person.</summary>
/// <param name="CurrentPassword">The password in use now.</param>
/// <param name="NewPassword">10 to 128 characters.</param>
internal sealed record ChangePasswordRequest(
    [property: Required, StringLength(128)] string CurrentPassword,
    [property: Required, StringLength(128)] string NewPassword);
