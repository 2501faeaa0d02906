using Microsoft.AspNetCore.Authorization;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>Deny by default: an endpoint is anonymous only if it is on this list, reviewed with every change to it.</summary>
public sealed class EndpointSecurityTests
{
    private static readonly HashSet<string> AnonymousAllowlist =
    [
        "/health/live",
        "/health/ready",
        "/metrics",
        "/openapi/{documentName}.json",
        "/docs/{documentName?}",
        "/docs/scalar.js",
        "/docs/scalar.aspnetcore.js",
        "/docs/favicon.svg",
        "/api/v1/meta/",
        // The words of the terms, shown on the sign-up form before there is an account.
        "/api/v1/privacy/terms",
        // Signing in and recovering an account happen before there is a token; each is rate-limited per IP.
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/login/mfa",
        "/api/v1/auth/login/mfa/sms",
        "/api/v1/auth/refresh",
        "/api/v1/auth/verify-email",
        "/api/v1/auth/resend-verification",
        "/api/v1/auth/forgot-password",
        "/api/v1/auth/reset-password",
        // Calendar apps cannot sign in: the feed is found by the hash of a 256-bit secret, rate-limited per IP, revocable.
        "/calendar/{secret}.ics",
        // Twilio cannot sign in (texts in, delivery statuses): the X-Twilio-Signature over Twilio:PublicBaseUrl stands for it (403 otherwise), rate-limited per address.
        "/webhooks/twilio/sms",
        "/webhooks/twilio/status",
        // A push notification's buttons act from a service worker, which cannot sign in: an HMAC token for that one notification (48 h), rate-limited per IP.
        "/api/v1/notifications/{id:guid}/actions",
        "{**path:clientroute}",
    ];

    [Fact]
    public void EveryEndpoint_RequiresAuthorization_OrIsOnTheAnonymousAllowlist()
    {
        var offenders = HostEndpoints.Routes
            .Where(endpoint => !RequiresAuthorization(endpoint) && !AnonymousAllowlist.Contains(Pattern(endpoint)))
            .Select(endpoint => $"{Pattern(endpoint)} ({endpoint.DisplayName})")
            .ToList();

        Assert.True(offenders.Count == 0,
            "These endpoints are reachable without signing in but are not on the allowlist: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Allowlist_HasNoStaleEntries()
    {
        var anonymous = HostEndpoints.Routes.Where(endpoint => !RequiresAuthorization(endpoint)).Select(Pattern).ToHashSet();

        var stale = AnonymousAllowlist.Where(pattern => !anonymous.Contains(pattern)).ToList();

        Assert.True(stale.Count == 0, "Allowlisted patterns no endpoint uses (remove them): " + string.Join(", ", stale));
    }

    [Fact]
    public void ApiEndpoints_AreUnderTheAuthorizedGroup()
    {
        var apiEndpoints = HostEndpoints.Routes.Where(endpoint => Pattern(endpoint).StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(apiEndpoints);
        Assert.All(apiEndpoints, endpoint =>
            Assert.Contains(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), _ => true));
    }

    private static bool RequiresAuthorization(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
        && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;

    private static string Pattern(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText ?? string.Empty;
}
