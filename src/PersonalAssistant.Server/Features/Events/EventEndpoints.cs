using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Events;

/// <summary>
/// Calendar events: CRUD, a date range with repeating events expanded, .ics import, and the private feed's secret. The
/// HTTP face of <see cref="EventService"/>, which does the work, checks and owner scoping; another person's id is a 404.
/// </summary>
internal static class EventEndpoints
{
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
        [FromQuery(Name = "from")] DateTimeOffset? from, [FromQuery(Name = "to")] DateTimeOffset? to, PersonNow person, EventService events,
        CancellationToken cancellationToken) =>
        (await events.ListAsync(person, from, to, cancellationToken)).ToOkOrInvalid();

    public static async Task<Results<Created<EventResponse>, ValidationProblem>> CreateEvent(
        EventRequest request, PersonNow person, EventService events, CancellationToken cancellationToken) =>
        (await events.CreateAsync(person, request, cancellationToken)).ToCreatedOrInvalid(item => $"{ApiRoutes.Prefix}/events/{item.Id}");

    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetEvent(
        Guid id, PersonNow person, EventService events, CancellationToken cancellationToken) =>
        (await events.GetAsync(person, id, cancellationToken)).ToFound();

    public static async Task<Results<Ok<EventResponse>, ValidationProblem, ProblemHttpResult>> UpdateEvent(
        Guid id, UpdateEventRequest request, PersonNow person, EventService events, CancellationToken cancellationToken) =>
        (await events.UpdateAsync(person, id, request, cancellationToken)).ToOk();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteEvent(
        Guid id, PersonNow person, EventService events, CancellationToken cancellationToken) =>
        (await events.DeleteAsync(person, id, cancellationToken)).ToNoContent();

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteOccurrence(
        Guid id, string start, PersonNow person, EventService events, CancellationToken cancellationToken) =>
        (await events.SkipOccurrenceAsync(person, id, start, cancellationToken)).ToNoContentOrProblem();

    public static async Task<Results<Ok<ImportResponse>, ValidationProblem>> ImportEvents(
        HttpRequest request, PersonNow person, EventService events, CancellationToken cancellationToken) =>
        (await events.ImportAsync(person, await CalendarBodyAsync(request, cancellationToken), cancellationToken)).ToOkOrInvalid();

    public static async Task<Ok<FeedStatusResponse>> GetFeed(PersonNow person, EventService events, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.FeedAsync(person, cancellationToken));

    public static async Task<Ok<FeedLinkResponse>> RotateFeed(PersonNow person, EventService events, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(new FeedLinkResponse(AccountLinks.At(context, await events.RotateFeedAsync(person, cancellationToken))));

    public static async Task<NoContent> DeleteFeed(PersonNow person, EventService events, CancellationToken cancellationToken)
    {
        await events.DeleteFeedAsync(person, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The body when it is sent as text/calendar; null otherwise (the service says what to send).</summary>
    private static async Task<string?> CalendarBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }
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
        var zone = EventService.Zone(e.TimeZone);
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
        var zone = EventService.Zone(e.TimeZone);
        return new(e.Id, e.Title, EventResponse.Local(start, zone), EventResponse.Local(start + length, zone), e.Location, e.RRule is not null, repeatBroken);
    }
}

internal sealed record ImportResponse(int Imported, int AlreadyThere, int Skipped);

internal sealed record FeedStatusResponse(bool Enabled, DateTimeOffset? Since);

/// <param name="Url">Subscribe to this link from Google, Apple or Outlook calendars. Keep it private: anyone with it can read the feed.</param>
internal sealed record FeedLinkResponse(Uri Url);
