using System.Globalization;
using System.Security.Claims;

namespace PersonalAssistant.Server.Identity;

/// <summary>The claims an access token carries, read in one place.</summary>
internal static class CurrentUser
{
    public const string UserIdClaim = "sub";
    public const string SessionIdClaim = "sid";
    public const string RoleClaim = "role";
    public const string IssuedAtClaim = "iat";

    /// <summary>Issue time in milliseconds: <c>iat</c> has whole seconds, too coarse to order a token and a role change.</summary>
    public const string IssuedAtMillisecondsClaim = "iat_ms";

    /// <summary>The signed-in person's id. Only called behind authorization, so a missing claim is a bug.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserIdClaim), out var id)
            ? id
            : throw new InvalidOperationException("The caller has no user id claim; is the endpoint authorized?");

    public static Guid SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionIdClaim), out var id)
            ? id
            : throw new InvalidOperationException("The caller has no session id claim; is the endpoint authorized?");

    public static Guid? UserIdOrNull(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserIdClaim), out var id) ? id : null;

    /// <summary>When the access token was issued, to the millisecond when it says so; the earliest time when it says nothing.</summary>
    public static DateTimeOffset TokenIssuedAt(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(IssuedAtMillisecondsClaim), CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : long.TryParse(principal.FindFirstValue(IssuedAtClaim), CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.MinValue;
}

/// <summary>Where a request came from, for sessions and the audit trail.</summary>
internal sealed record ClientInfo(string? IpAddress, string? UserAgent)
{
    private const int MaxUserAgentLength = 512;

    public static ClientInfo From(HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new ClientInfo(
            context.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)]);
    }
}
