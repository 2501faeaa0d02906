using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Privacy;
using PersonalAssistant.Server.Features.Profile;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Sms.Allowances;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;
using IdentityChannels = PersonalAssistant.Server.Identity.Channels;

namespace PersonalAssistant.Server.Features.Push;

/// <summary>A channel failed in a way worth retrying: Hangfire retries the job on its schedule (ADR 0011).</summary>
internal sealed class TransientDeliveryException : Exception
{
    public TransientDeliveryException()
    {
    }

    public TransientDeliveryException(string message)
        : base(message)
    {
    }

    public TransientDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Delivers a notification already written in the app (the in-app channel) on the person's proactive channels, as a
/// <c>critical</c> job enqueued after the dispatcher's commit. The channels are tried in the person's order
/// (<see cref="UserPreferences.PreferredChannels"/>), turned-on ones only: push (a subscribed browser), sms (a verified
/// number), email (a confirmed address). The first that takes the message ends the job. A permanent failure falls back
/// to the next channel at once; a transient one throws, so Hangfire retries with backoff, and on the last retry falls
/// back (in a fresh job, with its own retries). Every attempt and fallback is a <see cref="DeliveryAttempt"/>; a channel
/// that sent once is never sent again for the same notification.
/// </summary>
internal sealed partial class ChannelDeliveryService(
    AppDbContext db,
    NotificationService notifications,
    PushService push,
    NotificationActionTokens tokens,
    ISmsSender sms,
    PhoneNumberService phoneNumbers,
    SmsAllowanceService smsAllowances,
    ConsentService consents,
    IEmailSender email,
    IBackgroundJobClient jobs,
    IOptions<JobsOptions> jobOptions,
    ChannelMetrics metrics,
    TimeProvider time,
    ILogger<ChannelDeliveryService> logger)
{
    private static readonly string[] Proactive = [IdentityChannels.Push, IdentityChannels.Sms, IdentityChannels.Email];

    /// <summary>
    /// Queues the delivery of notifications already committed: one <c>critical</c> job each for the people with a
    /// proactive channel turned on or a browser subscribed (which the job records as not consented); the others have
    /// only the in-app channel, where the notification already is.
    /// </summary>
    public async Task EnqueueAsync(IReadOnlyCollection<(Guid UserId, Guid NotificationId)> committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(committed);
        if (committed.Count == 0)
        {
            return;
        }

        var userIds = committed.Select(c => c.UserId).Distinct().ToList();
        var reachable = (await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Preferences }).ToListAsync(cancellationToken))
            .Where(u => u.Preferences.PreferredChannels.Any(Proactive.Contains)).Select(u => u.Id).ToHashSet();
        reachable.UnionWith(await db.Set<PushSubscription>().AsNoTracking().Where(s => userIds.Contains(s.UserId)).Select(s => s.UserId).Distinct()
            .ToListAsync(cancellationToken));
        Enqueue(committed.Where(c => reachable.Contains(c.UserId)).Select(c => c.NotificationId));
    }

    /// <summary>Queues the delivery of notifications already committed (one <c>critical</c> job each).</summary>
    private void Enqueue(IEnumerable<Guid> notificationIds)
    {
        ArgumentNullException.ThrowIfNull(notificationIds);
        foreach (var id in notificationIds)
        {
            try
            {
                jobs.Create<ChannelDeliveryService>(service => service.DeliverAsync(id, null, CancellationToken.None), new Hangfire.States.EnqueuedState(JobQueues.Critical));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The notification is committed and in the app; one that cannot be queued must not stop the others.
                LogEnqueueFailed(logger, exception, id);
            }
        }
    }

    /// <summary>The job. <paramref name="context"/> is Hangfire's (it tells which retry this is).</summary>
    [Queue(JobQueues.Critical)]
    public Task DeliverAsync(Guid notificationId, PerformContext? context, CancellationToken cancellationToken) =>
        DeliverAsync(notificationId, context?.GetJobParameter<int>("RetryCount") ?? 0, cancellationToken);

    /// <summary>One run of the job; <paramref name="retryCount"/> is 0 for the first run, then 1, 2, … for Hangfire's retries.</summary>
    public async Task DeliverAsync(Guid notificationId, int retryCount, CancellationToken cancellationToken)
    {
        if (await notifications.FindForDeliveryAsync(notificationId, cancellationToken) is not { } found)
        {
            return;
        }

        var (userId, notification) = found;
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Locale, u.Preferences, u.Email, u.EmailConfirmed, u.DeletionDueAt, u.IsActive }).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return;
        }

        var attempts = await db.Set<DeliveryAttempt>().AsNoTracking().Where(a => a.NotificationId == notificationId).ToListAsync(cancellationToken);
        if (attempts.Any(a => a.Outcome == DeliveryAttemptOutcomes.Sent && !attempts.Any(f => f.Channel == a.Channel && f.Outcome == DeliveryAttemptOutcomes.FellBack)))
        {
            return; // delivered (a channel that reported a failure after taking it has fallen back: FallBackAsync)
        }

        var draft = new Delivery(notificationId, userId, notification, person.Locale);
        // Asked now, right before sending: a consent withdrawn a second ago, a deletion asked for or a deactivation already counts.
        var consented = await consents.ProactiveChannelsAsync(userId, person.Preferences.PreferredChannels, person.DeletionDueAt, person.IsActive, cancellationToken);
        var wanted = person.Preferences.PreferredChannels.Where(Proactive.Contains).Distinct(StringComparer.Ordinal).ToList();
        foreach (var refused in wanted.Where(c => !consented.Contains(c)))
        {
            if (!attempts.Any(a => a.Channel == refused && a.Outcome == DeliveryAttemptOutcomes.NoConsent))
            {
                // Turned on without a consent on record (withdrawn since, or STOP texted): nothing goes there, and the record says why.
                await RecordAsync(draft, refused, DeliveryAttemptOutcomes.NoConsent, null, 0, cancellationToken);
            }
        }

        var turnedOn = wanted.Where(consented.Contains).ToList();
        if (!wanted.Contains(IdentityChannels.Push) && attempts.Count == 0 && await push.HasSubscriptionsAsync(userId, cancellationToken))
        {
            // A browser is subscribed but the person has not turned push on: nothing goes there, and the record says why.
            await RecordAsync(draft, IdentityChannels.Push, DeliveryAttemptOutcomes.NoConsent, null, 0, cancellationToken);
        }

        var lastRun = retryCount >= jobOptions.Value.RetryAttempts;
        for (var index = 0; index < turnedOn.Count; index++)
        {
            var channel = turnedOn[index];
            if (attempts.Any(a => a.Channel == channel && a.Outcome == DeliveryAttemptOutcomes.FellBack))
            {
                continue;
            }

            var attempt = attempts.Count(a => a.Channel == channel && a.Outcome != DeliveryAttemptOutcomes.NoConsent) + 1;
            var (kind, error) = await SendAsync(channel, draft, person.Email, person.EmailConfirmed, cancellationToken);
            switch (kind)
            {
                case PushResultKind.Sent:
                    await RecordAsync(draft, channel, DeliveryAttemptOutcomes.Sent, null, attempt, cancellationToken);
                    return;
                case PushResultKind.Transient when !lastRun:
                    await RecordAsync(draft, channel, DeliveryAttemptOutcomes.FailedTransient, error, attempt, cancellationToken);
                    throw new TransientDeliveryException($"Delivery on {channel} failed ({error}); it will be retried.");
                case PushResultKind.Transient:
                    await RecordAsync(draft, channel, DeliveryAttemptOutcomes.FailedTransient, error, attempt, cancellationToken);
                    await RecordAsync(draft, channel, DeliveryAttemptOutcomes.FellBack, ChannelErrors.RetriesExhausted, attempt, cancellationToken);
                    if (index < turnedOn.Count - 1)
                    {
                        // This job has spent its retries; the next channel gets a job of its own, with its own.
                        Enqueue([notificationId]);
                    }

                    return;
                default:
                    await RecordAsync(draft, channel, DeliveryAttemptOutcomes.FailedPermanent, error, attempt, cancellationToken);
                    await RecordAsync(draft, channel, DeliveryAttemptOutcomes.FellBack, error, attempt, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>
    /// A channel that took the notification reported later that it could not deliver it (an SMS Twilio's status callback
    /// marked undelivered): the report is recorded as a failed attempt, the channel is left (<c>fell-back</c>), and a job
    /// goes on with the next channels in the person's order (none left: nothing more). Once per channel and notification;
    /// nothing when it was not sent there.
    /// </summary>
    public async Task FallBackAsync(Guid notificationId, string channel, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (await notifications.FindForDeliveryAsync(notificationId, cancellationToken) is not { } found)
        {
            return;
        }

        var attempts = await db.Set<DeliveryAttempt>().AsNoTracking().Where(a => a.NotificationId == notificationId && a.Channel == channel).ToListAsync(cancellationToken);
        if (attempts.FirstOrDefault(a => a.Outcome == DeliveryAttemptOutcomes.Sent) is not { } sent || attempts.Any(a => a.Outcome == DeliveryAttemptOutcomes.FellBack))
        {
            return;
        }

        var draft = new Delivery(notificationId, found.UserId, found.Notification, string.Empty);
        await RecordAsync(draft, channel, DeliveryAttemptOutcomes.FailedPermanent, error, sent.Attempt, cancellationToken);
        await RecordAsync(draft, channel, DeliveryAttemptOutcomes.FellBack, error, sent.Attempt, cancellationToken);
        Enqueue([notificationId]);
    }

    private async Task<PushResult> SendAsync(string channel, Delivery delivery, string? address, bool addressConfirmed, CancellationToken cancellationToken)
    {
        var (_, userId, notification, locale) = delivery;
        try
        {
            if (channel == IdentityChannels.Push)
            {
                var payload = new PushPayload(Texts.Get(locale, "Push.Title"), notification.Text, notification.Id, notification.ReminderId,
                    notification.Occurrence, notification.Late, "/",
                    [
                        new PushPayloadAction(NotificationActions.Done, Texts.Get(locale, "Push.Action.Done")),
                        new PushPayloadAction(NotificationActions.Snooze, Texts.Format(locale, "Push.Action.Snooze", ReminderService.DefaultSnoozeMinutes)),
                    ],
                    tokens.Issue(notification.Id));
                var (_, tried, result) = await push.SendToAllWithResultAsync(userId, payload, cancellationToken);
                return tried == 0 ? new PushResult(PushResultKind.Rejected, ChannelErrors.NoTarget) : result;
            }

            if (channel == IdentityChannels.Sms)
            {
                // A number that texted STOP takes nothing (PhoneNumberService answers only numbers still opted in).
                if (await phoneNumbers.SmsTargetAsync(userId, cancellationToken) is not { } number)
                {
                    return new PushResult(PushResultKind.Rejected, ChannelErrors.NoTarget);
                }

                // Past the role's SMS allowance: the next channel takes the nudge.
                if (!await smsAllowances.MaySendAsync(userId, cancellationToken))
                {
                    return new PushResult(PushResultKind.Rejected, SmsAllowanceService.OverAllowanceError);
                }

                // Keyed by the notification: a retry after a part failed sends only the parts not yet accepted.
                await sms.SendAsync(new SmsMessage(number, notification.Text, userId, SmsKeys.Notification(notification.Id)), cancellationToken);
                return PushResult.Sent;
            }

            // email
            if (string.IsNullOrEmpty(address) || !addressConfirmed)
            {
                return new PushResult(PushResultKind.Rejected, ChannelErrors.NoTarget);
            }

            await email.SendAsync(new EmailMessage(address, Texts.Get(locale, "Channels.Email.Subject"), notification.Text, userId), cancellationToken);
            return PushResult.Sent;
        }
        catch (SmsPermanentException exception)
        {
            // The provider refused the number or the message for good (Messaging/Sms): the next channel, at once.
            LogSendFailed(logger, channel, delivery.NotificationId, exception.GetType().Name);
            return new PushResult(PushResultKind.Rejected, SmsErrors.Of(exception.Code));
        }
        catch (SmsTransientException exception)
        {
            LogSendFailed(logger, channel, delivery.NotificationId, exception.GetType().Name);
            return new PushResult(PushResultKind.Transient, SmsErrors.Of(exception.Code));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The SMS and email senders throw on anything (a provider down, a timeout): worth a retry.
            // The exception's message may hold the address or number: only its type is logged.
            LogSendFailed(logger, channel, delivery.NotificationId, exception.GetType().Name);
            return new PushResult(PushResultKind.Transient, exception.GetType().Name);
        }
    }

    private async Task RecordAsync(Delivery delivery, string channel, string outcome, string? error, int attempt, CancellationToken cancellationToken)
    {
        db.Set<DeliveryAttempt>().Add(new DeliveryAttempt
        {
            NotificationId = delivery.NotificationId,
            UserId = delivery.UserId,
            ReminderId = delivery.Notification.ReminderId,
            Occurrence = delivery.Notification.Occurrence,
            Channel = channel,
            Outcome = outcome,
            Error = error is { Length: > 64 } ? error[..64] : error,
            Attempt = attempt,
            At = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (outcome == DeliveryAttemptOutcomes.Sent && exception.IsUniqueViolation())
        {
            // Another run recorded this channel's success first (the unique key): it was sent once, as it should be.
            db.ChangeTracker.Clear();
        }

        metrics.Delivery(channel, outcome);
        LogAttempt(logger, delivery.NotificationId, channel, outcome, error, attempt);
    }

    private sealed record Delivery(Guid NotificationId, Guid UserId, NotificationResponse Notification, string Locale);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} on {Channel}: {Outcome} ({Error}), attempt {Attempt}")]
    private static partial void LogAttempt(ILogger logger, Guid notificationId, string channel, string outcome, string? error, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {NotificationId} is in the app but its channel delivery could not be queued")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, Guid notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending notification {NotificationId} on {Channel} failed: {ErrorType}")]
    private static partial void LogSendFailed(ILogger logger, string channel, Guid notificationId, string errorType);
}
