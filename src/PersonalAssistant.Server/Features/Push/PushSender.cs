using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebPushSubscription = Lib.Net.Http.WebPush.PushSubscription;

namespace PersonalAssistant.Server.Features.Push;

/// <summary>What the service worker receives (JSON, encrypted for the browser with aes128gcm, RFC 8291).</summary>
internal sealed record PushPayload(
    string Title,
    string Body,
    Guid? NotificationId,
    Guid? ReminderId,
    DateTimeOffset? Occurrence,
    bool Late,
    string Url,
    IReadOnlyList<PushPayloadAction> Actions,
    string? ActionToken)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>A button on the notification: <c>action</c> is what the service worker posts back.</summary>
internal sealed record PushPayloadAction(string Action, string Title);

/// <summary>How one message to one browser went.</summary>
internal enum PushResultKind
{
    Sent,

    /// <summary>404 or 410: the browser unsubscribed or the subscription expired; it is removed.</summary>
    Gone,

    /// <summary>The push service refused the message itself (400, 413, 401, 403): sending it again cannot help.</summary>
    Rejected,

    /// <summary>429, 5xx, a timeout or a network error: worth retrying later.</summary>
    Transient,
}

internal readonly record struct PushResult(PushResultKind Kind, string? Error)
{
    public static PushResult Sent => new(PushResultKind.Sent, null);
}

/// <summary>
/// Sends one encrypted message to one browser through its push service (RFC 8030) with VAPID (RFC 8292), and sorts the
/// answer into sent, gone, rejected or transient. Never logs the endpoint, keys or payload.
/// </summary>
internal sealed class PushSender(HttpClient http, VapidKeys keys, IOptions<PushOptions> options, IDataProtectionProvider protection)
{
    public const string ProtectorPurpose = "PersonalAssistant.Push.Auth.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(ProtectorPurpose);

    public string ProtectAuth(string auth) => _protector.Protect(auth);

    public async Task<PushResult> SendAsync(PushSubscription subscription, PushPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(payload);
        var ttl = options.Value.TimeToLiveSeconds;
        var client = new PushServiceClient(http)
        {
            AutoRetryAfter = false,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            DefaultTimeToLive = ttl,
        };
        var target = new WebPushSubscription
        {
            Endpoint = subscription.Endpoint,
            Keys = new Dictionary<string, string>
            {
                ["p256dh"] = subscription.P256dh,
                ["auth"] = _protector.Unprotect(subscription.AuthProtected),
            },
        };
        using var authentication = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = keys.Subject };
        var message = new PushMessage(payload.ToJson()) { Urgency = PushMessageUrgency.High, TimeToLive = ttl };
        try
        {
            await client.RequestPushMessageDeliveryAsync(target, message, authentication, cancellationToken);
            return PushResult.Sent;
        }
        catch (PushServiceClientException exception)
        {
            var status = (int)exception.StatusCode;
            var error = $"http-{status}";
            return exception.StatusCode switch
            {
                HttpStatusCode.NotFound or HttpStatusCode.Gone => new PushResult(PushResultKind.Gone, error),
                HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => new PushResult(PushResultKind.Transient, error),
                _ when status >= 500 => new PushResult(PushResultKind.Transient, error),
                _ => new PushResult(PushResultKind.Rejected, error),
            };
        }
        catch (HttpRequestException)
        {
            return new PushResult(PushResultKind.Transient, "network");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PushResult(PushResultKind.Transient, "timeout");
        }
    }
}
