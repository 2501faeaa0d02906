using System.Text.Json;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// An item the conversation is about: the one just created, changed, completed, suggested or mentioned, so that
/// "make it 10am", "move it to friday", "I finished it", "snooze that" and "and eggs too" know what they mean.
/// </summary>
/// <param name="Kind">task, reminder, event, note or list (an item of the list <paramref name="ContainerId"/>).</param>
/// <param name="Id">The item's id.</param>
/// <param name="Title">What it is called (or the echo of what was captured).</param>
/// <param name="At">When it was talked about.</param>
/// <param name="ContainerId">The list of a list item.</param>
internal sealed record ItemRef(string Kind, Guid Id, string Title, DateTimeOffset At, Guid? ContainerId = null)
{
    public const string Task = "task";
    public const string Reminder = "reminder";
    public const string Event = "event";
    public const string Note = "note";
    public const string List = "list";
}

/// <summary>
/// What a conversation keeps between turns, as JSON in <see cref="Conversation.Pending"/>: the open question and
/// the item it is about. The column held a bare <see cref="PendingQuestion"/> before; that is still read.
/// </summary>
internal static class DialogueState
{
    /// <summary>How long "it" keeps pointing at the item talked about.</summary>
    public static readonly TimeSpan LastItemLifetime = TimeSpan.FromHours(3);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Stored(PendingQuestion? Question, ItemRef? Last, string? Language);

    /// <summary>
    /// Reads and clears the stored state: a new message either answers the question or moves on. Also the language
    /// the question was asked in.
    /// </summary>
    public static (PendingQuestion? Question, ItemRef? Last, string? Language) Read(Conversation conversation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var json = conversation.Pending;
        conversation.Pending = null;
        if (json is null)
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("tool", out _))
            {
                return (JsonSerializer.Deserialize<PendingQuestion>(json, Json), null, null);
            }

            var stored = JsonSerializer.Deserialize<Stored>(json, Json);
            var last = stored?.Last is { } item && now - item.At <= LastItemLifetime ? item : null;
            return (stored?.Question, last, stored?.Language);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    /// <summary>True when the stored state holds an open question (not only the item talked about).</summary>
    public static bool AwaitsAnswer(string? json)
    {
        if (json is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("tool", out _) || (root.TryGetProperty("question", out var question) && question.ValueKind == JsonValueKind.Object));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string? Write(PendingQuestion? question, ItemRef? last, string language) =>
        question is null && last is null ? null : JsonSerializer.Serialize(new Stored(question, last, language), Json);

    /// <summary>
    /// A short answer to an open question ("yes", "ouais vas-y", "2") is in the question's language: a word or two
    /// say too little to tell the language by. Null when the message is not such an answer.
    /// </summary>
    public static string? AnswerLanguage(string text, PendingQuestion? question, string? asked, Keywords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (question is null || asked is null)
        {
            return null;
        }

        var folded = TextKeys.Fold(text ?? string.Empty);
        return ChangeAnswers.IsYes(folded, words) || ChangeAnswers.IsNo(folded, words) || folded.Split(' ').Length <= 2 ? asked : null;
    }

    /// <summary>The item an action is about, for the actions that name one ("task.created" → the task).</summary>
    public static ItemRef? Of(string actionKind, Guid id, string summary, Guid? containerId, DateTimeOffset at) => actionKind switch
    {
        ActionKinds.TaskCreated or ActionKinds.TaskCompleted => new(ItemRef.Task, id, summary, at),
        ActionKinds.ReminderCreated or ActionKinds.ReminderSnoozed or ActionKinds.ReminderAcknowledged => new(ItemRef.Reminder, id, summary, at),
        ActionKinds.EventCreated => new(ItemRef.Event, id, summary, at),
        ActionKinds.NoteCreated => new(ItemRef.Note, id, summary, at),
        ActionKinds.ListItemAdded or ActionKinds.ListItemMerged => new(ItemRef.List, id, summary, at, containerId),
        _ => null,
    };
}

/// <summary>The answers to the assistant's questions that go beyond one word: "yes please", "ouais vas-y", "the second one", "2".</summary>
internal static class ChangeAnswers
{
    /// <summary>A yes, possibly followed by courtesy ("yes please", "ok go ahead", "ouais vas y").</summary>
    public static bool IsYes(string folded, Keywords words) => Starts(folded, words.Affirmations, words);

    /// <summary>A no, possibly followed by courtesy ("no thanks", "non merci").</summary>
    public static bool IsNo(string folded, Keywords words) => Starts(folded, words.Negations, words);

    /// <summary>Which of the offered items the answer picks, by position ("the first one", "2", "le deuxième") or by its words.</summary>
    public static string? Pick(string answer, PendingQuestion pending, Keywords words)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(words);
        var options = pending.Alternatives ?? [];
        var said = TextKeys.Words(answer);
        int? index = said.Overlaps(words.FirstAnswers) || said.Contains("1") ? 0
            : said.Overlaps(words.SecondAnswers) || said.Contains("2") ? 1
            : said.Overlaps(words.ThirdAnswers) || said.Contains("3") ? 2
            : null;
        if (index is { } chosen)
        {
            return chosen < options.Count ? Id(options[chosen]) : null;
        }

        var named = ToolMatching.Best(options, Title, answer);
        return named.Count == 1 ? Id(named[0]) : null;
    }

    /// <summary>An option as stored: "task:{id}|{title}".</summary>
    public static string Option(string kind, Guid id, string title) => $"{kind}:{id}|{title}";

    private static string Id(string option) => option.Split('|')[0];

    private static string Title(string option) => option.Contains('|', StringComparison.Ordinal) ? option[(option.IndexOf('|', StringComparison.Ordinal) + 1)..] : option;

    private static bool Starts(string folded, IReadOnlySet<string> heads, Keywords words)
    {
        if (heads.Contains(folded))
        {
            return true;
        }

        var parts = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < parts.Length; i++)
        {
            var head = string.Join(' ', parts[..i]);
            var rest = string.Join(' ', parts[i..]);
            if (heads.Contains(head) && (heads.Contains(rest) || words.Courtesies.Contains(rest) || words.Thanks.Contains(rest) || Starts(rest, heads, words)))
            {
                return true;
            }
        }

        return false;
    }
}
