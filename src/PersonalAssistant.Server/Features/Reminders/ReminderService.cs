using System.Collections.Concurrent;
using System.Linq.Expressions;
using LinqKit;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>
/// The reminders feature's public API, for its endpoints, the assistant's tools and undo alike. Every method takes the
/// person it acts for, checks its own input, scopes every statement to that person (another person's id is not found)
/// and answers an <see cref="Outcome{T}"/> whose texts are in the person's language. Occurrences are computed in the
/// reminder's zone (DST-correct); firing them is the delivery worker's job.
/// </summary>
internal sealed partial class ReminderService(AppDbContext db, LanguageEngine engine, TaskService tasks, TimeProvider time)
{
    private const int UpcomingCount = 5;

    /// <summary>The person's reminders, soonest first, filtered by status and paged.</summary>
    /// <summary>The reminder list's compiled queries, one per kind of status filter (none, "active", one status).</summary>
    private sealed record ListQuery(
        Func<AppDbContext, Guid, string?, int, int, IAsyncEnumerable<PageRow<Reminder>>> Page,
        Func<AppDbContext, Guid, string?, CancellationToken, Task<int>> Count);

    private static readonly ConcurrentDictionary<string, ListQuery> ListQueries = new();

    private static string ListShape(string? status) => status is null or ReminderStatuses.Active ? status ?? "" : "one";

    /// <summary>
    /// The reminder list (soonest next time first, then those with none, then oldest) with its total in the page's
    /// statement, compiled once per status shape: EF Core's per-call translation work cost more than the statement
    /// (issue 21). The status filter is spliced in with LinqKit's <c>Expand</c>.
    /// </summary>
    private static ListQuery CompileList(string shape)
    {
        Expression<Func<Reminder, string?, bool>> hasStatus = shape switch
        {
            "" => (r, status) => true,
            ReminderStatuses.Active => (r, status) => ReminderStatuses.InPlay.Contains(r.Status),
            _ => (r, status) => r.Status == status,
        };
        Expression<Func<AppDbContext, Guid, string?, IQueryable<Reminder>>> mine =
            (db, userId, status) => db.Reminders.AsNoTracking().Where(r => r.UserId == userId && hasStatus.Invoke(r, status));
        Expression<Func<AppDbContext, Guid, string?, int, int, IQueryable<PageRow<Reminder>>>> page = (db, userId, status, skip, take) =>
            mine.Invoke(db, userId, status).OrderBy(r => r.NextAt == null).ThenBy(r => r.NextAt).ThenBy(r => r.CreatedAt)
                .Skip(skip).Take(take)
                .Select(r => new PageRow<Reminder>(r, mine.Invoke(db, userId, status).Count()));
        Expression<Func<AppDbContext, Guid, string?, CancellationToken, int>> count =
            (db, userId, status, _) => mine.Invoke(db, userId, status).Count();
        return new ListQuery(EF.CompileAsyncQuery(page.Expand()), EF.CompileAsyncQuery(count.Expand()));
    }

