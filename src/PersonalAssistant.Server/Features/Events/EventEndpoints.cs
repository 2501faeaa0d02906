using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Events;

/// <summary>Calendar events: CRUD, a date range with repeating events expanded, .ics import, and the private feed's secret.</summary>
internal static class EventEndpoints
{
    public const int MaxRangeDays = 366;
    public const int MaxOccurrences = 1000;

    public static RouteGroupBuilder MapEventEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListEvents).WithName("ListEvents").WithSummary("Events between two instants, repeating ones expanded")
            .WithDescription("from and to are ISO 8601 instants; by default the next 30 days; at most 366 days.").ProducesValidationProblem();
        group.MapPost("", CreateEvent).WithName("CreateEvent").WithSummary("Add an event").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetEvent).WithName("GetEvent").WithSummary("Read an event");
        group.MapPatch("/{id:guid}", UpdateEvent).WithName("UpdateEvent").WithSummary("Change an event").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteEvent).WithName("DeleteEvent").WithSummary("Delete an event (a repeating one with all its occurrences)");
        group.MapDelete("/{id:guid}/occurrences/{start}", DeleteOccurrence).WithName("DeleteEventOccurrence")
            .WithSummary("Skip one occurrence of a repeating event, keeping the rest of the series")
            .WithDescription("start is the occurrence's start as listed by GET /events (ISO 8601 with its offset, or in UTC with Z). "
                + "The occurrence leaves the range and the feed (as an EXDATE). 404 when it is not an occurrence of this series.")
            .ProducesValidationProblem();
        group.MapPost("/import", ImportEvents).WithName("ImportEvents").WithSummary("Import the events of an .ics file")
            .WithDescription("Send the file as the body with Content-Type text/calendar. Events already imported (same UID) are skipped.")
            .Accepts<string>("text/calendar").ProducesValidationProblem();
        group.MapGet("/feed", GetFeed).WithName("GetCalendarFeed").WithSummary("Whether my private calendar feed is on");
        group.MapPost("/feed/rotate", RotateFeed).WithName("RotateCalendarFeed")
            .WithSummary("Turn on the private feed or replace its link (the old link stops working); the link is shown once");
        group.MapDelete("/feed", DeleteFeed).WithName("DeleteCalendarFeed").WithSummary("Turn the private feed off");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<OccurrenceResponse>>, ValidationProblem>> ListEvents(
        [FromQuery(Name = "from")] DateTimeOffset? from, [FromQuery(Name = "to")] DateTimeOffset? to, AppDbContext db, TimeProvider time,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        // checked before any date arithmetic: 9999-12-31 plus 30 days is beyond DateTimeOffset's range
        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
        {
            if (value is { } given && given.UtcDateTime.Year is < TimeInput.MinYear or > TimeInput.MaxYear)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [TimeInput.OutOfRangeMessage(Locales.English)] });
            }
        }

        var start = (from ?? time.GetUtcNow()).ToUniversalTime();
        var end = (to ?? start.AddDays(30)).ToUniversalTime();
        if (end <= start || (end - start).TotalDays > MaxRangeDays)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [$"to must be after from, at most {MaxRangeDays} days later."] });
        }

        var events = await db.Events.AsNoTracking()
            .Where(e => e.UserId == userId && e.StartAt < end && (e.RRule != null || e.EndAt > start))
            .OrderBy(e => e.StartAt).Take(MaxOccurrences).ToListAsync(cancellationToken);
        var occurrences = new List<OccurrenceResponse>();
        foreach (var item in events)
        {
            var length = item.EndAt - item.StartAt;
            if (item.RRule is null)
            {
                occurrences.Add(OccurrenceResponse.For(item, item.StartAt, length));
                continue;
            }

            var zone = Zone(item.TimeZone);
            var anchor = Recurrences.AnchorPattern.Parse(item.AnchorLocal).Value;
            var after = Instant.FromDateTimeOffset(start - length) - Duration.FromTicks(1);
            var excluded = item.ExcludedStarts.ToHashSet(StringComparer.Ordinal);
            var expansion = Recurrences.Expand(item.RRule, anchor, zone, after, MaxOccurrences + excluded.Count);
            foreach (var occurrence in expansion.Occurrences)
            {
                var at = occurrence.ToInstant().ToDateTimeOffset();
                if (at >= end || occurrences.Count >= MaxOccurrences)
                {
                    break;
                }

                if (expansion.RuleBroken || !excluded.Contains(ExclusionKey(occurrence)))
                {
                    occurrences.Add(OccurrenceResponse.For(item, at, length, expansion.RuleBroken));
                }
            }
        }

        return TypedResults.Ok<IReadOnlyList<OccurrenceResponse>>(occurrences.OrderBy(o => o.Start).Take(MaxOccurrences).ToList());
    }

    public static async Task<Results<Created<EventResponse>, ValidationProblem>> CreateEvent(
        EventRequest request, AppDbContext db, PersonClock clock, LanguageEngine engine, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var zone = request.TimeZone is null ? person.Zone : DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone);
        if (zone is null)
        {
            errors["timeZone"] = ["Use an IANA time zone such as Europe/Paris."];
            return TypedResults.ValidationProblem(errors);
        }

        var parsed = ReadStart(request.Start, zone, person, engine, errors);
        var rule = request.RRule is { Length: > 0 } r ? Recurrences.Normalize(r) : parsed?.Rule;
        if (rule is not null && parsed is { } first && Recurrences.Validate(rule, first.Start.LocalDateTime) is { } ruleError)
        {
            errors["rrule"] = [ruleError];
        }

        if (parsed is not { } start || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var minutes = request.DurationMinutes ?? parsed.Value.DurationMinutes ?? 60;
        var now = time.GetUtcNow();
        var item = new EventItem
        {
            UserId = person.UserId,
            Title = request.Title.Trim(),
            StartAt = start.Start.ToInstant().ToDateTimeOffset(),
            EndAt = start.Start.ToInstant().Plus(Duration.FromMinutes(minutes)).ToDateTimeOffset(),
            TimeZone = zone.Id,
            AnchorLocal = Recurrences.AnchorPattern.Format(start.Start.LocalDateTime),
            Location = request.Location?.Trim(),
            Notes = request.Notes,
            RRule = rule,
            Uid = $"{Guid.NewGuid():N}@personal-assistant",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Events.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Prefix}/events/{item.Id}", EventResponse.From(item));
    }

    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetEvent(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var item = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.UserId == userId, cancellationToken);
        return item is null ? NotFound() : TypedResults.Ok(EventResponse.From(item));
    }

    public static async Task<Results<Ok<EventResponse>, ValidationProblem, ProblemHttpResult>> UpdateEvent(
        Guid id, UpdateEventRequest request, AppDbContext db, PersonClock clock, LanguageEngine engine, TimeProvider time, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var item = await db.Events.SingleOrDefaultAsync(e => e.Id == id && e.UserId == person.UserId, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var zone = Zone(item.TimeZone);
        var length = item.EndAt - item.StartAt;
        if (request.Start is { } startText && ReadStart(startText, zone, person, engine, errors) is { } start)
        {
            item.StartAt = start.Start.ToInstant().ToDateTimeOffset();
            var anchorLocal = Recurrences.AnchorPattern.Format(start.Start.LocalDateTime);
            if (anchorLocal != item.AnchorLocal)
            {
                // skipped occurrences are wall-clock starts of the old schedule; a moved series starts afresh
                item.ExcludedStarts = [];
            }

            item.AnchorLocal = anchorLocal;
        }

        if (request.RRule is { } rule)
        {
            item.RRule = rule.Length == 0 ? null : Recurrences.Normalize(rule);
        }

        // a rule is checked against the start it repeats from, so a new start re-checks the rule it keeps
        if ((request.RRule is not null || request.Start is not null) && item.RRule is { } finalRule && !errors.ContainsKey("start")
            && Recurrences.Validate(finalRule, Recurrences.AnchorPattern.Parse(item.AnchorLocal).Value) is { } ruleError)
        {
            errors["rrule"] = [ruleError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        item.EndAt = item.StartAt + (request.DurationMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : length);
        item.Title = request.Title?.Trim() ?? item.Title;
        item.Location = request.Location is { } location ? (location.Length == 0 ? null : location.Trim()) : item.Location;
        item.Notes = request.Notes is { } notes ? (notes.Length == 0 ? null : notes) : item.Notes;
        item.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(EventResponse.From(item));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteEvent(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var deleted = await db.Events.Where(e => e.Id == id && e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteOccurrence(
        Guid id, string start, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (ReadInstant(start) is not { } at)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["start"] = ["Use the occurrence's start as listed, with its offset: 2027-03-15T09:30:00-04:00 or 2027-03-15T13:30:00Z."],
            });
        }

        var userId = user.UserId();
        var item = await db.Events.SingleOrDefaultAsync(e => e.Id == id && e.UserId == userId, cancellationToken);
        if (item?.RRule is null)
        {
            return NotFound();
        }

        var anchor = Recurrences.AnchorPattern.Parse(item.AnchorLocal).Value;
        var occurrence = Recurrences.Upcoming(item.RRule, anchor, Zone(item.TimeZone), at - Duration.FromTicks(1), 1) is [var next] && next.ToInstant() == at ? next : (ZonedDateTime?)null;
        var key = occurrence is { } found ? ExclusionKey(found) : null;
        if (key is null || item.ExcludedStarts.Contains(key, StringComparer.Ordinal))
        {
            return TypedResults.Problem(title: "Not found", detail: "This event has no occurrence starting then.", statusCode: StatusCodes.Status404NotFound);
        }

        if (item.ExcludedStarts.Count >= EventItemConfiguration.MaxExcludedStarts)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["start"] = [$"A series can skip at most {EventItemConfiguration.MaxExcludedStarts} occurrences; change its repeat rule instead."],
            });
        }

        item.ExcludedStarts = [.. item.ExcludedStarts, key];
        item.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ImportResponse>, ValidationProblem>> ImportEvents(
        AppDbContext db, PersonClock clock, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(context.User.UserId(), cancellationToken);
        if (context.Request.ContentType?.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the .ics file as the body with Content-Type text/calendar."] });
        }

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var read = IcsImport.Read(text, person.Zone);
        if (read.Error is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error] });
        }

        var uids = read.Events.Select(e => e.Uid).ToList();
        var known = (await db.Events.Where(e => e.UserId == person.UserId && uids.Contains(e.Uid)).Select(e => e.Uid).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var item in read.Events.Where(e => !known.Contains(e.Uid)).DistinctBy(e => e.Uid))
        {
            item.UserId = person.UserId;
            item.CreatedAt = now;
            item.UpdatedAt = now;
            db.Events.Add(item);
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ImportResponse(added, read.Events.Count - added, read.Skipped));
    }

    public static async Task<Ok<FeedStatusResponse>> GetFeed(AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.UserId == userId, cancellationToken);
        return TypedResults.Ok(new FeedStatusResponse(feed is not null, feed?.CreatedAt));
    }

    public static async Task<Ok<FeedLinkResponse>> RotateFeed(AppDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var secret = SecretHasher.NewToken();
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == userId, cancellationToken);
        if (feed is null)
        {
            db.CalendarFeeds.Add(new CalendarFeed { UserId = userId, SecretHash = SecretHasher.HashToken(secret), CreatedAt = time.GetUtcNow() });
        }
        else
        {
            feed.SecretHash = SecretHasher.HashToken(secret);
            feed.CreatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new FeedLinkResponse(AccountLinks.At(context, $"/calendar/{secret}.ics")));
    }

    public static async Task<NoContent> DeleteFeed(AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        await db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? DateTimeZone.Utc;

    /// <summary>How a skipped occurrence is kept: its local wall-clock start (see <see cref="EventItem.ExcludedStarts"/>).</summary>
    internal static string ExclusionKey(ZonedDateTime occurrence) => Recurrences.AnchorPattern.Format(occurrence.LocalDateTime);

    /// <summary>An instant written with its offset or in UTC; a local time without one is refused (it would be ambiguous).</summary>
    private static Instant? ReadInstant(string text)
    {
        if (text.Length > 64)
        {
            return null;
        }

        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (withOffset.Success)
        {
            return withOffset.Value.ToInstant();
        }

        var utc = InstantPattern.ExtendedIso.Parse(text);
        return utc.Success ? utc.Value : null;
    }

    private readonly record struct ParsedStart(ZonedDateTime Start, string? Rule, int? DurationMinutes);

    private static ParsedStart? ReadStart(string text, DateTimeZone zone, PersonNow person, LanguageEngine engine, Dictionary<string, string[]> errors)
    {
        var reading = TimeInput.Interpret(text, zone, person.Now.ToInstant(), engine);
        if (reading is { Time: { When.Instant: { } start } parsed })
        {
            return new ParsedStart(start, parsed.RRule, parsed.DurationMinutes);
        }

        errors["start"] = [reading.OutOfRange
            ? TimeInput.OutOfRangeMessage(Locales.English)
            : "Could not read this as a date and time. Use 2026-03-11T15:00:00-04:00 or words such as \"thursday at 2:30pm\"."];
        return null;
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Not found", detail: "No event of yours has this id.", statusCode: StatusCodes.Status404NotFound);
}

/// <param name="Title">What it is.</param>
/// <param name="Start">ISO 8601 (with an offset, or local to the zone) or words ("thursday at 2:30pm", "every monday at 9am").</param>
/// <param name="DurationMinutes">How long; 60 by default, or what the words said ("for an hour").</param>
/// <param name="TimeZone">IANA zone; the person's own by default.</param>
/// <param name="Location">Where.</param>
/// <param name="Notes">Anything else.</param>
/// <param name="RRule">RFC 5545 RRULE (daily or slower).</param>
internal sealed record EventRequest(
    [property: Required, StringLength(EventItemConfiguration.MaxTitleLength, MinimumLength = 1)] string Title,
    [property: Required, StringLength(200, MinimumLength = 1)] string Start,
    [property: Range(1, 60 * 24 * 14)] int? DurationMinutes = null,
    [property: StringLength(64)] string? TimeZone = null,
    [property: StringLength(200)] string? Location = null,
    [property: StringLength(5000)] string? Notes = null,
    [property: StringLength(300), System.Text.Json.Serialization.JsonPropertyName("rrule")] string? RRule = null);

internal sealed record UpdateEventRequest(
    [property: StringLength(EventItemConfiguration.MaxTitleLength, MinimumLength = 1)] string? Title = null,
    [property: StringLength(200, MinimumLength = 1)] string? Start = null,
    [property: Range(1, 60 * 24 * 14)] int? DurationMinutes = null,
    [property: StringLength(200)] string? Location = null,
    [property: StringLength(5000)] string? Notes = null,
    [property: StringLength(300), System.Text.Json.Serialization.JsonPropertyName("rrule")] string? RRule = null);

/// <summary>An event; times are shown in its zone with the offset in force then.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Title">What it is.</param>
/// <param name="Start">The (first) start.</param>
/// <param name="End">The (first) end.</param>
/// <param name="TimeZone">IANA zone of the event.</param>
/// <param name="Location">Where.</param>
/// <param name="Notes">Anything else.</param>
/// <param name="RRule">The RRULE, or null for a one-off.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="SkippedStarts">Occurrences taken out of a repeating event, by their start in its zone with the offset then.</param>
/// <param name="RepeatBroken">Its stored RRULE cannot be expanded (saved before rules were checked): it is shown once, at its start, until the rule is changed.</param>
internal sealed record EventResponse(
    Guid Id, string Title, string Start, string End, string TimeZone, string? Location, string? Notes,
    [property: System.Text.Json.Serialization.JsonPropertyName("rrule")] string? RRule, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<string> SkippedStarts, bool RepeatBroken)
{
    public static EventResponse From(EventItem e)
    {
        var zone = EventEndpoints.Zone(e.TimeZone);
        var skipped = e.ExcludedStarts.Order(StringComparer.Ordinal)
            .Select(local => Moment.At(Recurrences.AnchorPattern.Parse(local).Value, zone).ToString()).ToList();
        var broken = !Recurrences.Expands(e.RRule, Recurrences.AnchorPattern.Parse(e.AnchorLocal).Value);
        return new(e.Id, e.Title, Local(e.StartAt, zone), Local(e.EndAt, zone), e.TimeZone, e.Location, e.Notes, e.RRule, e.CreatedAt, e.UpdatedAt, skipped, broken);
    }

    public static string Local(DateTimeOffset at, DateTimeZone zone) => Moment.At(Instant.FromDateTimeOffset(at).InZone(zone)).ToString();
}

/// <summary>One occurrence of an event in a range (a repeating event gives several).</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Title">What it is.</param>
/// <param name="Start">This occurrence's start in the event's zone.</param>
/// <param name="End">This occurrence's end.</param>
/// <param name="Location">Where.</param>
/// <param name="Repeats">Whether the event repeats.</param>
/// <param name="RepeatBroken">The event's stored RRULE cannot be expanded: this is its first start only, until the rule is changed.</param>
internal sealed record OccurrenceResponse(Guid EventId, string Title, string Start, string End, string? Location, bool Repeats, bool RepeatBroken = false)
{
    public static OccurrenceResponse For(EventItem e, DateTimeOffset start, TimeSpan length, bool repeatBroken = false)
    {
        var zone = EventEndpoints.Zone(e.TimeZone);
        return new(e.Id, e.Title, EventResponse.Local(start, zone), EventResponse.Local(start + length, zone), e.Location, e.RRule is not null, repeatBroken);
    }
}

internal sealed record ImportResponse(int Imported, int AlreadyThere, int Skipped);

internal sealed record FeedStatusResponse(bool Enabled, DateTimeOffset? Since);

/// <param name="Url">Subscribe to this link from Google, Apple or Outlook calendars. Keep it private: anyone with it can read the feed.</param>
internal sealed record FeedLinkResponse(Uri Url);
