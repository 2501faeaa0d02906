using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using NodaTime.Text;
using PersonalAssistant.Language;

namespace PersonalAssistant.Server.Common;

/// <summary>
/// Occurrences of a repeating reminder or event. Ical.Net expands the RRULE in local wall-clock time (a floating start), and each local
/// occurrence is placed in the zone with the same rule as the language engine (<see cref="Moment.DaylightSavingResolver"/>):
/// a time skipped by a spring-forward change fires at the first instant after the gap, a repeated one fires once, at
/// its first occurrence. So "every day at 8am" stays at 8am local across clock changes, in every zone.
/// </summary>
internal static class Recurrences
{
    public static readonly LocalDateTimePattern AnchorPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    private static readonly HashSet<string> AllowedFrequencies = new(StringComparer.OrdinalIgnoreCase) { "DAILY", "WEEKLY", "MONTHLY", "YEARLY" };

    /// <summary>Checks an RRULE: parseable, daily or slower (a reminder never fires more than a few times a day).</summary>
    public static string? Validate(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var text = rule.Trim();
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..];
        }

        try
        {
            var pattern = new RecurrencePattern(text);
            return AllowedFrequencies.Contains(pattern.Frequency.ToString()) ? null : "Repeat daily, weekly, monthly or yearly at most.";
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            return "Not an RFC 5545 RRULE (for example FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=8;BYMINUTE=0).";
        }
    }

    public static string Normalize(string rule) =>
        (rule.Trim().StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? rule.Trim()[6..] : rule.Trim()).ToUpperInvariant();

    /// <summary>Up to <paramref name="count"/> occurrences strictly after <paramref name="after"/>.</summary>
    public static IReadOnlyList<ZonedDateTime> Upcoming(string? rule, LocalDateTime anchor, DateTimeZone zone, Instant after, int count)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var first = zone.ResolveLocal(anchor, Moment.DaylightSavingResolver);
        if (rule is null)
        {
            return first.ToInstant() > after ? [first] : [];
        }

        var calendarEvent = new CalendarEvent { DtStart = new CalDateTime(anchor.ToDateTimeUnspecified()) };
        calendarEvent.RecurrenceRule = new RecurrencePattern(Normalize(rule));

        // Start the expansion a day before "after" in local time, so an occurrence moved by a clock change is not missed.
        var from = after.InZone(zone).LocalDateTime.PlusDays(-1);
        var start = from < anchor ? anchor : from;
        var result = new List<ZonedDateTime>(count);
        foreach (var occurrence in calendarEvent.GetOccurrences(new CalDateTime(start.ToDateTimeUnspecified())))
        {
            var local = LocalDateTime.FromDateTime(occurrence.Period.StartTime.Value);
            var zoned = zone.ResolveLocal(local, Moment.DaylightSavingResolver);
            if (zoned.ToInstant() <= after)
            {
                continue;
            }

            result.Add(zoned);
            if (result.Count == count || local.Year > after.InUtc().Year + 10)
            {
                break;
            }
        }

        return result;
    }

    public static Instant? Next(string? rule, LocalDateTime anchor, DateTimeZone zone, Instant after) =>
        Upcoming(rule, anchor, zone, after, 1) is [var next] ? next.ToInstant() : null;
}
