using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>
/// Reminders: create from words or ISO values, repeat with an RRULE, snooze, acknowledge. Occurrences are computed
/// in the reminder's zone (DST-correct); firing them is the delivery worker's job. Owner-scoped throughout.
/// </summary>
internal static class ReminderEndpoints
{
    private const int UpcomingCount = 5;

    public static RouteGroupBuilder MapReminderEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/reminders").WithTags("Reminders").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListReminders).WithName("ListReminders").WithSummary("My reminders, soonest first")
            .WithDescription("status filters: one status (scheduled, delivered, acknowledged, snoozed, cancelled), or active for the reminders "
                + "still in play (scheduled, snoozed, and delivered but not yet acknowledged). Without it, every reminder.")
            .ProducesValidationProblem();
        group.MapPost("", CreateReminder).WithName("CreateReminder").WithSummary("Add a reminder").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetReminder).WithName("GetReminder").WithSummary("Read a reminder, with its next occurrences and deliveries");
        group.MapPatch("/{id:guid}", UpdateReminder).WithName("UpdateReminder").WithSummary("Change or cancel a reminder").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteReminder).WithName("DeleteReminder").WithSummary("Delete a reminder");
        group.MapPost("/{id:guid}/snooze", SnoozeReminder).WithName("SnoozeReminder").WithSummary("Ask again in some minutes").ProducesValidationProblem();
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeReminder).WithName("AcknowledgeReminder")
            .WithSummary("Got it: a one-off is done, a repeating one moves to its next occurrence");
        return group;
    }

    public static async Task<Ok<Paged<ReminderResponse>>> ListReminders(
        [AsParameters] ReminderQuery query, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var reminders = db.Reminders.AsNoTracking().Where(r => r.UserId == userId);
        if (query.Status == ReminderStatuses.Active)
        {
            reminders = reminders.Where(r => ReminderStatuses.InPlay.Contains(r.Status));
        }
        else if (query.Status is { } status)
        {
            reminders = reminders.Where(r => r.Status == status);
        }

        reminders = reminders.OrderBy(r => r.NextAt == null).ThenBy(r => r.NextAt).ThenBy(r => r.CreatedAt);
        var found = await reminders.ToPagedAsync(query, cancellationToken);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        return TypedResults.Ok(found.Map(r => Describe(r, now, upcoming: false)));
    }

    public static async Task<Results<Created<ReminderResponse>, ValidationProblem>> CreateReminder(
        CreateReminderRequest request, AppDbContext db, PersonClock clock, LanguageEngine engine, TimeProvider time, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var zone = person.Zone;
        if (request.TimeZone is { } zoneId)
        {
            var requested = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId.Trim());
            if (requested is null)
            {
                errors["timeZone"] = ["Use an IANA time zone such as Europe/Paris."];
            }

            zone = requested ?? person.Zone;
        }

        var schedule = ReadSchedule(request.When, request.RRule, zone, person, engine, errors);
        var channels = ReadChannels(request.Channels, person, errors);
        if (request.TaskId is { } taskId && !await db.OwnsTaskAsync(person.UserId, taskId, cancellationToken))
        {
            errors["taskId"] = ["No task of yours has this id."];
        }

        if (errors.Count > 0 || schedule is not { } s)
        {
            return TypedResults.ValidationProblem(errors);
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
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Reminders.Add(reminder);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Prefix}/reminders/{reminder.Id}", Describe(reminder, Instant.FromDateTimeOffset(now), upcoming: true));
    }

    public static async Task<Results<Ok<ReminderResponse>, ProblemHttpResult>> GetReminder(
        Guid id, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var reminder = await db.Reminders.AsNoTracking().Include(r => r.Deliveries)
            .SingleOrDefaultAsync(r => r.Id == id && r.UserId == userId, cancellationToken);
        return reminder is null ? NotFound() : TypedResults.Ok(Describe(reminder, Instant.FromDateTimeOffset(time.GetUtcNow()), upcoming: true));
    }

    public static async Task<Results<Ok<ReminderResponse>, ValidationProblem, ProblemHttpResult>> UpdateReminder(
        Guid id, UpdateReminderRequest request, AppDbContext db, PersonClock clock, LanguageEngine engine, TimeProvider time,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == id && r.UserId == person.UserId, cancellationToken);
        if (reminder is null)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(reminder.TimeZone) ?? person.Zone;
        if (request.When is not null || request.RRule is not null)
        {
            var when = request.When ?? reminder.AnchorLocal;
            var rule = request.RRule ?? reminder.RRule;
            if (ReadSchedule(when, rule, zone, person, engine, errors) is { } schedule)
            {
                reminder.AnchorLocal = Recurrences.AnchorPattern.Format(schedule.Anchor);
                reminder.RRule = schedule.Rule;
                reminder.NextAt = schedule.Next.ToDateTimeOffset();
                reminder.Status = ReminderStatuses.Scheduled;
            }
        }

        if (request.Channels is not null)
        {
            reminder.Channels = ReadChannels(request.Channels, person, errors);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (request.Text is { } text)
        {
            reminder.Text = text.Trim();
        }

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
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Its time has passed; give it a new time with `when`."] });
            }
        }

        reminder.UpdatedAt = now.ToDateTimeOffset();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Describe(reminder, now, upcoming: true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteReminder(
        Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var deleted = await db.Reminders.Where(r => r.Id == id && r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ReminderResponse>, ProblemHttpResult>> SnoozeReminder(
        Guid id, SnoozeRequest request, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == id && r.UserId == userId, cancellationToken);
        if (reminder is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        reminder.NextAt = now.AddMinutes(request.Minutes);
        reminder.Status = ReminderStatuses.Snoozed;
        reminder.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Describe(reminder, Instant.FromDateTimeOffset(now), upcoming: true));
    }

    public static async Task<Results<Ok<ReminderResponse>, ProblemHttpResult>> AcknowledgeReminder(
        Guid id, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == id && r.UserId == userId, cancellationToken);
        if (reminder is null)
        {
            return NotFound();
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
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Describe(reminder, now, upcoming: true));
    }

    private sealed record Schedule(LocalDateTime Anchor, string? Rule, Instant Next);

    /// <summary>The anchor, rule and next occurrence from a <c>when</c> (ISO or words) and an optional RRULE.</summary>
    private static Schedule? ReadSchedule(string when, string? rule, DateTimeZone zone, PersonNow person, LanguageEngine engine, Dictionary<string, string[]> errors)
    {
        var reading = TimeInput.Interpret(when, zone, person.Now.ToInstant(), engine);
        var parsed = reading.Time;
        LocalDateTime? anchor = parsed is { When: var moment } ? moment.Instant?.LocalDateTime ?? moment.Date.At(new LocalTime(9, 0)) : null;
        var spokenRule = parsed?.RRule;
        if (anchor is not { } start)
        {
            errors["when"] = [reading.OutOfRange
                ? TimeInput.OutOfRangeMessage(Locales.English)
                : "Could not read this as a time. Use 2026-03-11T15:00:00-04:00 or words such as \"tomorrow at 9am\"."];
            return null;
        }

        var finalRule = rule switch
        {
            null => spokenRule,
            "" => null,
            _ => Recurrences.Normalize(rule),
        };
        if (finalRule is not null && Recurrences.Validate(finalRule, start) is { } ruleError)
        {
            errors["rrule"] = [ruleError];
            return null;
        }

        var now = person.Now.ToInstant();
        var next = Recurrences.Next(finalRule, start, zone, now);
        if (next is not { } nextInstant)
        {
            errors["when"] = [finalRule is null ? "That time has already passed." : "This schedule has no occurrence left."];
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

        errors["channels"] = ["Use one or more of web, sms and email."];
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
            occurrences = reminder.Status == ReminderStatuses.Snoozed
                ? [when!, .. Recurrences.Upcoming(reminder.RRule, anchor, zone, Instant.Max(now, from), UpcomingCount - 1).Select(z => Moment.At(z).ToString())]
                : Recurrences.Upcoming(reminder.RRule, anchor, zone, from, UpcomingCount).Select(z => Moment.At(z).ToString()).ToList();
        }

        return new ReminderResponse(reminder.Id, reminder.Text, when, reminder.NextAt, reminder.TimeZone, reminder.RRule, reminder.Channels,
            reminder.TaskId, reminder.Status, occurrences,
            reminder.Deliveries.OrderByDescending(d => d.At).Take(20).Select(d => new DeliveryResponse(d.At, d.Channel, d.Outcome)).ToList(),
            reminder.CreatedAt, reminder.UpdatedAt, !Recurrences.Expands(reminder.RRule, anchor));
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Not found", detail: "No reminder of yours has this id.", statusCode: StatusCodes.Status404NotFound);
}