    public async Task<Outcome<Paged<ReminderResponse>>> ListAsync(PersonNow person, ReminderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(query);
        if (Failure.Check(query, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var (_, size, skip) = query.Resolve();
        var list = ListQueries.GetOrAdd(ListShape(query.Status), CompileList);
        var rows = new List<PageRow<Reminder>>(size);
        await foreach (var row in list.Page(db, person.UserId, query.Status, skip, size).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var found = await rows.ToPagedAsync(query, () => list.Count(db, person.UserId, query.Status, cancellationToken));
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        return found.Map(r => Describe(r, now, upcoming: false));
    }

    /// <summary>The person's reminders still in play whose next time falls in [<paramref name="from"/>, <paramref name="to"/>), soonest first.</summary>
    public async Task<IReadOnlyList<ReminderResponse>> DueBetweenAsync(PersonNow person, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var found = await db.Reminders.AsNoTracking()
            .Where(r => r.UserId == person.UserId && ReminderStatuses.InPlay.Contains(r.Status) && r.NextAt != null && r.NextAt >= from && r.NextAt < to)
            .OrderBy(r => r.NextAt).Take(200).ToListAsync(cancellationToken);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        return [.. found.Select(r => Describe(r, now, upcoming: false))];
    }

    /// <summary>
    /// The person's reminder occurrences recorded since <paramref name="since"/> with one of <paramref name="outcomes"/>
    /// (those held for the briefing), oldest first.
    /// </summary>
    public async Task<IReadOnlyList<RecordedOccurrenceResponse>> RecordedSinceAsync(
        PersonNow person, IReadOnlyCollection<string> outcomes, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(outcomes);
        var wanted = outcomes.ToList();
        var found = await db.Reminders.AsNoTracking().Where(r => r.UserId == person.UserId)
            .Join(db.Set<ReminderDelivery>().Where(d => wanted.Contains(d.Outcome) && d.At >= since), r => r.Id, d => d.ReminderId,
                (r, d) => new { ReminderId = r.Id, r.Text, d.Occurrence, d.Outcome, d.At })
            .OrderBy(d => d.At).Take(Math.Clamp(limit, 1, 200)).ToListAsync(cancellationToken);
        return [.. found.Select(d => new RecordedOccurrenceResponse(d.ReminderId, d.Text, d.Occurrence, d.Outcome, d.At))];
    }

    public async Task<Outcome<ReminderResponse>> CreateAsync(PersonNow person, CreateReminderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var zone = person.Zone;
        if (request.TimeZone is { } zoneId)
        {
            var requested = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId.Trim());
            if (requested is null)
            {
                errors["timeZone"] = [Texts.Get(person.Locale, "Time.ZoneUnknown")];
            }

            zone = requested ?? person.Zone;
        }

        var schedule = ReadSchedule(request.When, request.RRule, zone, person, errors);
        var channels = ReadChannels(request.Channels, person, errors);
        if (request.TaskId is { } taskId && !await tasks.ExistsAsync(person, taskId, cancellationToken))
        {
            errors["taskId"] = [Texts.Get(person.Locale, "Tasks.NotFound")];
        }

        if (errors.Count > 0 || schedule is not { } s)
        {
            return Failure.Invalid(person.Locale, errors);
        }

        var now = time.GetUtcNow();
        var reminder = new Reminder
        {
            UserId = person.UserId,
            Text = request.Text.Trim(),
            TimeZone = zone.Id,
            AnchorLocal = Recurrences.AnchorPattern.Format(s.Anchor),
            RRule = s.Rule,
            NextAt = s.Next.ToDateTimeOffset(),
            Channels = channels,
            TaskId = request.TaskId,
            Urgent = request.Urgent ?? NudgeDiscipline.InQuietHours(s.Next, person.Zone, person.Preferences),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Reminders.Add(reminder);
        await db.SaveChangesAsync(cancellationToken);
        return Describe(reminder, Instant.FromDateTimeOffset(now), upcoming: true);
    }

    /// <summary>A reminder with its next occurrences and latest deliveries.</summary>
    public async Task<Outcome<ReminderResponse>> GetAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var reminder = await db.Reminders.AsNoTracking().Include(r => r.Deliveries)
            .SingleOrDefaultAsync(r => r.Id == id && r.UserId == person.UserId, cancellationToken);
        return reminder is null ? NotFound(person) : Describe(reminder, Instant.FromDateTimeOffset(time.GetUtcNow()), upcoming: true);
    }

    /// <summary>Changes a reminder's text, time, rule or channels, or cancels or reactivates it.</summary>
    public async Task<Outcome<ReminderResponse>> UpdateAsync(PersonNow person, Guid id, UpdateReminderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == id && r.UserId == person.UserId, cancellationToken);
        if (reminder is null)
        {
            return NotFound(person);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(reminder.TimeZone) ?? person.Zone;
        if (request.When is not null || request.RRule is not null)
        {
            var when = request.When ?? reminder.AnchorLocal;
            var rule = request.RRule ?? reminder.RRule;
            if (ReadSchedule(when, rule, zone, person, errors) is { } schedule)
            {
                reminder.AnchorLocal = Recurrences.AnchorPattern.Format(schedule.Anchor);
                reminder.RRule = schedule.Rule;
                reminder.NextAt = schedule.Next.ToDateTimeOffset();
                reminder.Status = ReminderStatuses.Scheduled;
                // a time chosen inside the quiet hours is that moment, asked for
                reminder.Urgent = reminder.Urgent || NudgeDiscipline.InQuietHours(schedule.Next, person.Zone, person.Preferences);
            }
        }

        if (request.Channels is not null)
        {
            reminder.Channels = ReadChannels(request.Channels, person, errors);
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(person.Locale, errors);
        }

        if (request.Text is { } text)
        {
            reminder.Text = text.Trim();
        }

        if (request.Urgent is { } urgent)
        {
            reminder.Urgent = urgent;
        }

        ActedOn(reminder);

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        if (request.Status == ReminderStatuses.Cancelled)
        {
            reminder.Status = ReminderStatuses.Cancelled;
            reminder.NextAt = null;
        }
        else if (request.Status == ReminderStatuses.Scheduled && reminder.Status != ReminderStatuses.Scheduled)
        {
            var anchor = Recurrences.AnchorPattern.Parse(reminder.AnchorLocal).Value;
            reminder.NextAt = Recurrences.Next(reminder.RRule, anchor, zone, now)?.ToDateTimeOffset();
            reminder.Status = ReminderStatuses.Scheduled;
            if (reminder.NextAt is null)
            {
                return Failure.Invalid(person.Locale, "status", "Reminders.PassedGiveNewTime");
            }
        }

        reminder.UpdatedAt = now.ToDateTimeOffset();
        await db.SaveChangesAsync(cancellationToken);
        return Describe(reminder, now, upcoming: true);
    }

    public async Task<Outcome<Done>> DeleteAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var deleted = await db.Reminders.Where(r => r.Id == id && r.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(person) : default(Done);
    }

    /// <summary>
    /// The reminders a "snooze" may be about: those that went off lately (delivered or already snoozed, the latest
    /// first), then the upcoming ones, soonest first; at most <paramref name="take"/>.
    /// </summary>
    public async Task<IReadOnlyList<ReminderResponse>> SnoozeCandidatesAsync(PersonNow person, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var mine = db.Reminders.AsNoTracking().Where(r => r.UserId == person.UserId);
        var wentOff = await mine.Where(r => r.Status == ReminderStatuses.Delivered || r.Status == ReminderStatuses.Snoozed)
            .OrderByDescending(r => r.UpdatedAt).Take(take).ToListAsync(cancellationToken);
        var upcoming = await mine.Where(r => r.NextAt != null && r.Status != ReminderStatuses.Delivered && r.Status != ReminderStatuses.Snoozed)
            .OrderBy(r => r.NextAt).Take(take).ToListAsync(cancellationToken);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        return [.. wentOff.Concat(upcoming).Take(take).Select(r => Describe(r, now, upcoming: false))];
    }

    /// <summary>Asks again in some minutes.</summary>
    public async Task<Outcome<ReminderResponse>> SnoozeAsync(PersonNow person, Guid id, SnoozeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == id && r.UserId == person.UserId, cancellationToken);
        if (reminder is null)
        {
            return NotFound(person);
        }

        var now = time.GetUtcNow();
        reminder.NextAt = now.AddMinutes(request.Minutes);
        reminder.Status = ReminderStatuses.Snoozed;
        reminder.UpdatedAt = now;
        ActedOn(reminder);
        await db.SaveChangesAsync(cancellationToken);
        return Describe(reminder, Instant.FromDateTimeOffset(now), upcoming: true);
    }

    /// <summary>
    /// Got it: a one-off is done. For a repeating one it answers the nudge still waiting for an answer, if there is one
    /// (the series keeps the next occurrence the dispatcher already moved it to, as a DONE reply does); otherwise the
    /// coming occurrence is done in advance and the series moves past it.
    /// </summary>
    public async Task<Outcome<ReminderResponse>> AcknowledgeAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == id && r.UserId == person.UserId, cancellationToken);
        if (reminder is null)
        {
            return NotFound(person);
        }

