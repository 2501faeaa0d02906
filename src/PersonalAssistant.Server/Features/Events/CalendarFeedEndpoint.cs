using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Events;

/// <summary>
/// The private calendar feed, <c>/calendar/{secret}.ics</c>: anonymous by design (calendar apps cannot sign in), found
/// by the SHA-256 of a 256-bit secret, rate-limited per IP like every secret check, and revocable by rotating it.
/// It holds the person's events (repeating ones as RRULEs, skipped occurrences as EXDATEs), open tasks with a due date and scheduled reminders.
/// </summary>
internal static class CalendarFeedEndpoint
{
    public static void MapCalendarFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/calendar/{secret}.ics", GetFeed).AllowAnonymous().RequireRateLimiting(RateLimits.AuthPerIpPolicy)
            .WithName("CalendarFeed").WithTags("Events").ExcludeFromDescription();

    public static async Task<IResult> GetFeed(string secret, AppDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (secret.Length is < 20 or > 100)
        {
            return NotFound(context);
        }

        var hash = SecretHasher.HashToken(secret);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.SecretHash == hash, cancellationToken);
        if (feed is null)
        {
            return NotFound(context);
        }

        var calendar = new Calendar { ProductId = "-//Personal Assistant TDAH//Calendar feed//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Personal Assistant");
        var events = await db.Events.AsNoTracking().Where(e => e.UserId == feed.UserId).OrderBy(e => e.StartAt).Take(2000).ToListAsync(cancellationToken);
        foreach (var item in events)
        {
            calendar.Events.Add(EventCalendar.From(item));
        }

        foreach (var dated in await CalendarSources.ForFeedAsync(db, feed.UserId, cancellationToken))
        {
            var entry = new CalendarEvent { Uid = $"{dated.Kind}-{dated.Id:N}@personal-assistant", Summary = dated.Kind == "task" ? $"☐ {dated.Title}" : $"⏰ {dated.Title}" };
            if (dated.Kind == "reminder" && dated.AnchorLocal is { } anchorText && dated.RRule is { } rule
                && Recurrences.AnchorPattern.Parse(anchorText).Value is var anchor && Recurrences.Expands(rule, anchor))
            {
                entry.DtStart = new CalDateTime(anchor.ToDateTimeUnspecified(), dated.TimeZone);
                entry.Duration = new Ical.Net.DataTypes.Duration(minutes: 15);
                entry.RecurrenceRule = new RecurrencePattern(rule);
            }
            else if (dated.At is { } at)
            {
                entry.DtStart = new CalDateTime(at.UtcDateTime, "UTC");
                entry.Duration = new Ical.Net.DataTypes.Duration(minutes: 15);
            }
            else if (dated.Date is { } date)
            {
                entry.DtStart = new CalDateTime(date);
            }

            calendar.Events.Add(entry);
        }

        var text = new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
        context.Response.Headers.CacheControl = "private, max-age=300";
        return Results.Text(text, "text/calendar; charset=utf-8");
    }

    /// <summary>Calendar apps cannot sign in, so the language is the one their request asks for.</summary>
    private static ProblemHttpResult NotFound(HttpContext context) =>
        OutcomeResults.Problem(Failure.NotFound(RequestLocale.Of(context), "Calendar.FeedNotFound"));
}
