using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace PersonalAssistant.Language;

/// <summary>
/// The corpus contract of ../shared/nlu/README.md: one JSON case per input line ({id, text, now, tz, lang}), one JSON
/// answer per output line, in order, with nothing else on the output. A line that cannot be read is answered
/// <c>chat</c> with an <c>error</c> field and reported on the error writer, so the numbering never shifts.
/// </summary>
public static class NluJsonl
{
    private static readonly LocalDateTimePattern NowPattern = LocalDateTimePattern.ExtendedIso;

    public static async Task<int> RunAsync(LanguageEngine engine, TextReader input, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var lineNumber = 0;
        var failures = 0;
        string? line;
        while ((line = await input.ReadLineAsync(cancellationToken)) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonObject answer;
            try
            {
                answer = Answer(engine, line);
            }
            catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or UnparsableValueException or DateTimeZoneNotFoundException)
            {
                failures++;
                await errors.WriteLineAsync($"line {lineNumber}: {exception.Message}");
                answer = new JsonObject { ["id"] = TryId(line), ["intent"] = Intents.Chat, ["error"] = exception.Message };
            }

            await output.WriteLineAsync(answer.ToJsonString());
        }

        await output.FlushAsync(cancellationToken);
        return failures == 0 ? 0 : 1;
    }

    public static JsonObject Answer(LanguageEngine engine, string line)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var case_ = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("the line is not a JSON object");
        var text = case_["text"]?.GetValue<string>() ?? throw new FormatException("the case has no text");
        var zoneId = case_["tz"]?.GetValue<string>() ?? "UTC";
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new FormatException($"unknown time zone '{zoneId}'");
        var now = case_["now"]?.GetValue<string>() is { } nowText
            ? NowPattern.Parse(nowText).GetValueOrThrow()
            : SystemClock.Instance.GetCurrentInstant().InZone(zone).LocalDateTime;
        var language = case_["lang"]?.GetValue<string>();
        var currency = case_["currency"]?.GetValue<string>();
        var result = engine.Parse(text, new ParseContext(now, zone, language, currency));
        var answer = ToJson(result.Actions[0]);
        answer.Insert(0, "id", case_["id"]?.DeepClone());
        answer["lang"] = result.Language;
        if (result.Actions.Count > 1)
        {
            answer["actions"] = new JsonArray([.. result.Actions.Select(a => (JsonNode)ToJson(a))]);
        }

        return answer;
    }

    /// <summary>The fields of the action's intent, named as in the contract (snake_case).</summary>
    public static JsonObject ToJson(ParsedAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        // "push it back an hour": a shift of the item talked about is, in the contract's words, a snooze
        var snooze = action is { Intent: Intents.ItemUpdate, Shift: true, Target: null };
        var json = new JsonObject { ["intent"] = snooze ? Intents.ReminderSnooze : Intents.InContract(action.Intent) ? action.Intent : Intents.Chat };
        if (snooze)
        {
            json["minutes"] = action.Minutes;
        }

        switch (action.Intent)
        {
            case Intents.ReminderCreate:
                json["title"] = action.Title;
                json["when"] = action.When?.ToString();
                json["rrule"] = action.RRule;
                break;
            case Intents.TaskCreate:
                json["title"] = action.Title;
                json["when"] = action.When?.ToString();
                json["priority"] = action.Priority;
                break;
            case Intents.EventCreate:
                json["title"] = action.Title;
                json["when"] = action.When?.ToString();
                json["duration_minutes"] = action.DurationMinutes;
                json["rrule"] = action.RRule;
                break;
            case Intents.NoteCreate or Intents.MemoryRemember:
                json["body"] = action.Body;
                break;
            case Intents.GroceryAdd:
                json["items"] = new JsonArray([.. (action.Items ?? []).Select(i => (JsonNode?)JsonValue.Create(i))]);
                break;
            case Intents.ExpenseAdd:
                json["amount"] = action.Amount;
                json["currency"] = action.Currency;
                json["title"] = action.Title;
                break;
            case Intents.TaskList:
                json["range"] = action.Range;
                break;
            case Intents.TaskComplete or Intents.TaskBreakdown:
                json["title"] = action.Title;
                break;
            case Intents.ReminderSnooze:
                json["minutes"] = action.Minutes;
                break;
            case Intents.SuggestNext:
                json["energy"] = action.Energy;
                break;
        }

        if (action.Ambiguous)
        {
            json["ambiguous"] = true;
            json["alternatives"] = new JsonArray([.. action.Alternatives.Select(a => (JsonNode?)JsonValue.Create(a.ToString()))]);
        }

        if (action.Spans.Count > 0)
        {
            json["spans"] = new JsonArray([.. action.Spans.Select(s => (JsonNode)new JsonObject
            {
                ["start"] = s.Start,
                ["length"] = s.Length,
                ["kind"] = s.Kind,
                ["text"] = s.Text,
            })]);
        }

        return json;
    }

    private static JsonNode? TryId(string line)
    {
        try
        {
            return (JsonNode.Parse(line) as JsonObject)?["id"]?.DeepClone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

}
