using System.Globalization;
using Microsoft.Extensions.AI;
using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// What the assistant would understand in a capture, before it is sent: the kind of thing it would save and the parts
/// of the words it read as a date, a time, a repeat, a list or an amount, each with a short label in the person's
/// language and zone and its place in the text. It runs the offline assistant's own reading
/// (<see cref="OfflineChatClient"/>) on a turn that is thrown away, so the preview says what sending would do; it
/// reads and saves nothing.
/// </summary>
internal sealed class CapturePreview(LanguageEngine engine)
{
    public async Task<Outcome<UnderstandResponse>> UnderstandAsync(PersonNow person, UnderstandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        // The language of the words, as a turn reads them; the labels in the person's own language, as the app shows them.
        var text = request.Text;
        var detected = engine.Detect(text);
        var language = detected is not null && Locales.All.Contains(detected) ? detected : Locales.All.Contains(person.Locale) ? person.Locale : Locales.English;
        var turn = new TurnContext(person with { Locale = language }, Guid.Empty, 0, Channels.Web, language);
        var reading = await new OfflineChatClient(engine, turn).GetResponseAsync([new ChatMessage(ChatRole.User, text)], cancellationToken: cancellationToken);
        var calls = reading.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).ToList();
        if (calls.Count == 0 || KindOf(calls[0].Name) is not { } kind)
        {
            return new UnderstandResponse(UnderstoodKinds.Chat, null, []);
        }

