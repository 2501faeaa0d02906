using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Push;

/// <summary>
/// Web push (ADR 0011, "Channels and web push"): the server's public key, the person's subscribed browsers (add,
/// list, remove), a test message, and the buttons of a push notification (done, snooze), which act through
/// <see cref="ReminderService"/>. Every statement is scoped to the person.
/// </summary>
internal sealed partial class PushService(
    AppDbContext db,
    VapidKeys keys,
    PushSender sender,
    NotificationActionTokens tokens,
    NotificationService notifications,
    ReminderService reminders,
    PersonClock clock,
    ChannelMetrics metrics,
    TimeProvider time,
    ILogger<PushService> logger)
{
    /// <summary>Browsers one person may subscribe; the oldest stay until removed.</summary>
    public const int MaxSubscriptionsPerPerson = 20;

    public PushPublicKeyResponse PublicKey() => new(keys.PublicKey);

    public async Task<IReadOnlyList<PushSubscriptionResponse>> ListAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var mine = await db.Set<PushSubscription>().AsNoTracking().Where(s => s.UserId == person.UserId)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return [.. mine.Select(Describe)];
    }

    /// <summary>Subscribes a browser; the same endpoint again updates its keys and label (and moves it to this person if another account had it).</summary>
    public async Task<Outcome<PushSubscriptionResponse>> SubscribeAsync(PersonNow person, PushSubscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        if (Check(request, person.Locale) is { } wrong)
        {
            return wrong;
        }

        var now = time.GetUtcNow();
        var hash = HashEndpoint(request.Endpoint);
        var label = string.IsNullOrWhiteSpace(request.Label) ? null : request.Label.Trim();
        var existing = await db.Set<PushSubscription>().SingleOrDefaultAsync(s => s.EndpointHash == hash, cancellationToken);
        if (existing is not null && existing.UserId == person.UserId)
        {
            existing.P256dh = request.Keys.P256dh;
            existing.AuthProtected = sender.ProtectAuth(request.Keys.Auth);
            existing.Label = label ?? existing.Label;
            existing.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return Describe(existing);
        }

        if (await db.Set<PushSubscription>().CountAsync(s => s.UserId == person.UserId, cancellationToken) >= MaxSubscriptionsPerPerson)
        {
            return Failure.Conflict(person.Locale, "Push.TooMany.Title", "Push.TooMany.Detail", MaxSubscriptionsPerPerson);
        }

        if (existing is not null)
        {
            // The browser is now signed in as this person: the other account's nudges must stop reaching it.
            db.Set<PushSubscription>().Remove(existing);
        }

        var subscription = new PushSubscription
        {
            UserId = person.UserId,
            Endpoint = request.Endpoint,
            EndpointHash = hash,
            P256dh = request.Keys.P256dh,
            AuthProtected = sender.ProtectAuth(request.Keys.Auth),
            Label = label,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Set<PushSubscription>().Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        LogSubscribed(logger, subscription.Id);
        return Describe(subscription);
    }

    public async Task<Outcome<Done>> UnsubscribeAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var removed = await db.Set<PushSubscription>().Where(s => s.Id == id && s.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? Failure.NotFound(person.Locale, "Push.NotFound") : new Done();
    }

    /// <summary>Sends "This is a test notification" to every browser of the person; a gone one is removed. The count reached.</summary>
    public async Task<Outcome<int>> SendTestAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var payload = new PushPayload(Texts.Get(person.Locale, "Push.Title"), Texts.Get(person.Locale, "Push.Test"), null, null, null, false, "/", [], null);
        var (sent, tried) = await SendToAllAsync(person.UserId, payload, cancellationToken);
        if (tried == 0)
        {
            return Failure.Conflict(person.Locale, "Push.NoSubscription.Title", "Push.NoSubscription.Detail");
        }

        return sent;
    }

    /// <summary>
    /// Done or snooze from a notification's button: the signed-in owner, or anyone holding the notification's action
    /// token (a service worker). A wrong or expired token is forbidden; someone else's notification is not found.
    /// </summary>
    public async Task<Outcome<Done>> ActAsync(Guid notificationId, NotificationActionRequest request, Guid? signedIn, string locale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, locale) is { } invalid)
        {
            return invalid;
        }

        if (signedIn is null && !tokens.IsValid(notificationId, request.Token))
        {
            return Failure.Forbidden(locale, "Push.ActionToken.Title", "Push.ActionToken.Detail");
        }

        var found = await notifications.FindForDeliveryAsync(notificationId, cancellationToken);
        if (found is not { } notification || (signedIn is { } caller && notification.UserId != caller))
        {
            return Failure.NotFound(locale, "Notifications.NotFound");
        }

        var person = await clock.NowAsync(notification.UserId, cancellationToken);
        if (notification.Notification.ReminderId is not { } reminderId)
        {
            return Failure.Conflict(person.Locale, "Push.NothingToAct.Title", "Push.NothingToAct.Detail");
        }

        // the same acting as a DONE or SNOOZE reply in the chat: a series keeps its next occurrence, and the nudge counts
        // as answered (not ignored)
        var command = request.Action == NotificationActions.Snooze ? NudgeCommand.Snooze : NudgeCommand.Done;
        var acted = await reminders.ActOnNudgeAsync(person, reminderId, command, request.Minutes, cancellationToken);
        if (acted.Failure is { } failure)
        {
            return failure;
        }

        await notifications.MarkReadAsync(person, notificationId, cancellationToken);
        metrics.Action(request.Action);
        return new Done();
    }

    /// <summary>Whether the person has any subscribed browser.</summary>
    public Task<bool> HasSubscriptionsAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<PushSubscription>().AnyAsync(s => s.UserId == userId, cancellationToken);

    /// <summary>
    /// Sends one payload to each of the person's browsers: a gone one (404/410) is removed. Sent when any browser took
    /// it; else transient when any failure was transient; else the last permanent reason.
    /// </summary>
    public async Task<(int Sent, int Tried, PushResult Result)> SendToAllWithResultAsync(Guid userId, PushPayload payload, CancellationToken cancellationToken)
    {
        var mine = await db.Set<PushSubscription>().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        var sent = 0;
        PushResult? transient = null;
        PushResult? permanent = null;
        foreach (var subscription in mine)
        {
            var result = await sender.SendAsync(subscription, payload, cancellationToken);
            switch (result.Kind)
            {
                case PushResultKind.Sent:
                    sent++;
                    subscription.LastSuccessAt = time.GetUtcNow();
                    break;
                case PushResultKind.Gone:
                    db.Set<PushSubscription>().Remove(subscription);
                    LogGone(logger, subscription.Id, result.Error);
                    permanent = result;
                    break;
                case PushResultKind.Transient:
                    transient = result;
                    break;
                default:
                    permanent = result;
                    break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var overall = sent > 0 ? PushResult.Sent
            : transient ?? permanent ?? new PushResult(PushResultKind.Rejected, ChannelErrors.NoTarget);
        return (sent, mine.Count, overall);
    }

    private async Task<(int Sent, int Tried)> SendToAllAsync(Guid userId, PushPayload payload, CancellationToken cancellationToken)
    {
        var (sent, tried, _) = await SendToAllWithResultAsync(userId, payload, cancellationToken);
        return (sent, tried);
    }

    private static Failure? Check(PushSubscriptionRequest request, string locale)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Uri.TryCreate(request.Endpoint, UriKind.Absolute, out var endpoint)
            || !(endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback))
            || !string.IsNullOrEmpty(endpoint.UserInfo))
        {
            errors["endpoint"] = [Texts.Get(locale, "Push.Endpoint")];
        }

        // The binder lets a JSON object without its members through; the annotations on nested records are not run.
        if (request.Keys?.P256dh is not { } p256dh || !IsPublicKey(p256dh))
        {
            errors["keys.p256dh"] = [Texts.Get(locale, "Push.P256dh")];
        }

        if (request.Keys?.Auth is not { } auth || !IsBase64Url(auth, 16))
        {
            errors["keys.auth"] = [Texts.Get(locale, "Push.Auth")];
        }

        return errors.Count == 0 ? null : Failure.Invalid(locale, errors);
    }

    private static bool IsBase64Url(string value, int length)
    {
        Span<byte> buffer = stackalloc byte[96];
        return value.Length <= 128 && Base64Url.IsValid(value) && Base64Url.TryDecodeFromChars(value, buffer, out var written) && written == length;
    }

    /// <summary>An uncompressed P-256 point that is on the curve (the browser's ECDH key).</summary>
    private static bool IsPublicKey(string value)
    {
        if (!IsBase64Url(value, 65))
        {
            return false;
        }

        var point = Base64Url.DecodeFromChars(value);
        if (point[0] != 0x04)
        {
            return false;
        }

        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string HashEndpoint(string endpoint) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)));

    private static PushSubscriptionResponse Describe(PushSubscription s) => new(s.Id, s.Label, s.CreatedAt, s.LastSuccessAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Push subscription {SubscriptionId} added")]
    private static partial void LogSubscribed(ILogger logger, Guid subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Push subscription {SubscriptionId} removed: its push service answered {Error}")]
    private static partial void LogGone(ILogger logger, Guid subscriptionId, string? error);
}

internal static class ChannelErrors
{
    public const string NoTarget = "no-target";
    public const string RetriesExhausted = "retries-exhausted";
}
