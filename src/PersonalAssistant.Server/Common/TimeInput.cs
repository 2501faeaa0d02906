using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using PersonalAssistant.Language;

namespace PersonalAssistant.Server.Common;

/// <summary>
/// A time as people and clients send it: an ISO date ("2026-03-11"), an ISO date and time with or without seconds
/// (fractions allowed), with its offset ("Z", "+02:00") or without one (that wall-clock time on that date in the given
/// zone), or words resolved by the language engine in that zone ("tomorrow at 3pm", "every weekday at 8am"). The one
/// parser of every time field: an LLM's or a client's date arithmetic is never trusted, and text that starts like an
/// ISO date is never handed to the language engine (which would read "2027-01-10T10:00" as today at 10:00).
/// </summary>
internal static partial class TimeInput
{
    public const int MinYear = 2000;
    public const int MaxYear = 2200;

    /// <summary>What a field answers when its time lies outside the supported years.</summary>
    public static string OutOfRangeMessage(string locale) => Localization.Texts.Format(locale, "Time.OutOfRange", MinYear, MaxYear);

    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    /// <summary>A time read from a field.</summary>
    /// <param name="Time">The time read, or null when the text names none or names one outside the supported years.</param>
    /// <param name="OutOfRange">The text names a time outside <see cref="MinYear"/> to <see cref="MaxYear"/>.</param>
    public sealed record Reading(ParsedTime? Time, bool OutOfRange);

    /// <summary>The time read, or null when the text names none (or one outside the supported years).</summary>
    public static ParsedTime? Read(string text, DateTimeZone zone, Instant now, LanguageEngine engine, string? language = null) =>
        Interpret(text, zone, now, engine, language).Time;

    /// <summary>
    /// Reads a time field, telling an unreadable text from one outside the supported years. Words are read in the
    /// language they are in; <paramref name="language"/> (the person's) is tried when that reads nothing, so that a
    /// bare "17h" or "11h", which holds no word to tell its language by, is still read in French.
    /// </summary>
    public static Reading Interpret(string text, DateTimeZone zone, Instant now, LanguageEngine engine, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(engine);
        text = text.Trim();
        if (IsoDateStart().IsMatch(text))
        {
            return ReadIso(text, zone);
        }

        if (!text.Any(char.IsLetter))
        {
            return new Reading(null, false);
        }

        var context = new ParseContext(now.InZone(zone).LocalDateTime, zone);
        var parsed = engine.ParseTime(text, context) ?? (language is null ? null : engine.ParseTime(text, context with { Language = language }));
        return parsed is not null && !InRange(parsed.When) ? new Reading(null, true) : new Reading(parsed, false);
    }

    /// <summary>
    /// The wall-clock time the words say when a spring-forward change skips it in <paramref name="zone"/> ("2:30am"
    /// on the night the clocks jump from 2:00 to 3:00): the engine then saves the first time after the gap, and the
    /// person must be told. Read by resolving the same words on a clock without changes (UTC) at the same wall time.
    /// </summary>
    public static LocalDateTime? SkippedWallTime(string text, DateTimeZone zone, Instant now, LanguageEngine engine, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        var wallNow = now.InZone(zone).LocalDateTime;
        var said = IsoDateStart().IsMatch(text.Trim())
            ? LocalPatterns.Select(p => p.Parse(text.Trim())).FirstOrDefault(r => r.Success)?.Value
            : Interpret(text, DateTimeZone.Utc, wallNow.InUtc().ToInstant(), engine, language).Time?.When.Instant?.LocalDateTime;
        return said is { } local && zone.MapLocal(local).Count == 0 ? local : null;
    }

    public static bool InRange(Moment moment) => moment.Date.Year is >= MinYear and <= MaxYear;

    /// <summary>ISO 8601 forms; the year is checked before any zone arithmetic (NodaTime's range ends in 9999).</summary>
    private static Reading ReadIso(string text, DateTimeZone zone)
    {
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
        {
            return InYears(date.Value.Year) ? Exactly(Moment.OnDate(date.Value)) : new Reading(null, true);
        }

        foreach (var pattern in OffsetPatterns)
        {
            if (pattern.Parse(text) is { Success: true } offset)
            {
                return InYears(offset.Value.Year) ? Exactly(Moment.At(offset.Value.ToInstant().InZone(zone))) : new Reading(null, true);
            }
        }

        foreach (var pattern in LocalPatterns)
        {
            if (pattern.Parse(text) is { Success: true } local)
            {
                return InYears(local.Value.Year) ? Exactly(Moment.At(local.Value, zone)) : new Reading(null, true);
            }
        }

        return new Reading(null, false);
    }

    // a day inside the range converts to any zone without leaving NodaTime's range, and stays in range up to a day off
    private static bool InYears(int year) => year is >= MinYear and <= MaxYear;

    private static Reading Exactly(Moment moment) => InRange(moment) ? new(new ParsedTime(moment, null, null, false, []), false) : new(null, true);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IsoDateStart();
}
