using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Messaging.Sms;

/// <summary>
/// Twilio (section <c>Twilio</c>, issue 17), read by the sender here and by the inbound webhook (<c>Features/Sms</c>).
/// Twilio is used when <see cref="AccountSid"/>, credentials (the auth token, or an API key and its secret) and a sender
/// (a phone number or a messaging service) are set; otherwise the instance is in simulator mode: every SMS goes to the
/// outbox and the SMS simulator is open.
/// </summary>
internal sealed class TwilioOptions
{
    public const string Section = "Twilio";
    public const string SharedMode = "shared";
    public const string DedicatedMode = "dedicated";

    /// <summary>The account (AC…): the REST API's path and, with the auth token, its basic authentication.</summary>
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>An API key (SK…) and its secret, used instead of the auth token when both are set.</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary>The number messages are sent from (E.164), unless <see cref="MessagingServiceSid"/> is set.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>A messaging service (MG…) that picks the sender; preferred over <see cref="PhoneNumber"/> when both are set.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>
    /// The public URL Twilio calls (e.g. https://assistant.example.org): webhook signatures are computed over it, never over
    /// the request's host, and Twilio posts delivery statuses to <c>{PublicBaseUrl}/webhooks/twilio/status</c>.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary><c>shared</c>: one number, the sender's number names the person; <c>dedicated</c>: a number per person, the <c>To</c> number names them.</summary>
    public string NumberMode { get; set; } = SharedMode;

    public bool IsDedicated => string.Equals(NumberMode, DedicatedMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>The REST API's address (tests point it at a local fake).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>Characters per SMS part: a longer reply is split into numbered parts of at most this many characters.</summary>
    public int ReplyLimit { get; set; } = 320;

    /// <summary>Seconds a request to the REST API may take before it counts as a transient failure.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool UsesApiKey => !string.IsNullOrEmpty(ApiKeySid) && !string.IsNullOrEmpty(ApiKeySecret);

    public bool IsConfigured =>
        !string.IsNullOrEmpty(AccountSid)
        && (UsesApiKey || !string.IsNullOrEmpty(AuthToken))
        && (!string.IsNullOrEmpty(PhoneNumber) || !string.IsNullOrEmpty(MessagingServiceSid));

    /// <summary>Where Twilio posts delivery statuses, or null without a public address.</summary>
    public Uri? StatusCallback =>
        string.IsNullOrEmpty(PublicBaseUrl) ? null : new Uri(PublicBaseUrl.TrimEnd('/') + "/webhooks/twilio/status", UriKind.Absolute);

    internal sealed class Validator : IValidateOptions<TwilioOptions>
    {
        public ValidateOptionsResult Validate(string? name, TwilioOptions options)
        {
            var failures = new OptionsFailures();
            if (!string.Equals(options.NumberMode, SharedMode, StringComparison.OrdinalIgnoreCase) && !options.IsDedicated)
            {
                failures.Add("Twilio:NumberMode", $"must be shared or dedicated, not '{options.NumberMode}'.");
            }

            if (!string.IsNullOrEmpty(options.PhoneNumber) && !IsE164(options.PhoneNumber))
            {
                failures.Add("Twilio:PhoneNumber", "must be an E.164 number such as +15145550100.");
            }

            if (options.IsConfigured && string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            {
                failures.Add("Twilio:PublicBaseUrl", "is required with Twilio: webhook signatures are checked against it.");
            }

            if (options.ReplyLimit is < SmsSplitter.MinimumLimit or > 1600)
            {
                failures.Add("Twilio:ReplyLimit", $"must be between {SmsSplitter.MinimumLimit} and 1600.");
            }

            if (options.TimeoutSeconds is < 1 or > 120)
            {
                failures.Add("Twilio:TimeoutSeconds", "must be between 1 and 120.");
            }

            if (!IsHttpUrl(options.ApiBaseUrl))
            {
                failures.Add("Twilio:ApiBaseUrl", "must be an absolute http(s) address.");
            }

            if (!string.IsNullOrEmpty(options.PublicBaseUrl) && !IsHttpUrl(options.PublicBaseUrl))
            {
                failures.Add("Twilio:PublicBaseUrl", "must be an absolute http(s) address.");
            }

            if (!string.IsNullOrEmpty(options.ApiKeySid) != !string.IsNullOrEmpty(options.ApiKeySecret))
            {
                failures.Add("Twilio:ApiKeySid", "and Twilio:ApiKeySecret must be set together.");
            }

            var anySet = !string.IsNullOrEmpty(options.AccountSid) || !string.IsNullOrEmpty(options.AuthToken) || options.UsesApiKey
                || !string.IsNullOrEmpty(options.PhoneNumber) || !string.IsNullOrEmpty(options.MessagingServiceSid);
            if (anySet && !options.IsConfigured)
            {
                failures.Add("Twilio", "is partly set: sending needs AccountSid, AuthToken (or ApiKeySid and ApiKeySecret), and PhoneNumber or MessagingServiceSid.");
            }

            return failures.ToResult();
        }

        private static bool IsE164(string value) => value.Length is >= 8 and <= 16 && value[0] == '+' && value.Skip(1).All(char.IsAsciiDigit);

        private static bool IsHttpUrl(string? value) =>
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
    }
}