        var first = calls[0].Arguments ?? new Dictionary<string, object?>();
        var parts = first.TryGetValue("list", out var named) && named is string list
            ? ListPart(text, list)
            : PartsOf(engine.Parse(text, new ParseContext(person.Now.LocalDateTime, person.Zone, language, person.Preferences.DefaultCurrency)), kind, person);
        return new UnderstandResponse(kind, TitleOf(first), parts);
    }

    private static string? KindOf(string tool) => tool switch
    {
        ToolNames.AddTask => UnderstoodKinds.Task,
        ToolNames.AddReminder => UnderstoodKinds.Reminder,
        ToolNames.AddEvent => UnderstoodKinds.Event,
        ToolNames.AddNote => UnderstoodKinds.Note,
        ToolNames.AddToList => UnderstoodKinds.List,
        ToolNames.AddExpense => UnderstoodKinds.Expense,
        ToolNames.Remember => UnderstoodKinds.Memory,
        _ => null,
    };

    private static string? TitleOf(IDictionary<string, object?> arguments)
    {
        foreach (var name in (string[])["title", "text", "description", "fact"])
        {
            if (arguments.TryGetValue(name, out var value) && value is string { Length: > 0 } title)
            {
                return title;
            }
        }

        return arguments.TryGetValue("items", out var items) && items is IEnumerable<string> each ? string.Join(", ", each) : null;
    }

    /// <summary>"add screws to my hardware list": the list named, where its name is in the words.</summary>
    private static List<UnderstoodPart> ListPart(string text, string list)
    {
        var at = text.IndexOf(list, StringComparison.OrdinalIgnoreCase);
        return [new UnderstoodPart(UnderstoodParts.List, list, at >= 0 ? at : null, at >= 0 ? list.Length : null)];
    }

    private static List<UnderstoodPart> PartsOf(ParseResult parsed, string kind, PersonNow person)
    {
        var parts = new List<UnderstoodPart>();
        foreach (var action in parsed.Actions)
        {
            foreach (var span in action.Spans)
            {
                if (Label(span, action, person) is { } label)
                {
                    parts.Add(new UnderstoodPart(PartOf(span.Kind), label, span.Start, span.Length));
                }
            }
        }

        // "milk, eggs and bread": the groceries list, even when the words do not name it
        if (kind == UnderstoodKinds.List && parts.All(p => p.Part != UnderstoodParts.List))
        {
            parts.Add(new UnderstoodPart(UnderstoodParts.List, Texts.Get(person.Locale, "Tools.Lists.DefaultName"), null, null));
        }

        return parts;
    }

    private static string PartOf(string spanKind) => spanKind switch
    {
        SpanKinds.Relative => UnderstoodParts.Time,
        SpanKinds.Money => UnderstoodParts.Amount,
        _ => spanKind,
    };

    private static string? Label(UnderstoodSpan span, ParsedAction action, PersonNow person)
    {
        var locale = person.Locale;
        return span.Kind switch
        {
            SpanKinds.Date when action.When is { } when => FriendlyTime.Describe(when.Date.ToDateOnly(), person),
            SpanKinds.Time when action.When is { Instant: { } at } => Clock(at, person),
            SpanKinds.Relative when action.When is { } when => FriendlyTime.Describe(when, person),
            SpanKinds.Duration when action.DurationMinutes is { } minutes => Duration(minutes, locale),
            SpanKinds.Recurrence when action.RRule is { } rule => Repeat(rule, locale),
            SpanKinds.Money when action.Amount is { } amount => Money(amount, action.Currency, locale),
            SpanKinds.List => Texts.Get(locale, "Tools.Lists.DefaultName"),
            _ => null,
        };
    }

    private static string Clock(ZonedDateTime at, PersonNow person) =>
        at.WithZone(person.Zone).LocalDateTime.ToString(Texts.Get(person.Locale, "Time.ClockPattern"), Texts.CultureOf(person.Locale));

    private static string Duration(int minutes, string locale) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => Texts.Format(locale, "Time.Minutes", m),
        (var h, 0) => Texts.Format(locale, "Time.Hours", h),
        var (h, m) => Texts.Format(locale, "Time.HoursMinutes", h, m),
    };

    private static string Money(decimal amount, string? currency, string locale)
    {
        var number = amount.ToString(amount == decimal.Truncate(amount) ? "0" : "0.00", Texts.CultureOf(locale));
        return currency is null ? number : $"{number} {currency}";
    }

    /// <summary>The repeat rules the language engine writes, in words ("every Monday", "every weekday", "every 2 weeks").</summary>
    private static string Repeat(string rule, string locale)
    {
        var fields = rule.Split(';').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.OrdinalIgnoreCase);
        var interval = fields.TryGetValue("INTERVAL", out var every) && int.TryParse(every, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var days = fields.TryGetValue("BYDAY", out var byDay) ? byDay.Split(',') : [];
        var culture = Texts.CultureOf(locale);
        return fields.GetValueOrDefault("FREQ") switch
        {
            "DAILY" when fields.TryGetValue("BYHOUR", out var hours) && hours.Contains(',', StringComparison.Ordinal) => Texts.Get(locale, "Understand.Repeat.Other"),
            "DAILY" when interval > 1 => Texts.Format(locale, "Understand.Repeat.Days", interval),
            "DAILY" => Texts.Get(locale, "Understand.Repeat.Day"),
            "WEEKLY" when interval > 1 => Texts.Format(locale, "Understand.Repeat.Weeks", interval),
            "WEEKLY" when days is ["MO", "TU", "WE", "TH", "FR"] => Texts.Get(locale, "Understand.Repeat.Weekday"),
            "WEEKLY" when days.Length > 0 && days.All(d => DayOf(d) is not null) =>
                Texts.Format(locale, "Understand.Repeat.Weekly", string.Join(", ", days.Select(d => culture.DateTimeFormat.GetDayName(DayOf(d)!.Value)))),
            "WEEKLY" => Texts.Get(locale, "Understand.Repeat.Week"),
            "MONTHLY" when interval == 1 => Texts.Get(locale, "Understand.Repeat.Month"),
            "YEARLY" when interval == 1 => Texts.Get(locale, "Understand.Repeat.Year"),
            _ => Texts.Get(locale, "Understand.Repeat.Other"),
        };
    }

    private static DayOfWeek? DayOf(string code) => code switch
    {
        "MO" => DayOfWeek.Monday,
        "TU" => DayOfWeek.Tuesday,
        "WE" => DayOfWeek.Wednesday,
        "TH" => DayOfWeek.Thursday,
        "FR" => DayOfWeek.Friday,
        "SA" => DayOfWeek.Saturday,
        "SU" => DayOfWeek.Sunday,
        _ => null,
    };
}

/// <summary>The kinds of thing a capture saves, as <see cref="UnderstandResponse.Kind"/> names them.</summary>
internal static class UnderstoodKinds
{
    public const string Task = "task";
    public const string Reminder = "reminder";
    public const string Event = "event";
    public const string Note = "note";
    public const string List = "list";
    public const string Expense = "expense";
    public const string Memory = "memory";

    /// <summary>Nothing would be saved as it is: a question, small talk, or the assistant would ask first.</summary>
    public const string Chat = "chat";
}

/// <summary>The parts of a capture, as <see cref="UnderstoodPart.Part"/> names them.</summary>
internal static class UnderstoodParts
{
    public const string Date = SpanKinds.Date;
    public const string Time = SpanKinds.Time;
    public const string Duration = SpanKinds.Duration;
    public const string Recurrence = SpanKinds.Recurrence;
    public const string Amount = "amount";
    public const string List = SpanKinds.List;
}
