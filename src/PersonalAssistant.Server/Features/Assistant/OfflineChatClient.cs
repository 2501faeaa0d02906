using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The assistant with no model and no network: an <see cref="IChatClient"/> that reads the person's message with
/// the language engine and answers with tool calls, then writes the reply from the tools' results with
/// <see cref="Replies"/>. The agent pipeline (function invocation, tools, transcript) is the same as with a model.
/// </summary>
internal sealed partial class OfflineChatClient(LanguageEngine engine, TurnContext turn) : IChatClient
{
    private readonly PersonNow person = turn.Person;
    private readonly string language = turn.Language;
    private readonly string channel = turn.Channel;

    /// <summary>What the reply must add to the echo of this turn ("2:30 AM doesn't exist that day…").</summary>
    private readonly List<string> notes = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IList<ChatMessage> ?? messages.ToList();
        var last = history.Count == 0 ? null : history[^1];
        var response = last?.Contents.OfType<FunctionResultContent>().Any() == true
            ? Text(ReplyToResults(history))
            : Understand(last?.Text ?? string.Empty);
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
    }

    /// <summary>One tool call per thing asked for ("milk, call the dentist tomorrow and pay rent by friday" is three).</summary>
    private ChatResponse Understand(string text)
    {
        if (NudgeReplies.Read(text, engine.Keywords) is { } reply)
        {
            return Calls([(ToolNames.ActOnNudge, new Dictionary<string, object?> { ["command"] = reply.Command.ToString().ToLowerInvariant(), ["minutes"] = reply.Minutes })]);
        }

        if (engine.Keywords.NextRequests.Contains(TextKeys.Fold(text)))
        {
            return Calls([(ToolNames.SuggestNextTask, new Dictionary<string, object?>())]);
        }

        var context = new Language.ParseContext(person.Now.LocalDateTime, person.Zone, language, person.Preferences.DefaultCurrency);
        if (BeforeCaptures(text, context) is { } conversational)
        {
            return conversational;
        }

        var parsed = engine.Parse(text, context);
        if (InsteadOfCaptures(text, context, parsed) is { } answered)
        {
            return answered;
        }

        if (parsed.Actions is [{ Guessed: true } guessed] && ToCall(guessed, text) is { } guess)
        {
            return Text(AskAboutGuess(guess.Tool, guess.Arguments));
        }

        var calls = new List<(string Tool, Dictionary<string, object?> Arguments)>();
        foreach (var action in parsed.Actions)
        {
            var call = ToCall(action, text);
            if (call is null)
            {
                return Text(action.Intent == Intents.ReminderCreate ? Replies.NeedsTime(language) : Replies.Conversational(text, language));
            }

            calls.Add(call.Value);
            if (action.SkippedTime is { } skipped && action.When?.Instant is { } instead)
            {
                notes.Add(Replies.TimeSkipped(skipped, instead.LocalDateTime, language));
            }
        }

        return Calls(calls);
    }

    private static (string Tool, Dictionary<string, object?> Arguments)? ToCall(ParsedAction action, string text) => action.Intent switch
    {
        Intents.TaskCreate => (ToolNames.AddTask, new() { ["title"] = action.Title ?? text, ["due"] = When(action), ["priority"] = action.Priority }),
        Intents.ReminderCreate when action.When is not null =>
            (ToolNames.AddReminder, new() { ["text"] = action.Title ?? text, ["when"] = When(action), ["repeat"] = action.Ambiguous ? null : action.RRule }),
        // a date and no time ("a haircut sometime next week"): a task due that day, not an event at no time
        Intents.EventCreate when action.When is { HasTime: false } && action.RRule is null =>
            (ToolNames.AddTask, new() { ["title"] = action.Title ?? text, ["due"] = When(action) }),
        // a repeating appointment ("standup every weekday at 9:30am"): a repeating reminder keeps the rule
        Intents.EventCreate when action.When is not null && action.RRule is not null =>
            (ToolNames.AddReminder, new() { ["text"] = action.Title ?? text, ["when"] = When(action), ["repeat"] = action.Ambiguous ? null : action.RRule }),
        Intents.EventCreate when action.When is not null =>
            (ToolNames.AddEvent, new() { ["title"] = action.Title ?? text, ["start"] = When(action), ["durationMinutes"] = action.DurationMinutes }),
        Intents.NoteCreate => (ToolNames.AddNote, new() { ["text"] = action.Body ?? action.Title ?? text }),
        Intents.GroceryAdd when action.Items is { Count: > 0 } items => (ToolNames.AddToList, new() { ["items"] = items }),
        Intents.ExpenseAdd when action.Amount is not null =>
            (ToolNames.AddExpense, new() { ["amount"] = action.Amount, ["description"] = action.Title ?? text, ["currency"] = action.Currency, ["date"] = action.When?.Date.ToString("yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture) }),
        Intents.TaskList => (ToolNames.ListTasks, new() { ["view"] = action.Range switch { "overdue" => "overdue", "today" => null, _ => "all" } }),
        Intents.TaskComplete => (ToolNames.CompleteTask, new() { ["task"] = action.Title }),
        Intents.ReminderSnooze => (ToolNames.SnoozeReminder, new() { ["minutes"] = action.Minutes, ["reminder"] = action.Target }),
        Intents.ItemUpdate or Intents.ItemDelete or Intents.AddMore => ChangeCalls.For(action, When(action)),
        Intents.TaskBreakdown when action.Title is not null => (ToolNames.BreakDownTask, new() { ["task"] = action.Title }),
        Intents.SuggestNext => (ToolNames.SuggestNextTask, new() { ["energy"] = action.Energy, ["minutes"] = action.Minutes }),
        Intents.MemoryRemember => (ToolNames.Remember, new() { ["fact"] = action.Body ?? action.Title ?? text }),
        _ => null,
    };

    /// <summary>
    /// The time as the tools take it: the resolved ISO value, or the words themselves when they were ambiguous so the
    /// tool asks which one was meant. A repeating time keeps its words, which carry the rule.
    /// </summary>
    private static string? When(ParsedAction action)
    {
        if (action.When is not { } when)
        {
            return null;
        }

        if (!action.Ambiguous)
        {
            return when.ToString();
        }

        var words = action.Spans.Where(s => s.Kind is SpanKinds.Date or SpanKinds.Time or SpanKinds.Relative or SpanKinds.Recurrence).Select(s => s.Text);
        return string.Join(' ', words);
    }

    private string ReplyToResults(IList<ChatMessage> history)
    {
        var names = history.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).GroupBy(c => c.CallId).ToDictionary(g => g.Key, g => g.Last().Name);
        var start = history.Count;
        while (start > 0 && history[start - 1].Contents.OfType<FunctionResultContent>().Any())
        {
            start--;
        }

        var results = history.Skip(start).SelectMany(m => m.Contents.OfType<FunctionResultContent>())
            .Select(r => (names.GetValueOrDefault(r.CallId, string.Empty), Replies.Read(r.Result))).ToList();
        var reply = Replies.ForResults(results, language, channel);
        return notes.Count == 0 ? reply : Replies.Fit(string.Join(channel == Channels.Sms ? " " : "\n\n", [reply, .. notes]), channel);
    }

    /// <summary>
    /// A capture only the statistical layer guessed: say what was understood and ask; "yes" carries out the call kept
    /// with the question (as a confirmation), anything else is read afresh.
    /// </summary>
    private string AskAboutGuess(string tool, Dictionary<string, object?> arguments)
    {
        var question = Replies.Guessed(tool, arguments, language);
        turn.Pending = new PendingQuestion(PendingQuestion.Confirm, tool, AssistantTools.Serialize(arguments), question,
            person.Now.ToInstant().ToDateTimeOffset() + AssistantTools.QuestionLifetime);
        return question;
    }

    private static ChatResponse Calls(IEnumerable<(string Tool, Dictionary<string, object?> Arguments)> calls)
    {
        var contents = calls.Select((call, index) => (AIContent)new FunctionCallContent(
            $"offline-{index}", call.Tool, call.Arguments.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value))).ToList();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents));
    }

    private static ChatResponse Text(string text) => new(new ChatMessage(ChatRole.Assistant, text));
}
