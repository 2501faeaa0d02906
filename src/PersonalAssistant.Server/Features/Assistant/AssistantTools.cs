using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Expenses;
using PersonalAssistant.Server.Features.Lists;
using PersonalAssistant.Server.Features.Memories;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The assistant's tools: small described methods that act as the person of the turn through the same handlers
/// the REST API runs (same validation, same owner scoping), and answer a short <see cref="ToolResult"/> instead of
/// throwing. Times are words or ISO values read by the language engine in the person's zone, whatever the model.
/// </summary>
internal sealed partial class AssistantTools(
    TurnContext turn, AppDbContext db, LanguageEngine engine, TimeProvider time, TaskService tasks, ReminderService reminders,
    EventService events, NoteService notes, ListService lists, ExpenseService expenses, MemoryService memories)
{
    /// <summary>How long a question the assistant asked waits for its answer.</summary>
    internal static readonly TimeSpan QuestionLifetime = TimeSpan.FromMinutes(30);

    private PersonNow Person => turn.Person;

    /// <summary>A sentence of the catalog in the turn's language.</summary>
    private string Text(string key, params object?[] values) => Texts.Format(Person.Locale, key, values);

    /// <summary>A sentence of the catalog saying what changed, then, on SMS, how to take it back (<see cref="Replies.Undoable"/>).</summary>
    private string Undoable(string key, params object?[] values) => Replies.Undoable(Person.Locale, turn.Channel == Channels.Sms, key, values);

    private IReadOnlyList<AIFunction>? _all;

    /// <summary>Every tool, for the chat client's options (built once per turn: each one is made by reflection).</summary>
    public IReadOnlyList<AIFunction> All() => _all ??=
    [
        Tool(nameof(AddTask), ToolNames.AddTask, "Add a task (a to-do). Use for anything the person needs to do."),
        Tool(nameof(ListTasks), ToolNames.ListTasks, "List the person's open tasks: today, overdue, upcoming, someday, or all."),
        Tool(nameof(CompleteTask), ToolNames.CompleteTask, "Mark one of the person's tasks done, found by its words."),
        Tool(nameof(BreakDownTask), ToolNames.BreakDownTask, "Split a task into 3 to 7 small steps saved as subtasks, the first about two minutes long. Creates the task if it does not exist."),
        Tool(nameof(SuggestNextTask), ToolNames.SuggestNextTask, "Pick one task to do now, with the reason."),
        Tool(nameof(DeleteTask), ToolNames.DeleteTask, "Delete a task. Asks the person to confirm first."),
        Tool(nameof(AddReminder), ToolNames.AddReminder, "Remind the person of something at a time, once or repeating. Create reminders without asking."),
        Tool(nameof(ListReminders), ToolNames.ListReminders, "List the person's next reminders."),
        Tool(nameof(SnoozeReminder), ToolNames.SnoozeReminder, "Push the latest delivered reminder (or the one named) back by some minutes."),
        Tool(nameof(ActOnNudge), ToolNames.ActOnNudge, "The person's one-word reply to the latest nudge (DONE, SNOOZE 20, SKIP, SMALLER; FAIT, PLUS TARD 20, PASSER, PLUS PETIT): act on that reminder."),
        Tool(nameof(AddNote), ToolNames.AddNote, "Save a note."),
        Tool(nameof(SearchNotes), ToolNames.SearchNotes, "Find the person's notes by words."),
        Tool(nameof(AddEvent), ToolNames.AddEvent, "Put an event in the person's calendar. Events with other people are confirmed first."),
        Tool(nameof(ListEvents), ToolNames.ListEvents, "List the person's events from a day (default today) for a number of days."),
        Tool(nameof(AddToList), ToolNames.AddToList, "Add items to a list (the groceries list unless another is named)."),
        Tool(nameof(ShowList), ToolNames.ShowList, "Show what is still on a list (groceries by default)."),
        Tool(nameof(RemoveFromList), ToolNames.RemoveFromList, "Cross items off a list (groceries by default, or every list)."),
        Tool(nameof(ClearList), ToolNames.ClearList, "Clear a whole list. Asks the person to confirm first."),
        Tool(nameof(Agenda), ToolNames.Agenda, "What the person has on one day: tasks due, reminders and events."),
        Tool(nameof(WhenIs), ToolNames.WhenIs, "When something stored is (event, reminder, task, remembered fact)."),
        Tool(nameof(Recall), ToolNames.Recall, "Find a saved fact: remembered facts and lines of notes, by words."),
        Tool(nameof(Spending), ToolNames.Spending, "What the person spent between two days, by categories or in all."),
        Tool(nameof(AddExpense), ToolNames.AddExpense, "Record money spent."),
        Tool(nameof(ExpenseSummary), ToolNames.ExpenseSummary, "Spending of a month by category."),
        Tool(nameof(Remember), ToolNames.Remember, "Remember a fact about the person for later conversations, when they ask you to."),
        Tool(nameof(ProposeMemory), ToolNames.ProposeMemory, "Offer to remember a lasting fact the person mentioned without asking (a name, a routine, what works for them). Asks them first."),
        Tool(nameof(Forget), ToolNames.Forget, "Forget a remembered fact. Asks the person to confirm first."),
        Tool(nameof(UpdateItem), ToolNames.UpdateItem, "Move a task, reminder or event to a new time or by some minutes, found by its words or the one just talked about. Never create a new item to change one."),
        Tool(nameof(DeleteItem), ToolNames.DeleteItem, "Delete a task, reminder, event or note found by its words or the one just talked about. Asks the person to confirm first."),
        Tool(nameof(AddMore), ToolNames.AddMore, "Add more items to the list the person just added to (\"and eggs too\")."),
    ];

    /// <summary>A time in words or ISO, read by the language engine in the person's zone.</summary>
    private ParsedTime? ReadTime(string words) => TimeInput.Read(words, Person.Zone, Person.Now.ToInstant(), engine, Person.Locale);

    private AIFunction Tool(string method, string name, string description) =>
        AIFunctionFactory.Create(typeof(AssistantTools).GetMethod(method)!, this, name, description);

    /// <summary>An ambiguous time ("at 7") is never guessed: the tool asks and keeps the call for the answer.</summary>
    private ToolResult? AskWhenAmbiguous(string tool, string field, string? words, Dictionary<string, object?> arguments)
    {
        if (string.IsNullOrWhiteSpace(words) || ReadTime(words) is not { Ambiguous: true } parsed
            || parsed.Alternatives.Count < 2)
        {
            return null;
        }

        var options = parsed.Alternatives.Take(3).ToList();
        string question;
        if (options.Count == 2 && options[0].Instant is { } first && options[1].Instant is { } second
            && first.Minute == second.Minute && Math.Abs(first.Hour - second.Hour) == 12)
        {
            var hour = first.Hour % 12 == 0 ? 12 : first.Hour % 12;
            var clock = first.Minute == 0 ? Text("Tools.Time.Hour", hour) : Text("Tools.Time.HourMinute", hour, first.Minute);
            question = Text("Tools.Time.MorningOrEvening", clock);
        }
        else
        {
            var described = options.Select(o => FriendlyTime.Describe(o, Person)).ToList();
            question = Text("Tools.Time.DidYouMean", string.Join(Text("Tools.Time.Or"), described));
        }

        turn.Pending = new PendingQuestion(PendingQuestion.Clarify, tool, Serialize(arguments), question, time.GetUtcNow() + QuestionLifetime,
            field, options.Select(o => o.ToString()).ToList(), parsed.RRule);
        return ToolResult.Ask(question);
    }

    private ToolResult AskToConfirm(string tool, Dictionary<string, object?> arguments, string question)
    {
        turn.Pending = new PendingQuestion(PendingQuestion.Confirm, tool, Serialize(arguments), question, time.GetUtcNow() + QuestionLifetime);
        return ToolResult.Ask(question + Text("Tools.YesNo"));
    }

    internal static Dictionary<string, JsonElement> Serialize(Dictionary<string, object?> arguments) =>
        arguments.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value), StringComparer.Ordinal);

    private async Task<ToolResult> DidAsync(string kind, string summary, Guid entityId, string? previous = null, bool undoable = true)
    {
        await RecordAsync(kind, summary, entityId, previous: previous, undoable: undoable);
        return ToolResult.Success(summary);
    }

    /// <summary>
    /// Notes the action for the reply and the stream, and keeps what undo needs to reverse it: the log entry is saved
    /// with the turn's next save (the next tool's, or the reply's, in one transaction with it).
    /// </summary>
    private async Task RecordAsync(string kind, string summary, Guid entityId, Guid? containerId = null, string? previous = null, bool undoable = true)
    {
        var action = new ActionTaken(kind, summary, entityId);
        turn.Actions.Add(action);
        turn.Last = DialogueState.Of(kind, entityId, summary, containerId, time.GetUtcNow()) ?? turn.Last;
        if (undoable)
        {
            db.AssistantActions.Add(new AssistantAction
            {
                UserId = Person.UserId,
                ConversationId = turn.ConversationId,
                TurnMessageId = turn.TurnMessageId,
                Kind = kind,
                EntityId = entityId,
                ContainerId = containerId,
                Previous = previous,
                Summary = Clip(summary, 400),
                CreatedAt = time.GetUtcNow(),
            });
        }

        await turn.OnAction(action);
    }

    private ToolResult? Invalid(object request) =>
        Common.Failure.Check(request, Person.Locale) is { } failure ? ToolResult.Failed(failure.Summary) : null;

    /// <summary>What a service refused, as one short line in the person's language.</summary>
    private static ToolResult Failed(Common.Failure? failure) => ToolResult.Failed(failure?.Summary ?? string.Empty);

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>The tools' names, as the model and the offline engine call them.</summary>
internal static class ToolNames
{
    public const string AddTask = "add_task";
    public const string ListTasks = "list_tasks";
    public const string CompleteTask = "complete_task";
    public const string BreakDownTask = "break_down_task";
    public const string SuggestNextTask = "suggest_next_task";
    public const string DeleteTask = "delete_task";
    public const string AddReminder = "add_reminder";
    public const string ListReminders = "list_reminders";
    public const string SnoozeReminder = "snooze_reminder";
    public const string ActOnNudge = "act_on_nudge";
    public const string AddNote = "add_note";
    public const string SearchNotes = "search_notes";
    public const string AddEvent = "add_event";
    public const string ListEvents = "list_events";
    public const string AddToList = "add_to_list";
    public const string ShowList = "show_list";
    public const string RemoveFromList = "remove_from_list";
    public const string ClearList = "clear_list";
    public const string Agenda = "agenda";
    public const string WhenIs = "when_is";
    public const string Recall = "recall";
    public const string Spending = "spending";
    public const string AddExpense = "add_expense";
    public const string ExpenseSummary = "expense_summary";
    public const string Remember = "remember";
    public const string Forget = "forget";
    public const string ProposeMemory = "propose_memory";
    public const string UpdateItem = "update_item";
    public const string DeleteItem = "delete_item";
    public const string AddMore = "add_more";
}

/// <summary>Whether an event's title names other people ("lunch with Julie", "réunion avec Marc"), which needs a yes first.</summary>
internal static class OtherPeople
{
    private static readonly IReadOnlySet<string> Markers = LanguageEngine.DefaultKeywords.CompanionMarkers;

    public static bool AreNamedIn(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length - 1; i++)
        {
            if (Markers.Contains(words[i], StringComparer.OrdinalIgnoreCase) && words[i + 1] is [var first, ..] && char.IsUpper(first))
            {
                return true;
            }
        }

        return false;
    }
}
