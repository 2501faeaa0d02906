using System.ComponentModel.DataAnnotations;

namespace PersonalAssistant.Server.Features.Push;

/// <summary>The key a browser subscribes with (<c>applicationServerKey</c> of <c>pushManager.subscribe</c>).</summary>
/// <param name="PublicKey">Base64url of the server's P-256 public point (65 bytes uncompressed).</param>
internal sealed record PushPublicKeyResponse(string PublicKey);

/// <summary>A browser's keys, as <c>PushSubscription.toJSON()</c> gives them.</summary>
/// <param name="P256dh">The browser's P-256 public key, base64url (65 bytes).</param>
/// <param name="Auth">The browser's auth secret, base64url (16 bytes).</param>
internal sealed record PushKeysRequest(
    [property: Required, StringLength(128)] string P256dh,
    [property: Required, StringLength(64)] string Auth);

/// <summary>Subscribe this browser (the same endpoint again updates it).</summary>
/// <param name="Endpoint">The push service URL from the browser (https).</param>
/// <param name="Keys">The browser's keys.</param>
/// <param name="Label">What to call this browser in Settings ("Firefox on Linux").</param>
internal sealed record PushSubscriptionRequest(
    [property: Required, StringLength(PushSubscriptionConfiguration.MaxEndpointLength)] string Endpoint,
    [property: Required] PushKeysRequest Keys,
    [property: StringLength(PushSubscriptionConfiguration.MaxLabelLength)] string? Label);

/// <summary>One subscribed browser (never its endpoint or keys).</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Label">What the person calls it; null when none was given.</param>
/// <param name="CreatedAt">When it was subscribed (UTC).</param>
/// <param name="LastSuccessAt">The last time its push service accepted a message (UTC); null before the first.</param>
internal sealed record PushSubscriptionResponse(Guid Id, string? Label, DateTimeOffset CreatedAt, DateTimeOffset? LastSuccessAt);

/// <summary>A button pressed on a push notification.</summary>
/// <param name="Action">done or snooze.</param>
/// <param name="Minutes">For snooze: minutes to wait (default 10).</param>
/// <param name="Token">The notification's <c>actionToken</c> (from its payload), when the caller is not signed in (a service worker).</param>
internal sealed record NotificationActionRequest(
    [property: Required, AllowedValues(NotificationActions.Done, NotificationActions.Snooze)] string Action,
    [property: Range(1, 24 * 60)] int? Minutes,
    [property: StringLength(256)] string? Token);

internal static class NotificationActions
{
    public const string Done = "done";
    public const string Snooze = "snooze";
}
