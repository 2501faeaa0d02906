using System.Globalization;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using TwilioPhoneNumber = Twilio.Types.PhoneNumber;

namespace PersonalAssistant.Server.Messaging.Sms;

/// <summary>
/// Sends SMS through Twilio's REST API with the official client: a reply longer than <see cref="TwilioOptions.ReplyLimit"/>
/// is split into numbered parts (<see cref="SmsSplitter"/>), sent one after the other, each with the status callback set.
/// Failures are classified: <see cref="SmsPermanentException"/> when sending again cannot help (invalid, unsubscribed or
/// unreachable number…), <see cref="SmsTransientException"/> otherwise (carrier or queue trouble, 429, 5xx, a timeout).
/// A part that failed stops the reply; a retry of a message with a <see cref="SmsMessage.Key"/> sends only the parts the
/// send log has not recorded for that key and text (a message without a key is sent whole again).
/// </summary>
internal sealed partial class TwilioSmsSender(
    IHttpClientFactory httpClients,
    IOptions<TwilioOptions> options,
    ISmsSendLog sendLog,
    ISmsFailures failures,
    ILogger<TwilioSmsSender> logger) : ISmsSender
{
    public const string HttpClientName = "twilio";

    /// <summary>Twilio codes worth a retry: queue overflow, account suspended, unreachable carrier, unknown, message blocked by the carrier for now.</summary>
    private static readonly HashSet<int> TransientCodes = [20429, 30001, 30002, 30003, 30004, 30005];

    /// <summary>Twilio codes sending again cannot fix: invalid 'To', unsubscribed (STOP), not a mobile number, landline or unreachable, carrier violation, unknown carrier error.</summary>
    private static readonly HashSet<int> PermanentCodes = [21211, 21610, 21614, 30006, 30007, 30008];

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken) =>
        await SendPartsAsync(message, cancellationToken);

    /// <summary>Sends the message, split if it is long, and answers what the provider said for each part sent now, in order.</summary>
    public async Task<IReadOnlyList<SmsPartResult>> SendPartsAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var parts = SmsSplitter.Split(message.Body, settings.ReplyLimit);
        var client = CreateClient(httpClients, settings);
        var results = new List<SmsPartResult>(parts.Count);
        var sendKey = SmsSendKeys.Of(message);
        IReadOnlySet<int> already = sendKey is null ? new HashSet<int>() : await sendLog.SentPartsAsync(sendKey, cancellationToken);
        for (var index = 0; index < parts.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (already.Contains(index + 1))
            {
                LogPartSkipped(logger, index + 1, parts.Count);
                continue;
            }

            var body = parts[index];
            var create = new CreateMessageOptions(new TwilioPhoneNumber(message.To))
            {
                Body = body,
                StatusCallback = settings.StatusCallback,
            };
            if (!string.IsNullOrEmpty(settings.MessagingServiceSid))
            {
                create.MessagingServiceSid = settings.MessagingServiceSid;
            }
            else
            {
                create.From = new TwilioPhoneNumber(settings.PhoneNumber);
            }

            MessageResource resource;
            try
            {
                resource = await MessageResource.CreateAsync(create, client);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failure = Classify(exception, index + 1, parts.Count);
                var (code, permanent) = failure switch
                {
                    SmsPermanentException refused => (refused.Code, true),
                    SmsTransientException failed => (failed.Code, false),
                    _ => (0, false),
                };
                try
                {
                    await failures.FailedAsync(message.To, message.UserId, code, permanent, cancellationToken);
                }
                catch (Exception handling) when (handling is not OperationCanceledException)
                {
                    // The caller must still learn what Twilio said (retry or fall back), whatever became of the report.
                    LogFailureNotHandled(logger, handling, code);
                }

                throw failure;
            }

            var local = SmsSegments.Analyze(body);
            var segments = int.TryParse(resource.NumSegments, NumberStyles.Integer, CultureInfo.InvariantCulture, out var counted) ? counted : local.Segments;
            var result = new SmsPartResult(message.UserId, index + 1, parts.Count, resource.Sid, segments, local.Encoding, resource.Status?.ToString() ?? "unknown", sendKey);
            results.Add(result);
            LogPartSent(logger, result.Sid, result.Part, result.Parts, result.Segments, result.Encoding, result.Status);
            await sendLog.RecordAsync(message, result, cancellationToken);
        }

        return results;
    }

    /// <summary>Permanent for the codes that cannot be fixed by sending again and for other 4xx answers; transient for the rest.</summary>
    internal static Exception Classify(Exception exception, int part, int parts)
    {
        // Twilio's messages can quote the number: only codes and statuses go into ours.
        var where = string.Create(CultureInfo.InvariantCulture, $"part {part} of {parts}");
        switch (exception)
        {
            case ApiException api when PermanentCodes.Contains(api.Code):
                return new SmsPermanentException(api.Code, string.Create(CultureInfo.InvariantCulture, $"Twilio refused the SMS ({where}): error {api.Code}, HTTP {api.Status}."), exception);
            case ApiException api when TransientCodes.Contains(api.Code) || api.Status is 0 or 429 or >= 500:
                return new SmsTransientException(api.Code, string.Create(CultureInfo.InvariantCulture, $"Twilio could not take the SMS ({where}): error {api.Code}, HTTP {api.Status}."), exception);
            case ApiException api:
                return new SmsPermanentException(api.Code, string.Create(CultureInfo.InvariantCulture, $"Twilio refused the SMS ({where}): error {api.Code}, HTTP {api.Status}."), exception);
            default:
                // ApiConnectionException (a timeout, a refused connection) and anything else.
                return new SmsTransientException(0, string.Create(CultureInfo.InvariantCulture, $"Twilio could not be reached ({where}): {exception.GetType().Name}."), exception);
        }
    }

    /// <summary>The official client on the "twilio" HTTP client (whose handler sends it to <see cref="TwilioOptions.ApiBaseUrl"/>).</summary>
    internal static TwilioRestClient CreateClient(IHttpClientFactory httpClients, TwilioOptions settings)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(settings);
        var http = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName));
        return settings.UsesApiKey
            ? new TwilioRestClient(settings.ApiKeySid, settings.ApiKeySecret, accountSid: settings.AccountSid, httpClient: http)
            : new TwilioRestClient(settings.AccountSid, settings.AuthToken, accountSid: settings.AccountSid, httpClient: http);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio refused an SMS part (error {Code}) and the failure could not be handled")]
    private static partial void LogFailureNotHandled(ILogger logger, Exception exception, int code);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS part {Part}/{Parts} was accepted by Twilio before: not sent again")]
    private static partial void LogPartSkipped(ILogger logger, int part, int parts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent SMS part {Part}/{Parts} through Twilio as {Sid}: {Segments} segment(s), {Encoding}, {Status}")]
    private static partial void LogPartSent(ILogger logger, string sid, int part, int parts, int segments, SmsEncoding encoding, string status);
}

/// <summary>Sends the client's requests for https://api.twilio.com to <see cref="TwilioOptions.ApiBaseUrl"/> instead (a local fake in tests).</summary>
internal sealed class TwilioBaseUrlHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = new Uri(options.Value.ApiBaseUrl, UriKind.Absolute);
        if (request.RequestUri is { } uri && uri.Host == "api.twilio.com" && (uri.Host != target.Host || uri.Port != target.Port || uri.Scheme != target.Scheme))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
