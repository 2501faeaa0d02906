using System.Text.Json;
using NodaTime;
using PersonalAssistant.Language.Understanding.Statistical;

namespace PersonalAssistant.Language.Tests.Statistical;

/// <summary>
/// The held-out messages (HeldOut.jsonl, written before any training, not from the templates) and what the
/// assistant's offline readers make of a message, as a label of <see cref="IntentLabels"/>: the order of
/// OfflineChatClient (list changes and questions first, then the grammar, then small talk and lookups).
/// </summary>
internal static class HeldOut
{
    public static readonly ParseContext Context = new(new LocalDateTime(2026, 11, 18, 14, 0), DateTimeZoneProviders.Tzdb["America/Toronto"]);

    public static IReadOnlyList<(string Language, string Label, string Text)> Load() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Statistical", "HeldOut.jsonl"))
            .Where(line => line.Trim().Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("lang").GetString()!, Label(e.GetProperty("label").GetString()!), e.GetProperty("text").GetString()!))];

    /// <summary>The file's short label ("reminder", "question") as a label of <see cref="IntentLabels"/>.</summary>
    private static string Label(string name) => name switch
    {
        "reminder" => IntentLabels.Reminder,
        "task" => IntentLabels.Task,
        "event" => IntentLabels.Event,
        "note" => IntentLabels.Note,
        "grocery" => IntentLabels.Grocery,
        "expense" => IntentLabels.Expense,
        "memory" => IntentLabels.Memory,
        "question" => IntentLabels.Question,
        "change" => IntentLabels.Change,
        "complete" => IntentLabels.Complete,
        "chat" => IntentLabels.Chat,
        _ => throw new InvalidDataException($"Unknown label {name}"),
    };

    /// <summary>The kind of thing the assistant does with this message, offline.</summary>
    public static string AssistantLabel(LanguageEngine engine, string text, string language)
    {
        var context = Context with { Language = language };
        if (engine.ReadListChange(text, context) is { } change && change.Kind != ListChangeKinds.Got)
        {
            return change.Kind == ListChangeKinds.Add ? IntentLabels.Grocery : IntentLabels.Change;
        }

        if (engine.ReadQuestion(text, context) is { Kind: not QuestionKinds.Lookup })
        {
            return IntentLabels.Question;
        }

        var parsed = engine.Parse(text, context);
        var intent = parsed.Actions[0].Intent;
        var nothing = parsed.Actions.Count == 1 && intent == Intents.Chat;
        if (nothing && engine.ReadListChange(text, context) is { Kind: ListChangeKinds.Got })
        {
            return IntentLabels.Complete;
        }

        if (nothing && engine.ReadSmallTalk(text) is not null)
        {
            return IntentLabels.Chat;
        }

        var capture = parsed.Actions.Count == 1 && intent is Intents.TaskCreate or Intents.GroceryAdd or Intents.EventCreate or Intents.ReminderCreate;
        if ((nothing || capture) && engine.ReadQuestion(text, context) is { Kind: QuestionKinds.Lookup } lookup && (nothing || lookup.Strong))
        {
            return IntentLabels.Question;
        }

        return intent switch
        {
            Intents.AddMore => IntentLabels.Grocery,
            Intents.ItemUpdate or Intents.ItemDelete or Intents.ReminderSnooze => IntentLabels.Change,
            Intents.TaskList => IntentLabels.Question,
            Intents.SuggestNext or Intents.TaskBreakdown => IntentLabels.Chat,
            _ => intent,
        };
    }
}
