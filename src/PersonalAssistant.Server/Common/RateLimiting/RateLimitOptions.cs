using Microsoft.Extensions.Options;

namespace PersonalAssistant.Server.Common.RateLimiting;

/// <summary>One fixed-window limit.</summary>
internal sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>
/// Limits on anything that checks a secret or sends a message (section <c>RateLimits</c>), counted per client IP
/// and per account. With Redis configured the counters live there, so every replica enforces the same limit.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Namespace for the Redis counters; replicas of one instance share it.</summary>
    public string KeyPrefix { get; set; } = "pa:rl";

    /// <summary>Per client IP, on every anonymous auth endpoint (register, login, MFA, password reset, verification).</summary>
    public RateLimitRule AuthPerIp { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    /// <summary>Per account, on MFA steps, password resets and changes (sign-in counts failures only: SignInGuard).</summary>
    public RateLimitRule AuthPerAccount { get; set; } = new() { PermitLimit = 10, WindowSeconds = 300 };

    /// <summary>Per account, on anything that sends an email or SMS (codes, resends, reset links).</summary>
    public RateLimitRule MessagesPerAccount { get; set; } = new() { PermitLimit = 5, WindowSeconds = 900 };

    /// <summary>Per phone number, between two codes to the same number.</summary>
    public RateLimitRule ResendPerTarget { get; set; } = new() { PermitLimit = 1, WindowSeconds = 60 };

    /// <summary>
    /// Per account, failed sign-ins (passwords and second factors) from all addresses together. Above it only
    /// addresses the account signed in from before may try; a slowdown for guessing spread over many addresses.
    /// </summary>
    public RateLimitRule SignInFailuresPerAccount { get; set; } = new() { PermitLimit = 100, WindowSeconds = 3600 };

    /// <summary>Per account, SMS codes sent (to any number) in an hour.</summary>
    public RateLimitRule SmsCodesPerAccount { get; set; } = new() { PermitLimit = 10, WindowSeconds = 3600 };

    /// <summary>Per phone number, SMS codes sent (by any account) in an hour.</summary>
    public RateLimitRule SmsCodesPerNumber { get; set; } = new() { PermitLimit = 5, WindowSeconds = 3600 };

    /// <summary>The whole instance, SMS codes sent in an hour: a ceiling on the SMS bill.</summary>
    public RateLimitRule SmsCodesPerInstance { get; set; } = new() { PermitLimit = 500, WindowSeconds = 3600 };

    /// <summary>Per client IP, on provider webhooks (Twilio's inbound SMS): Twilio calls from a few addresses, so it is generous.</summary>
    public RateLimitRule WebhooksPerIp { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Per account, on messages to the assistant (each one may call a paid model).</summary>
    public RateLimitRule AssistantTurnsPerAccount { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>Per account, on quick-capture previews (asked at each pause in typing; free, but each one runs the language engine).</summary>
    public RateLimitRule CapturePreviewsPerAccount { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    internal sealed class Validator : IValidateOptions<RateLimitOptions>
    {
        public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
        {
            var failures = new OptionsFailures();
            if (string.IsNullOrWhiteSpace(options.KeyPrefix))
            {
                failures.Add("RateLimits:KeyPrefix", "must not be empty.");
            }

            Check(failures, "AuthPerIp", options.AuthPerIp);
            Check(failures, "AuthPerAccount", options.AuthPerAccount);
            Check(failures, "MessagesPerAccount", options.MessagesPerAccount);
            Check(failures, "ResendPerTarget", options.ResendPerTarget);
            Check(failures, "AssistantTurnsPerAccount", options.AssistantTurnsPerAccount);
            Check(failures, "CapturePreviewsPerAccount", options.CapturePreviewsPerAccount);
            Check(failures, "SignInFailuresPerAccount", options.SignInFailuresPerAccount);
            Check(failures, "SmsCodesPerAccount", options.SmsCodesPerAccount);
            Check(failures, "SmsCodesPerNumber", options.SmsCodesPerNumber);
            Check(failures, "SmsCodesPerInstance", options.SmsCodesPerInstance);
            Check(failures, "WebhooksPerIp", options.WebhooksPerIp);
            return failures.ToResult();
        }

        private static void Check(OptionsFailures failures, string name, RateLimitRule rule)
        {
            if (rule.PermitLimit is < 1 or > 1_000_000)
            {
                failures.Add($"RateLimits:{name}:PermitLimit", "must be between 1 and 1000000.");
            }

            if (rule.WindowSeconds is < 1 or > 86_400)
            {
                failures.Add($"RateLimits:{name}:WindowSeconds", "must be between 1 and 86400.");
            }
        }
    }
}
