using NodaTime;
using NodaTime.Text;
using PersonalAssistant.Language;

namespace PersonalAssistant.Server.Common;

/// <summary>
/// A time as people and clients send it: an ISO date ("2026-03-11"), an ISO date and time with its offset, a local
/// date and time (in the given zone), or words resolved by the language engine in that zone ("tomorrow at 3pm",
/// "every weekday at 8am"). An LLM's or a client's date arithmetic is never trusted.
/// </summary>
internal static class TimeInput
{
    public const int MinYear = 2000;
    public const int MaxYear = 2200;

    /// <summary>The time read, or null when the text names none.</summary>
    public static ParsedTime? Read(string text, DateTimeZone zone, Instant now, LanguageEngine engine)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(engine);
        text = text.Trim();
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
        {
            return Exactly(Moment.OnDate(date.Value));
        }

        if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } offset)
        {
            return Exactly(Moment.At(offset.Value.ToInstant().InZone(zone)));
        }

        if (LocalDateTimePattern.ExtendedIso.Parse(text) is { Success: true } local)
        {
            return Exactly(Moment.At(local.Value, zone));
        }

        return text.Any(char.IsLetter) ? engine.ParseTime(text, new ParseContext(now.InZone(zone).LocalDateTime, zone)) : null;
    }

    public static bool InRange(Moment moment) => moment.Date.Year is >= MinYear and <= MaxYear;

    private static ParsedTime Exactly(Moment moment) => new(moment, null, null, false, []);
}
