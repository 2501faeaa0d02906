using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Messaging.Sms;
using Twilio.Security;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with Twilio's own <see cref="RequestValidator"/> (HMAC-SHA1 with the auth token over
/// the URL and the sorted form parameters). The URL is <c>Twilio:PublicBaseUrl</c> plus the request's path and query:
/// behind a proxy the request's own host is not what Twilio signed, and trusting it would let the caller choose it.
/// </summary>
internal sealed class TwilioSignatureValidator(IOptions<TwilioOptions> options)
{
    public const string Header = "X-Twilio-Signature";

    public bool IsValid(HttpRequest request, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var signature = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(settings.AuthToken) || string.IsNullOrEmpty(settings.PublicBaseUrl))
        {
            return false;
        }

        var url = SignedUrl(settings.PublicBaseUrl, request.PathBase + request.Path, request.QueryString.Value);
        return new RequestValidator(settings.AuthToken).Validate(url, form.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), signature);
    }

    /// <summary>The URL Twilio signed: the public base, the path and the query as received.</summary>
    public static string SignedUrl(string publicBaseUrl, string path, string? query) =>
        publicBaseUrl.TrimEnd('/') + path + (query ?? string.Empty);
}
