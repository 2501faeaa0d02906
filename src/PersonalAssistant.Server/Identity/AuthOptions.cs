using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Identity;

/// <summary>Accounts, tokens and sessions (section <c>Auth</c>). The defaults are the ones the issue asks for.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "personal-assistant-tdah";

    public string Audience { get; set; } = "personal-assistant-tdah";

    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>A session unused for this long ends (its refresh token stops working).</summary>
    public int SessionIdleHours { get; set; } = 24;

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public int SessionAbsoluteDays { get; set; } = 30;

    /// <summary>Signing in on an 11th device revokes the oldest session.</summary>
    public int MaxSessionsPerUser { get; set; } = 10;

    /// <summary>Seconds a "still valid" answer about a session may be reused by one replica before it asks again.</summary>
    public int RevocationCacheSeconds { get; set; } = 2;

    public int MaxFailedAccessAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a password-reset or email-confirmation link works (default one hour).</summary>
    public int EmailTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Sign-in waits for a confirmed email address. Off in the embedded default.</summary>
    public bool RequireVerifiedEmail { get; set; }

    /// <summary>The first account of a fresh instance becomes administrator.</summary>
    public bool FirstUserIsAdmin { get; set; } = true;

    /// <summary>The address links in emails point to; when unset, the address the request came in on.</summary>
    public string? PublicBaseUrl { get; set; }

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);

    public TimeSpan SessionIdleTimeout => TimeSpan.FromHours(SessionIdleHours);

    internal sealed class Validator : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options)
        {
            var failures = new OptionsFailures();
            if (string.IsNullOrWhiteSpace(options.Issuer))
            {
                failures.Add("Auth:Issuer", "must not be empty.");
            }

            if (string.IsNullOrWhiteSpace(options.Audience))
            {
                failures.Add("Auth:Audience", "must not be empty.");
            }

            if (options.AccessTokenMinutes is < 1 or > 60)
            {
                failures.Add("Auth:AccessTokenMinutes", "must be between 1 and 60.");
            }

            if (options.SessionIdleHours is < 1 or > 24 * 30)
            {
                failures.Add("Auth:SessionIdleHours", "must be between 1 and 720.");
            }

            if (options.SessionAbsoluteDays is < 1 or > 365)
            {
                failures.Add("Auth:SessionAbsoluteDays", "must be between 1 and 365.");
            }

            if (options.MaxSessionsPerUser is < 1 or > 100)
            {
                failures.Add("Auth:MaxSessionsPerUser", "must be between 1 and 100.");
            }

            if (options.RevocationCacheSeconds is < 0 or > 5)
            {
                failures.Add("Auth:RevocationCacheSeconds", "must be between 0 and 5 (a revoked session must stop within 5 seconds).");
            }

            if (options.EmailTokenLifetimeSeconds is < 1 or > 7 * 24 * 3600)
            {
                failures.Add("Auth:EmailTokenLifetimeSeconds", "must be between 1 and 604800.");
            }

            if (options.MaxFailedAccessAttempts is < 1 or > 100)
            {
                failures.Add("Auth:MaxFailedAccessAttempts", "must be between 1 and 100.");
            }

            if (options.LockoutMinutes is < 1 or > 24 * 60)
            {
                failures.Add("Auth:LockoutMinutes", "must be between 1 and 1440.");
            }

            if (options.PublicBaseUrl is { Length: > 0 } url
                && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            {
                failures.Add("Auth:PublicBaseUrl", "must be an absolute http(s) URL.");
            }

            return failures.ToResult();
        }
    }
}