        if (reminder.LastNudgeAt is not null)
        {
            return await AnswerOccurrenceAsync(person, id, cancellationToken);
        }

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        if (reminder.RRule is null)
        {
            reminder.Status = ReminderStatuses.Acknowledged;
            reminder.NextAt = null;
        }
        else
        {
            // the occurrence being acknowledged is done; the series goes on from the later of now and that occurrence
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(reminder.TimeZone) ?? DateTimeZone.Utc;
            var anchor = Recurrences.AnchorPattern.Parse(reminder.AnchorLocal).Value;
            var after = reminder.NextAt is { } due && Instant.FromDateTimeOffset(due) > now ? Instant.FromDateTimeOffset(due) : now;
            reminder.NextAt = Recurrences.Next(reminder.RRule, anchor, zone, after)?.ToDateTimeOffset();
            reminder.Status = reminder.NextAt is null ? ReminderStatuses.Acknowledged : ReminderStatuses.Scheduled;
        }

        reminder.UpdatedAt = now.ToDateTimeOffset();
        ActedOn(reminder);
        await db.SaveChangesAsync(cancellationToken);
        return Describe(reminder, now, upcoming: true);
    }

    private sealed record Schedule(LocalDateTime Anchor, string? Rule, Instant Next);

    /// <summary>The anchor, rule and next occurrence from a <c>when</c> (ISO or words) and an optional RRULE.</summary>
    private Schedule? ReadSchedule(string when, string? rule, DateTimeZone zone, PersonNow person, Dictionary<string, string[]> errors)
    {
        var reading = TimeInput.Interpret(when, zone, person.Now.ToInstant(), engine, person.Locale);
        var parsed = reading.Time;
        LocalDateTime? anchor = parsed is { When: var moment } ? moment.Instant?.LocalDateTime ?? moment.Date.At(new LocalTime(9, 0)) : null;
        var spokenRule = parsed?.RRule;
        if (anchor is not { } start)
        {
            errors["when"] = [reading.OutOfRange ? TimeInput.OutOfRangeMessage(person.Locale) : Texts.Get(person.Locale, "Reminders.WhenUnreadable")];
            return null;
        }

        var finalRule = rule switch
        {
            null => spokenRule,
            "" => null,
            _ => Recurrences.Normalize(rule),
        };
        if (finalRule is not null && Recurrences.Validate(finalRule, start, person.Locale) is { } ruleError)
        {
            errors["rrule"] = [ruleError];
            return null;
        }

        var now = person.Now.ToInstant();
        var next = Recurrences.Next(finalRule, start, zone, now);
        if (next is not { } nextInstant)
        {
            errors["when"] = [Texts.Get(person.Locale, finalRule is null ? "Reminders.TimePassed" : "Reminders.NoOccurrenceLeft")];
            return null;
        }

        return new Schedule(start, finalRule, nextInstant);
    }

    private static List<string> ReadChannels(IReadOnlyList<string>? requested, PersonNow person, Dictionary<string, string[]> errors)
    {
        if (Channels.Read(requested ?? person.Preferences.PreferredChannels) is { } channels)
        {
            return [.. channels.Distinct(StringComparer.Ordinal)];
        }

        errors["channels"] = [Texts.Get(person.Locale, "Reminders.Channels")];
        return [];
    }

    private static ReminderResponse Describe(Reminder reminder, Instant now, bool upcoming)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(reminder.TimeZone) ?? DateTimeZone.Utc;
        var when = reminder.NextAt is { } next ? Moment.At(Instant.FromDateTimeOffset(next).InZone(zone)).ToString() : null;
        IReadOnlyList<string> occurrences = [];
        var anchor = Recurrences.AnchorPattern.Parse(reminder.AnchorLocal).Value;
        if (upcoming && reminder.NextAt is { } nextAt && reminder.Status != ReminderStatuses.Cancelled)
        {
            var from = Instant.FromDateTimeOffset(nextAt) - Duration.FromTicks(1);
            occurrences = reminder.Status is ReminderStatuses.Snoozed or ReminderStatuses.Held
                ? [when!, .. Recurrences.Upcoming(reminder.RRule, anchor, zone, Instant.Max(now, from), UpcomingCount - 1).Select(z => Moment.At(z).ToString())]
                : Recurrences.Upcoming(reminder.RRule, anchor, zone, from, UpcomingCount).Select(z => Moment.At(z).ToString()).ToList();
        }

        return new ReminderResponse(reminder.Id, reminder.Text, when, reminder.NextAt, reminder.TimeZone, reminder.RRule, reminder.Channels,
            reminder.TaskId, reminder.Status, reminder.Urgent, reminder.IgnoredNudges >= NudgeDiscipline.IgnoredLimit, occurrences,
            reminder.Deliveries.OrderByDescending(d => d.At).Take(20).Select(d => new DeliveryResponse(d.At, d.Channel, d.Outcome, d.Occurrence, (long)d.LateBy.TotalSeconds)).ToList(),
            reminder.CreatedAt, reminder.UpdatedAt, !Recurrences.Expands(reminder.RRule, anchor));
    }

    private static Failure NotFound(PersonNow person) => Failure.NotFound(person.Locale, "Reminders.NotFound");
}

internal static class RemindersRegistration
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddScoped<ReminderService>();
        services.AddValidatedOptions<ReminderDispatchOptions, ReminderDispatchOptions.Validator>(ReminderDispatchOptions.Section);
        services.AddSingleton<ReminderDispatchGate>();
        services.AddSingleton<ReminderMetrics>();
        services.AddScoped<ReminderDispatcher>();
        // The dispatcher only reads records from a reminder's next occurrence on: an old one never prevents a double send.
        services.AddRetainedRows<ReminderDelivery>(RetainedKinds.Deliveries, d => d.At);
        services.AddHostedService<ReminderDispatchLoop>();
        services.AddScoped<IPersonalDataExport, ReminderExport>();
        return services;
    }
}

/// <summary>One recorded occurrence of a reminder: what it said, when it was due, what happened to it and when.</summary>
internal sealed record RecordedOccurrenceResponse(Guid ReminderId, string Text, DateTimeOffset Occurrence, string Outcome, DateTimeOffset RecordedAt);
