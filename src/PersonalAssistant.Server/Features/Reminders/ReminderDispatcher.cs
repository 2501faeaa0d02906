using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>How reminders are sent (section <c>Reminders</c>).</summary>
internal sealed class ReminderDispatchOptions
{
    public const string Section = "Reminders";

    /// <summary>Whether this host looks for due reminders (every replica may: claims never overlap).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>Seconds between two looks for due reminders: the most a reminder waits between its time and its sending.</summary>
    public int DispatchIntervalSeconds { get; set; } = 2;

    /// <summary>Hours after its time that a missed occurrence is still sent (marked late); older ones go to the briefing.</summary>
    public int GraceWindowHours { get; set; } = 12;

    /// <summary>Seconds after its time from which a sent reminder is marked late.</summary>
    public int LateAfterSeconds { get; set; } = 60;

    /// <summary>Reminders claimed per transaction.</summary>
    public int BatchSize { get; set; } = 100;

    public TimeSpan Interval => TimeSpan.FromSeconds(DispatchIntervalSeconds);

    public TimeSpan GraceWindow => TimeSpan.FromHours(GraceWindowHours);

    public TimeSpan LateAfter => TimeSpan.FromSeconds(LateAfterSeconds);

    internal sealed class Validator : IValidateOptions<ReminderDispatchOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReminderDispatchOptions options)
        {
            var failures = new OptionsFailures();
            if (options.DispatchIntervalSeconds is < 1 or > 4)
            {
                failures.Add("Reminders:DispatchIntervalSeconds", "must be between 1 and 4 (a due reminder is sent within 5 seconds).");
            }

            if (options.GraceWindowHours is < 0 or > 24 * 7)
            {
                failures.Add("Reminders:GraceWindowHours", "must be between 0 and 168.");
            }

            if (options.LateAfterSeconds is < 1 or > 3600)
            {
                failures.Add("Reminders:LateAfterSeconds", "must be between 1 and 3600.");
            }

            if (options.BatchSize is < 1 or > 1000)
            {
                failures.Add("Reminders:BatchSize", "must be between 1 and 1000.");
            }

            return failures.ToResult();
        }
    }
}

/// <summary>One dispatch pass at a time in this process (the loop and any direct call); replicas are kept apart by row locks.</summary>
internal sealed class ReminderDispatchGate
{
    public SemaphoreSlim Pass { get; } = new(1, 1);
}

/// <summary>What one pass did.</summary>
internal sealed record DispatchTally(int Sent, int Late, int SkippedToBriefing, int Superseded, int Deduplicated,
    int HeldQuietHours = 0, int Capped = 0, int HeldIgnored = 0)
{
    public static readonly DispatchTally None = new(0, 0, 0, 0, 0);

    public DispatchTally Plus(DispatchTally other) => new(Sent + other.Sent, Late + other.Late, SkippedToBriefing + other.SkippedToBriefing,
        Superseded + other.Superseded, Deduplicated + other.Deduplicated, HeldQuietHours + other.HeldQuietHours, Capped + other.Capped,
        HeldIgnored + other.HeldIgnored);
}

