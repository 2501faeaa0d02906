using NodaTime;
using NodaTime.Text;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// Due dates as people and clients give them: ISO values, or words resolved by the language engine in the person's
/// zone (DESIGN: an LLM's or a client's date arithmetic is never trusted). Shown back in the person's zone.
/// </summary>
internal static class TaskDue
{
    private static readonly int MinYear = 2000;
    private static readonly int MaxYear = 2200;

    public static bool TryParse(string input, PersonNow person, LanguageEngine engine, out DateOnly? date, out DateTimeOffset? at, out string? error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(engine);
        date = null;
        at = null;
        error = null;
        var text = input.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        Moment? moment = null;
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } localDate)
        {
            moment = Moment.OnDate(localDate.Value);
        }
        else if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } offsetDateTime)
        {
            moment = Moment.At(offsetDateTime.Value.ToInstant().InZone(person.Zone));
        }
        else if (LocalDateTimePattern.ExtendedIso.Parse(text) is { Success: true } localDateTime)
        {
            moment = Moment.At(localDateTime.Value, person.Zone);
        }
        else if (!char.IsDigit(text[0]) || text.Any(char.IsLetter))
        {
            moment = engine.ParseTime(text, new ParseContext(person.Now.LocalDateTime, person.Zone))?.When;
        }

        if (moment is not { } value)
        {
            error = $"Could not read \"{Shorten(text)}\" as a date. Use 2026-03-11, 2026-03-11T15:00:00-04:00, or words such as \"friday\" or \"tomorrow at 3pm\".";
            return false;
        }

        if (value.Date.Year < MinYear || value.Date.Year > MaxYear)
        {
            error = $"The date must be between {MinYear} and {MaxYear}.";
            return false;
        }

        date = value.Date.ToDateOnly();
        at = value.Instant?.ToInstant().ToDateTimeOffset(); // UTC: PostgreSQL stores instants, not offsets
        return true;
    }

    public static string? Format(TaskItem task, PersonNow person)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(person);
        if (task.DueAt is { } at)
        {
            return Moment.At(Instant.FromDateTimeOffset(at).InZone(person.Zone)).ToString();
        }

        return task.DueDate is { } date ? Moment.OnDate(LocalDate.FromDateOnly(date)).ToString() : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
