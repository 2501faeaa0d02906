using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// Due dates as people and clients give them (see <see cref="TimeInput"/>), kept as a local date and, when a time
/// was given, an instant; shown back in the person's zone.
/// </summary>
internal static class TaskDue
{
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

        var reading = TimeInput.Interpret(text, person.Zone, person.Now.ToInstant(), engine, person.Locale);
        if (reading.OutOfRange)
        {
            error = TimeInput.OutOfRangeMessage(person.Locale);
            return false;
        }

        if (reading.Time?.When is not { } value)
        {
            error = Texts.Format(person.Locale, "Tasks.DueUnreadable", Shorten(text));
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