/// <summary>
/// Sends the reminders that are due (next occurrence ≤ now by the injected clock). Each batch is claimed in a transaction:
/// <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so replicas take different rows; on SQLite one pass at a time (the process
/// gate; SQLite serialises writers anyway). For each reminder it records every due occurrence in
/// <see cref="ReminderDelivery"/> (unique per reminder and occurrence), sends the latest one within the grace window to
/// the in-app channel (marked late when it is), records the older ones as skipped to the briefing, and moves the
/// reminder to its next occurrence in its zone, or marks a one-off delivered. The notification, the records and the
/// move are saved together; the live event follows the commit.
/// </summary>
internal sealed partial class ReminderDispatcher(
    AppDbContext db,
    NotificationService notifications,
    ChannelDeliveryService channels,
    ReminderDispatchGate gate,
    ReminderMetrics metrics,
    TimeProvider time,
    IOptions<ReminderDispatchOptions> options,
    ILogger<ReminderDispatcher> logger)
{
    /// <summary>Occurrences of one reminder handled in one batch (a series missed for longer continues in the next).</summary>
    private const int MaxOccurrencesPerReminder = 50;

    private readonly ReminderDispatchOptions _options = options.Value;

    /// <summary>Dispatches everything due now, batch after batch.</summary>
    public async Task<DispatchTally> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await gate.Pass.WaitAsync(cancellationToken);
        try
        {
            var tally = DispatchTally.None;
            var oneByOne = false;
            while (true)
            {
                var (claimed, batch, conflicted) = await DispatchBatchAsync(oneByOne, cancellationToken);
                if (conflicted)
                {
                    // Another writer recorded an occurrence of this batch first: nothing of it was saved; take the
                    // batch again reminder by reminder, so that the conflict loses one reminder's work, not the batch's.
                    oneByOne = true;
                    continue;
                }

                oneByOne = false;
                tally = tally.Plus(batch);
                if (claimed < _options.BatchSize)
                {
                    break;
                }
            }

            if (tally != DispatchTally.None)
            {
                LogDispatched(logger, tally.Sent, tally.Late, tally.SkippedToBriefing, tally.Superseded, tally.Deduplicated);
                if (tally.HeldQuietHours + tally.Capped + tally.HeldIgnored > 0)
                {
                    LogHeld(logger, tally.HeldQuietHours, tally.Capped, tally.HeldIgnored);
                }
            }

            return tally;
        }
        finally
        {
            gate.Pass.Release();
        }
    }

    /// <summary>
    /// Claims one batch and dispatches it in one transaction: the whole batch in one save (one round trip on PostgreSQL),
    /// or, after a conflict, each reminder in its own save (a savepoint), so that a conflict loses only that reminder.
    /// </summary>
    private async Task<(int Claimed, DispatchTally Tally, bool Conflicted)> DispatchBatchAsync(bool oneByOne, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var saved = new List<(Guid UserId, DispatchTally Result, List<NotificationResponse> Staged)>();
        int claimed;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var due = await ClaimAsync(now, cancellationToken);
            claimed = due.Count;
            if (due.Count == 0)
            {
                return (0, DispatchTally.None, false);
            }

            var userIds = due.Select(r => r.UserId).Distinct().ToList();
            var recipients = (await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                    .Select(u => new { u.Id, u.Locale, u.TimeZone, u.Preferences }).ToListAsync(cancellationToken))
                .ToDictionary(u => u.Id, u => new Recipient(u.Locale, DateTimeZoneProviders.Tzdb.GetZoneOrNull(u.TimeZone) ?? DateTimeZone.Utc, u.Preferences));
            var ledger = await NudgeLedger.ReadAsync(db, userIds, now, cancellationToken);
            var readNudges = await notifications.ReadAmongAsync([.. due.Where(r => r.LastNudgeId != null).Select(r => r.LastNudgeId!.Value)], cancellationToken);
            var reminderIds = due.Select(r => r.Id).ToList();
            var earliest = due.Min(r => r.NextAt!.Value);
            var recorded = (await db.Set<ReminderDelivery>().AsNoTracking()
                    .Where(d => reminderIds.Contains(d.ReminderId) && d.Occurrence >= earliest)
                    .Select(d => new { d.ReminderId, d.Occurrence }).ToListAsync(cancellationToken))
                .Select(d => (d.ReminderId, d.Occurrence.UtcTicks)).ToHashSet();

            var deduplicated = DispatchTally.None;
            foreach (var reminder in due)
            {
                var recipient = recipients.GetValueOrDefault(reminder.UserId) ?? new Recipient(Locales.English, DateTimeZone.Utc, new UserPreferences());
                var (result, staged) = Dispatch(reminder, now, recipient, recorded, ledger, readNudges);

                // Counted at once, so the next reminder of this person in the batch sees the cap (a batch that
                // conflicts is read again from scratch, ledger included).
                foreach (var notification in staged.Where(n => n.Kind == NotificationKinds.Reminder))
                {
                    ledger.Count(reminder.UserId, Instant.FromDateTimeOffset(now));
                }

                if (oneByOne)
                {
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                    }
                    catch (DbUpdateException exception) when (exception.IsUniqueViolation())
                    {
                        // Another writer recorded one of these occurrences first: EF rolled back to its savepoint;
                        // nothing of this reminder is saved, and the next pass sees the record and moves it on. Only
                        // its unsaved changes are dropped: the rest of the batch stays tracked.
                        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
                        {
                            entry.State = EntityState.Detached;
                        }

                        deduplicated = deduplicated.Plus(DispatchTally.None with { Deduplicated = 1 });
                        LogDuplicate(logger, reminder.Id);
                        continue;
                    }
                }

                saved.Add((reminder.UserId, result, staged));
            }

            if (!oneByOne)
            {
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException exception) when (exception.IsUniqueViolation())
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return (claimed, DispatchTally.None, true);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            metrics.Record(deduplicated);
            var tally = deduplicated;
            foreach (var (_, result, staged) in saved)
            {
                tally = tally.Plus(result);
                metrics.Record(result);
                foreach (var notification in staged.Where(n => n.Kind == NotificationKinds.Reminder))
                {
                    metrics.Sent(now - notification.Occurrence!.Value);
                }
            }

            var published = saved.SelectMany(s => s.Staged.Select(n => (s.UserId, n))).ToList();
            await notifications.PublishAsync(published, cancellationToken);
            await channels.EnqueueAsync(published.Select(p => (p.UserId, p.n.Id)).ToList(), cancellationToken);
            return (claimed, tally, false);
        }
    }

    private async Task<List<Reminder>> ClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = _options.BatchSize;
        if (db.Database.IsNpgsql())
        {
            return await db.Reminders.FromSqlInterpolated($"""
                SELECT * FROM "Reminders"
                WHERE "Status" IN ('scheduled', 'snoozed', 'held') AND "NextAt" <= {now}
                ORDER BY "NextAt"
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }

        return await db.Reminders
            .Where(r => (r.Status == ReminderStatuses.Scheduled || r.Status == ReminderStatuses.Snoozed || r.Status == ReminderStatuses.Held)
                && r.NextAt != null && r.NextAt <= now)
            .OrderBy(r => r.NextAt).Take(batch).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records the reminder's due occurrences, stages the one notification (or holds it: quiet hours, the daily cap,
    /// nudges paused after being ignored) and moves the reminder on.
    /// </summary>
    private (DispatchTally Tally, List<NotificationResponse> Staged) Dispatch(
        Reminder reminder, DateTimeOffset now, Recipient recipient, HashSet<(Guid, long)> recorded, NudgeLedger ledger, IReadOnlySet<Guid> readNudges)
    {
        var locale = recipient.Locale;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(reminder.TimeZone) ?? DateTimeZone.Utc;
        var anchor = Recurrences.AnchorPattern.Parse(reminder.AnchorLocal).Value;
        var nowInstant = Instant.FromDateTimeOffset(now);
        var first = Instant.FromDateTimeOffset(reminder.NextAt!.Value);

        // The occurrences due now: the stored next one, then the rule's later ones up to now.
        List<Instant> occurrences = [first];
        if (reminder.RRule is not null)
        {
            occurrences.AddRange(Recurrences.Upcoming(reminder.RRule, anchor, zone, first, MaxOccurrencesPerReminder - 1)
                .Select(z => z.ToInstant()).TakeWhile(i => i <= nowInstant));
        }

        var sent = 0;
        var late = 0;
        var skipped = 0;
        var superseded = 0;
        var deduplicated = 0;
        var (heldQuiet, capped, heldIgnored) = (0, 0, 0);
        List<NotificationResponse> staged = [];
        Instant? holdUntil = null;
        var latest = occurrences[^1];
        foreach (var occurrence in occurrences)
        {
            var at = occurrence.ToDateTimeOffset();
            if (recorded.Contains((reminder.Id, at.UtcTicks)))
            {
                deduplicated++;
                continue;
            }

            var lateBy = now - at;
            string outcome;
            if (lateBy > _options.GraceWindow)
            {
                outcome = DeliveryOutcomes.SkippedToBriefing;
                skipped++;
            }
            else if (occurrence != latest)
            {
                outcome = DeliveryOutcomes.Superseded;
                superseded++;
            }
            else if (Hold(reminder, nowInstant, recipient, ledger, readNudges, staged) is { } held)
            {
                outcome = held.Outcome;
                holdUntil = held.Until;
                heldQuiet += outcome == DeliveryOutcomes.HeldQuietHours ? 1 : 0;
                capped += outcome == DeliveryOutcomes.Capped ? 1 : 0;
                heldIgnored += outcome == DeliveryOutcomes.HeldIgnored ? 1 : 0;
            }
            else
            {
                var isLate = lateBy >= _options.LateAfter;
                outcome = isLate ? DeliveryOutcomes.SentLate : DeliveryOutcomes.Sent;
                sent++;
                late += isLate ? 1 : 0;
                var text = reminder.Status == ReminderStatuses.Held ? Texts.Format(locale, "Notifications.ReminderHeld", reminder.Text)
                    : isLate ? Texts.Format(locale, "Notifications.ReminderLate", Durations.Describe(locale, lateBy), reminder.Text)
                    : Texts.Format(locale, "Notifications.Reminder", reminder.Text);
                var notification = notifications.Stage(new NotificationDraft(reminder.UserId, NotificationKinds.Reminder, text, reminder.Id, at, isLate));
                staged.Add(notification);
                reminder.LastNudgeId = notification.Id;
                reminder.LastNudgeAt = now;
            }

            db.Set<ReminderDelivery>().Add(new ReminderDelivery
            {
                ReminderId = reminder.Id,
                Occurrence = at,
                At = now,
                Channel = Channels.Web,
                Outcome = outcome,
                LateBy = lateBy > TimeSpan.Zero ? lateBy : TimeSpan.Zero,
            });
        }

        var next = reminder.RRule is null ? null : Recurrences.Next(reminder.RRule, anchor, zone, latest);
        if (holdUntil is { } quietEnd)
        {
            // held, not moved on: the same reminder goes out when the quiet hours end, then follows its rule from there
            reminder.NextAt = quietEnd.ToDateTimeOffset();
            reminder.Status = ReminderStatuses.Held;
        }
        else if (next is { } following)
        {
            reminder.NextAt = following.ToDateTimeOffset();
            reminder.Status = ReminderStatuses.Scheduled;
        }
        else
        {
            // A one-off (or the last of a series) stays in play, delivered, until the person acknowledges it.
            reminder.Status = ReminderStatuses.Delivered;
        }

        reminder.UpdatedAt = now;
        return (new DispatchTally(sent, late, skipped, superseded, deduplicated, heldQuiet, capped, heldIgnored), staged);
    }

    /// <summary>
    /// Why the occurrence about to be sent is held instead, if it is: the reminder's nudges are paused (ignored three
    /// times in a row), it falls in the person's quiet hours (held until they end), the previous nudge is the third one
    /// ignored in a row (pause now, and say so once), or the person's daily cap is reached (recurring reminders only).
    /// Urgent reminders are never held; one-offs are never capped. Either way the sent ones count towards the cap.
    /// </summary>
    private (string Outcome, Instant? Until)? Hold(
        Reminder reminder, Instant now, Recipient recipient, NudgeLedger ledger, IReadOnlySet<Guid> readNudges, List<NotificationResponse> staged)
    {
        if (reminder.Urgent)
        {
            return null;
        }

        if (reminder.IgnoredNudges >= NudgeDiscipline.IgnoredLimit)
        {
            return (DeliveryOutcomes.HeldIgnored, null);
        }

        if (NudgeDiscipline.QuietUntil(now, recipient.Zone, recipient.Preferences) is { } quietEnd)
        {
            return (DeliveryOutcomes.HeldQuietHours, quietEnd);
        }

        // The previous nudge had its chance: read, or acted on (which clears it), it was not ignored.
        if (reminder.LastNudgeId is { } previous)
        {
            reminder.IgnoredNudges = readNudges.Contains(previous) ? 0 : reminder.IgnoredNudges + 1;
            reminder.LastNudgeId = null;
            if (reminder.IgnoredNudges >= NudgeDiscipline.IgnoredLimit)
            {
                var text = Texts.Format(recipient.Locale, "Notifications.NudgesPaused", reminder.Text);
                staged.Add(notifications.Stage(new NotificationDraft(reminder.UserId, NotificationKinds.NudgesPaused, text, reminder.Id, null, false)));
                return (DeliveryOutcomes.HeldIgnored, null);
            }
        }

        if (reminder.RRule is not null && ledger.SentToday(reminder.UserId, now, recipient.Zone) >= recipient.Preferences.DailyNudgeCap)
        {
            return (DeliveryOutcomes.Capped, null);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reminders dispatched: {Sent} sent ({Late} late), {Skipped} skipped to the briefing, {Superseded} superseded, {Deduplicated} already recorded")]
    private static partial void LogDispatched(ILogger logger, int sent, int late, int skipped, int superseded, int deduplicated);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nudges held: {QuietHours} in quiet hours, {Capped} over the daily cap, {Ignored} paused after being ignored")]
    private static partial void LogHeld(ILogger logger, int quietHours, int capped, int ignored);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderId}: an occurrence was already recorded by another writer; not sent again")]
    private static partial void LogDuplicate(ILogger logger, Guid reminderId);
}

/// <summary>"2 h", "45 min", "1 h 30 min" in the person's language.</summary>
internal static class Durations
{
    public static string Describe(string locale, TimeSpan span)
    {
        var minutes = Math.Max(1, (int)Math.Round(span.TotalMinutes));
        var (hours, rest) = (minutes / 60, minutes % 60);
        return hours == 0 ? Texts.Format(locale, "Time.Minutes", rest)
            : rest == 0 ? Texts.Format(locale, "Time.Hours", hours)
            : Texts.Format(locale, "Time.HoursMinutes", hours, rest);
    }
}

/// <summary>
/// Looks for due reminders every <see cref="ReminderDispatchOptions.DispatchIntervalSeconds"/> on the injected clock (a
/// test moves its clock instead of waiting). A failed pass is logged and the next one tries again.
/// </summary>
internal sealed partial class ReminderDispatchLoop(
    IServiceScopeFactory scopes, ReminderMetrics metrics, TimeProvider time, IOptions<ReminderDispatchOptions> options, ILogger<ReminderDispatchLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().DispatchDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                metrics.PassFailed();
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A reminder dispatch pass failed; the next one tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
