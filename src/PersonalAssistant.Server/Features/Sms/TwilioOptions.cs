using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Twilio (section <c>Twilio</c>, issue 17). With none of it configured the instance runs in simulator mode: every SMS
/// goes to the outbox and the SMS simulator API is open. The inbound webhook and the outbound sender read the same options.
/// </summary>
internal sealed class TwilioOptions
{
    public const string Section = "Twilio";
    public const string SharedMode = "shared";
    public const string DedicatedMode = "dedicated";

    public string? AccountSid { get; set; }

    /// <summary>Signs the webhooks Twilio sends (required to accept them) and, without an API key, authenticates REST calls.</summary>
    public string? AuthToken { get; set; }

    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary>The instance's number (E.164): the shared number everyone texts, and the sender of replies.</summary>
    public string? PhoneNumber { get; set; }

    public string? MessagingServiceSid { get; set; }

    /// <summary>The public URL Twilio calls (e.g. https://assistant.example.org): webhook signatures are computed over it, never over the request's host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Twilio's REST API; tests and regional edges point it elsewhere.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary><c>shared</c>: one number, the sender's number names the person; <c>dedicated</c>: a number per person, the <c>To</c> number names them.</summary>
    public string NumberMode { get; set; } = SharedMode;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(AccountSid)
        && (!string.IsNullOrWhiteSpace(AuthToken) || (!string.IsNullOrWhiteSpace(ApiKeySid) && !string.IsNullOrWhiteSpace(ApiKeySecret)))
        && (!string.IsNullOrWhiteSpace(PhoneNumber) || !string.IsNullOrWhiteSpace(MessagingServiceSid));

    public bool IsDedicated => string.Equals(NumberMode, DedicatedMode, StringComparison.OrdinalIgnoreCase);

    internal sealed class Validator : IValidateOptions<TwilioOptions>
    {
        public ValidateOptionsResult Validate(string? name, TwilioOptions options)
        {
            var failures = new OptionsFailures();
            if (!string.Equals(options.NumberMode, SharedMode, StringComparison.OrdinalIgnoreCase) && !options.IsDedicated)
            {
                failures.Add("Twilio:NumberMode", $"must be shared or dedicated, not '{options.NumberMode}'.");
            }

            if (!IsHttpUrl(options.ApiBaseUrl))
            {
                failures.Add("Twilio:ApiBaseUrl", "must be an absolute http(s) URL.");
            }

            if (!string.IsNullOrEmpty(options.PublicBaseUrl) && !IsHttpUrl(options.PublicBaseUrl))
            {
                failures.Add("Twilio:PublicBaseUrl", "must be an absolute http(s) URL.");
            }

            if (string.IsNullOrWhiteSpace(options.ApiKeySid) != string.IsNullOrWhiteSpace(options.ApiKeySecret))
            {
                failures.Add("Twilio:ApiKeySid", "and Twilio:ApiKeySecret go together.");
            }

            if (!string.IsNullOrEmpty(options.PhoneNumber) && !IsE164(options.PhoneNumber))
            {
                failures.Add("Twilio:PhoneNumber", "must be an E.164 number such as +15145550100.");
            }

            var anySet = new[] { options.AccountSid, options.AuthToken, options.ApiKeySid, options.PhoneNumber, options.MessagingServiceSid }
                .Any(value => !string.IsNullOrWhiteSpace(value));
            if (anySet && !options.IsConfigured)
            {
                failures.Add("Twilio", "is partly configured: it needs AccountSid, AuthToken (or ApiKeySid and ApiKeySecret) and PhoneNumber (or MessagingServiceSid).");
            }

            if (options.IsConfigured && string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            {
                failures.Add("Twilio:PublicBaseUrl", "is required with Twilio: webhook signatures are checked against it.");
            }

            return failures.ToResult();
        }

        private static bool IsHttpUrl(string? value) =>
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

        private static bool IsE164(string value) => value.Length is >= 8 and <= 16 && value[0] == '+' && value.Skip(1).All(char.IsAsciiDigit);
    }
}
