using System.Collections.Concurrent;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using NodaTime;
using NodaTime.Text;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Localization;

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

    /// <summary>The largest INTERVAL accepted ("every 366 days, weeks, months or years").</summary>
    public const int MaxInterval = 366;

    /// <summary>The most times a rule may fire in one day (BYHOUR values × BYMINUTE values); see ADR 0007.</summary>
    public const int MaxTimesPerDay = 14;

    /// <summary>A rule must have an occurrence within this many years of its start.</summary>
    public const int HorizonYears = 10;

    private const int ExpandsMemoLimit = 50_000;

    private static readonly ConcurrentDictionary<(string Rule, LocalDateTime Anchor), bool> ExpandsMemo = new();

    /// <summary>
    /// How far Ical.Net may step through a rule without a match before giving up (a daily rule searches ~13 years), so a
    /// rule that never matches costs milliseconds, not a walk to the year 9999.
    /// </summary>
    private const int MaxUnmatchedIncrements = 5000;

    private static readonly HashSet<string> AllowedFrequencies = new(StringComparer.OrdinalIgnoreCase) { "DAILY", "WEEKLY", "MONTHLY", "YEARLY" };

    /// <summary>
    /// Checks an RRULE before it is stored, for reminders, events and imports alike: parseable, daily or slower, at most
    /// <see cref="MaxTimesPerDay"/> times a day (BYSECOND only 0), INTERVAL at most <see cref="MaxInterval"/>, UNTIL within
    /// the supported years, and an expansion from <paramref name="anchor"/> that succeeds and finds an occurrence within
    /// <see cref="HorizonYears"/> years. The error in the locale's words, or null when the rule is fine.
    /// </summary>
    public static string? Validate(string rule, LocalDateTime anchor, string locale)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (Parse(rule) is not { } pattern)
        {
            return Texts.Get(locale, "Recurrence.NotARule");
        }

        if (!AllowedFrequencies.Contains(pattern.Frequency.ToString()))
        {
            return Texts.Get(locale, "Recurrence.TooFrequent");
        }

        if (pattern.BySecond.Any(second => second != 0))
        {
            return Texts.Get(locale, "Recurrence.WholeMinutes");
        }

        var timesPerDay = Math.Max(1, pattern.ByHour.Distinct().Count()) * Math.Max(1, pattern.ByMinute.Distinct().Count());
        if (timesPerDay > MaxTimesPerDay)
        {
            return Texts.Format(locale, "Recurrence.TimesPerDay", MaxTimesPerDay, timesPerDay);
        }

        if (pattern.Interval is < 1 or > MaxInterval)
        {
            return Texts.Format(locale, "Recurrence.Interval", MaxInterval);
        }

        if (pattern.Until is { } until && until.Value.Year is < TimeInput.MinYear or > TimeInput.MaxYear)
        {
            return Texts.Format(locale, "Recurrence.Until", TimeInput.MinYear, TimeInput.MaxYear);
        }

        if (pattern.Count is < 1)
        {
            return Texts.Get(locale, "Recurrence.Count");
        }

        return FirstOccurrences(pattern, anchor, 2) switch
        {
            null => Texts.Get(locale, "Recurrence.Unexpandable"),
            [] => Texts.Format(locale, "Recurrence.NoOccurrence", HorizonYears),
            _ => null,
        };
    }

    /// <summary>
    /// Whether a stored rule can be expanded from its anchor (a rule saved before <see cref="Validate"/> existed may
    /// not); such an item is shown once, at its first start, and flagged, never an error for the whole list.
    /// </summary>
    /// <remarks>
    /// Every list of reminders or events asks this of each recurring item, and the answer (an Ical.Net expansion) was
    /// about a quarter of a reminder list's CPU; it depends on the rule and the anchor alone, so it is remembered
    /// (bounded: the memo starts over past <see cref="ExpandsMemoLimit"/> schedules).
    /// </remarks>
    public static bool Expands(string? rule, LocalDateTime anchor)
    {
        if (rule is null)
        {
            return true;
        }

        if (ExpandsMemo.TryGetValue((rule, anchor), out var known))
        {
            return known;
        }

        var expands = Parse(rule) is { } pattern && FirstOccurrences(pattern, anchor, 2) is not null;
        if (ExpandsMemo.Count >= ExpandsMemoLimit)
        {
            ExpandsMemo.Clear();
        }

        ExpandsMemo[(rule, anchor)] = expands;
        return expands;
    }

    public static string Normalize(string rule) =>
        (rule.Trim().StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? rule.Trim()[6..] : rule.Trim()).ToUpperInvariant();

    /// <summary>Occurrences of a schedule after an instant, and whether its rule could not be expanded.</summary>
    /// <param name="Occurrences">Up to the count asked for; the first start alone when the rule is broken.</param>
    /// <param name="RuleBroken">The stored rule could not be expanded (see <see cref="Expands"/>).</param>
    public sealed record Expansion(IReadOnlyList<ZonedDateTime> Occurrences, bool RuleBroken);

    /// <summary>Up to <paramref name="count"/> occurrences strictly after <paramref name="after"/>.</summary>
    public static IReadOnlyList<ZonedDateTime> Upcoming(string? rule, LocalDateTime anchor, DateTimeZone zone, Instant after, int count) =>
        Expand(rule, anchor, zone, after, count).Occurrences;

    /// <summary>
    /// Up to <paramref name="count"/> occurrences strictly after <paramref name="after"/>. A rule that cannot be expanded
    /// gives its first start only (as a one-off would) and <see cref="Expansion.RuleBroken"/>: reading never fails
    /// because of one stored rule.
    /// </summary>
    public static Expansion Expand(string? rule, LocalDateTime anchor, DateTimeZone zone, Instant after, int count)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var first = zone.ResolveLocal(anchor, Moment.DaylightSavingResolver);
        IReadOnlyList<ZonedDateTime> once = first.ToInstant() > after ? [first] : [];
        if (rule is null)
        {
            return new Expansion(once, false);
        }

        if (Parse(rule) is not { } pattern)
        {
            return new Expansion(once, true);
        }

        var calendarEvent = new CalendarEvent { DtStart = new CalDateTime(anchor.ToDateTimeUnspecified()), RecurrenceRule = pattern };

        // Start the expansion a day before "after" in local time, so an occurrence moved by a clock change is not missed.
        var from = after.InZone(zone).LocalDateTime.PlusDays(-1);
        var start = from < anchor ? anchor : from;
        var result = new List<ZonedDateTime>(count);
        try
        {
            foreach (var occurrence in calendarEvent.GetOccurrences(new CalDateTime(start.ToDateTimeUnspecified()), Limited))
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
        }
        catch (Exception exception) when (IsExpansionFailure(exception))
        {
            return new Expansion(once, true);
        }

        return new Expansion(result, false);
    }

    public static Instant? Next(string? rule, LocalDateTime anchor, DateTimeZone zone, Instant after) =>
        Upcoming(rule, anchor, zone, after, 1) is [var next] ? next.ToInstant() : null;

    private static readonly EvaluationOptions Limited = new() { MaxUnmatchedIncrementsLimit = MaxUnmatchedIncrements };

    private static RecurrencePattern? Parse(string rule)
    {
        try
        {
            return new RecurrencePattern(Normalize(rule));
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>Up to <paramref name="count"/> local starts within the horizon, or null when Ical.Net cannot expand the rule.</summary>
    private static List<LocalDateTime>? FirstOccurrences(RecurrencePattern pattern, LocalDateTime anchor, int count)
    {
        var end = anchor.PlusYears(HorizonYears);
        var calendarEvent = new CalendarEvent { DtStart = new CalDateTime(anchor.ToDateTimeUnspecified()), RecurrenceRule = pattern };
        try
        {
            return calendarEvent.GetOccurrences(new CalDateTime(anchor.ToDateTimeUnspecified()), Limited)
                .Select(o => LocalDateTime.FromDateTime(o.Period.StartTime.Value))
                .TakeWhile(local => local < end).Take(count).ToList();
        }
        catch (Exception exception) when (IsExpansionFailure(exception))
        {
            return null;
        }
    }

    private static bool IsExpansionFailure(Exception exception) =>
        exception is EvaluationException or ArgumentException or OverflowException or InvalidOperationException or FormatException;
}
