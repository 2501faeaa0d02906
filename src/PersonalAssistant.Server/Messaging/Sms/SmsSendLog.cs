namespace PersonalAssistant.Server.Messaging.Sms;

/// <summary>One part of an outbound SMS as the provider accepted it.</summary>
/// <param name="UserId">The person it was sent to, when known.</param>
/// <param name="Part">1-based position of this part in the reply.</param>
/// <param name="Parts">How many parts the reply was split into.</param>
/// <param name="Sid">The provider's message id (Twilio's SM…).</param>
/// <param name="Segments">Segments the provider counts (billing), or the local count when the provider gave none.</param>
/// <param name="Encoding">The part's encoding, computed locally (GSM-7 or UCS-2).</param>
/// <param name="Status">The provider's first status (Twilio: queued, accepted, …).</param>
/// <param name="SendKey">The message's key with its text's fingerprint (<see cref="SmsSendKeys.Of"/>), or null without a key.</param>
internal sealed record SmsPartResult(Guid? UserId, int Part, int Parts, string Sid, int Segments, SmsEncoding Encoding, string Status, string? SendKey = null);

/// <summary>
/// Where the sender records every part it sent (the message log the status webhook updates). The default records
/// nothing; the SMS feature replaces it with its table.
/// </summary>
internal interface ISmsSendLog
{
    Task RecordAsync(SmsMessage message, SmsPartResult part, CancellationToken cancellationToken);

    /// <summary>The parts (1-based) already recorded for <paramref name="sendKey"/>: a retry does not send them again.</summary>
    Task<IReadOnlySet<int>> SentPartsAsync(string sendKey, CancellationToken cancellationToken);
}

internal sealed class NoSmsSendLog : ISmsSendLog
{
    public Task RecordAsync(SmsMessage message, SmsPartResult part, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlySet<int>> SentPartsAsync(string sendKey, CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<int>>(new HashSet<int>());
}

/// <summary>The keys of the texts the server sends (<see cref="SmsMessage.Key"/>).</summary>
internal static class SmsKeys
{
    private const string NotificationPrefix = "notification-";

    /// <summary>A nudge: the notification it delivers.</summary>
    public static string Notification(Guid notificationId) => NotificationPrefix + notificationId.ToString("N");

    /// <summary>A reply to an inbound text.</summary>
    public static string Reply(Guid inboundSmsId) => "reply-" + inboundSmsId.ToString("N");

    /// <summary>The notification a send key (<see cref="SmsSendKeys.Of"/>) delivers, or null when it is not a nudge's.</summary>
    public static Guid? NotificationOf(string? sendKey) =>
        sendKey is not null && sendKey.Length >= NotificationPrefix.Length + 32 && sendKey.StartsWith(NotificationPrefix, StringComparison.Ordinal)
        && Guid.TryParseExact(sendKey.AsSpan(NotificationPrefix.Length, 32), "N", out var id)
            ? id
            : null;
}

/// <summary>The key a sent part is recorded under: the message's key and a fingerprint of its text.</summary>
internal static class SmsSendKeys
{
    public const int MaxLength = 80;

    /// <summary>
    /// <c>{key}#{16 hex digits of the text's SHA-256}</c>: a retry that sends another text under the same key (an assistant
    /// turn run again answers differently) starts again from part 1 instead of finishing someone else's split.
    /// </summary>
    public static string? Of(SmsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Key is not { Length: > 0 } key)
        {
            return null;
        }

        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.Body)))[..16];
        var prefix = key.Length > MaxLength - 17 ? key[..(MaxLength - 17)] : key;
        return prefix + "#" + fingerprint;
    }
}
