using System.ComponentModel;
using System.Globalization;
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
internal sealed class AssistantTools(
    TurnContext turn, AppDbContext db, LanguageEngine engine, TimeProvider time, TaskService tasks, ReminderService reminders,
    EventService events, NoteService notes, ListService lists, ExpenseService expenses, MemoryService memories)
{
    private static readonly TimeSpan QuestionLifetime = TimeSpan.FromMinutes(30);

    private PersonNow Person => turn.Person;

    /// <summary>A sentence of the catalog in the turn's language.</summary>
    private string Text(string key, params object?[] values) => Texts.Format(Person.Locale, key, values);

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
        Tool(nameof(AddNote), ToolNames.AddNote, "Save a note."),
        Tool(nameof(SearchNotes), ToolNames.SearchNotes, "Find the person's notes by words."),
        Tool(nameof(AddEvent), ToolNames.AddEvent, "Put an event in the person's calendar. Events with other people are confirmed first."),
        Tool(nameof(ListEvents), ToolNames.ListEvents, "List the person's events from a day (default today) for a number of days."),
        Tool(nameof(AddToList), ToolNames.AddToList, "Add items to a list (the groceries list unless another is named)."),
        Tool(nameof(ShowList), ToolNames.ShowList, "Show what is still on a list (groceries by default)."),
        Tool(nameof(AddExpense), ToolNames.AddExpense, "Record money spent."),
        Tool(nameof(ExpenseSummary), ToolNames.ExpenseSummary, "Spending of a month by category."),
        Tool(nameof(Remember), ToolNames.Remember, "Remember a fact about the person for later conversations, when they ask you to."),
        Tool(nameof(ProposeMemory), ToolNames.ProposeMemory, "Offer to remember a lasting fact the person mentioned without asking (a name, a routine, what works for them). Asks them first."),
        Tool(nameof(Forget), ToolNames.Forget, "Forget a remembered fact. Asks the person to confirm first."),
    ];

    [Description("Add a task.")]
    public async Task<ToolResult> AddTask(
        [Description("What to do, in the person's words.")] string title,
        [Description("When it is due: words (\"friday\", \"tomorrow at 3pm\") or ISO 8601. Optional.")] string? due = null,
        [Description("low, medium or high. Optional.")] string? priority = null,
        CancellationToken cancellationToken = default)
    {
        if (AskWhenAmbiguous(ToolNames.AddTask, "due", due, new() { ["title"] = title, ["due"] = due, ["priority"] = priority }) is { } question)
        {
            return question;
        }

        var request = new CreateTaskRequest(title, Due: due, Priority: priority);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await tasks.CreateAsync(Person, request, cancellationToken);
        if (result.Value is not { } task)
        {
            return Failed(result.Failure);
        }

        var summary = task.DueAt is { } at ? $"{task.Title}, {FriendlyTime.Describe(at, Person)}"
            : task.DueDate is { } date ? $"{task.Title}, {FriendlyTime.Describe(date, Person)}" : task.Title;
        return await DidAsync(ActionKinds.TaskCreated, summary, task.Id);
    }

    [Description("List tasks.")]
    public async Task<ToolResult> ListTasks(
        [Description("today, overdue, upcoming, someday or all (default today and overdue).")] string? view = null,
        CancellationToken cancellationToken = default)
    {
        var views = view switch
        {
            TaskViews.Today or TaskViews.Overdue or TaskViews.Upcoming or TaskViews.Someday => [view],
            "all" => [TaskViews.Overdue, TaskViews.Today, TaskViews.Upcoming, TaskViews.Someday],
            _ => new[] { TaskViews.Overdue, TaskViews.Today },
        };
        var lines = new List<string>();
        foreach (var name in views)
        {
            var page = await tasks.ListAsync(Person, new TaskQuery { View = name, PageSize = 10 }, cancellationToken);
            lines.AddRange(page.Value!.Items.Select(t => t.DueAt is { } at ? $"{t.Title} ({FriendlyTime.Describe(at, Person)})" : t.Title));
        }

        return lines.Count == 0
            ? ToolResult.Listing(Text("Tools.Tasks.None"), [])
            : ToolResult.Listing(Text("Tools.Tasks.Heading"), lines.Take(10).ToList());
    }

    [Description("Mark a task done.")]
    public async Task<ToolResult> CompleteTask(
        [Description("The task's words (or its id).")] string task,
        CancellationToken cancellationToken = default)
    {
        var (found, problem) = await FindOpenTaskAsync(task, cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        var result = await tasks.CompleteAsync(Person, found.Id, cancellationToken);
        return result.Value is { } done
            ? await DidAsync(ActionKinds.TaskCompleted, done.Title, done.Id, previous: found.Status)
            : Failed(result.Failure);
    }

    [Description("Break a task into small steps saved as subtasks.")]
    public async Task<ToolResult> BreakDownTask(
        [Description("The task's words (or its id).")] string task,
        CancellationToken cancellationToken = default)
    {
        var (found, _) = await FindOpenTaskAsync(task, cancellationToken);
        if (found is null)
        {
            var created = await tasks.CreateAsync(Person, new CreateTaskRequest(Clip(task, TaskItemConfiguration.MaxTitleLength)), cancellationToken);
            if (created.Value is not { } newTask)
            {
                return Failed(created.Failure);
            }

            await DidAsync(ActionKinds.TaskCreated, newTask.Title, newTask.Id);
            found = newTask;
        }

        var result = await tasks.BreakDownAsync(Person, found.Id, new BreakdownRequest(Apply: true), cancellationToken);
        if (result.Value is not { } breakdown)
        {
            return Failed(result.Failure);
        }

        foreach (var step in breakdown.Subtasks)
        {
            await RecordAsync(ActionKinds.TaskCreated, step.Title, step.Id);
        }

        var heading = Text("Tools.Breakdown.Heading", found.Title);
        return ToolResult.Listing(heading, breakdown.Steps.Select(s => s.EstimatedMinutes is { } minutes ? $"{s.Title} (~{minutes} min)" : s.Title).ToList());
    }

    [Description("Suggest one task to do now.")]
    public async Task<ToolResult> SuggestNextTask(
        [Description("The person's energy now: low, medium or high. Optional.")] string? energy = null,
        [Description("Minutes the person has. Optional.")] int? minutes = null,
        CancellationToken cancellationToken = default)
    {
        var query = new NextTaskQuery { Energy = energy is EnergyLevels.Low or EnergyLevels.Medium or EnergyLevels.High ? energy : null, Minutes = minutes is > 0 and <= 24 * 60 ? minutes : null };
        var next = (await tasks.NextAsync(Person, query, cancellationToken)).Value!;
        return next.Task is null
            ? ToolResult.Listing(Text("Tools.Next.None"), [])
            : ToolResult.Listing(next.Task.Title, next.Reasons);
    }

    [Description("Delete a task (after the person confirms).")]
    public async Task<ToolResult> DeleteTask(
        [Description("The task's words (or its id).")] string task,
        CancellationToken cancellationToken = default)
    {
        var (found, problem) = await FindOpenTaskAsync(task, cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        if (!turn.Confirmed)
        {
            return AskToConfirm(ToolNames.DeleteTask, new() { ["task"] = found.Id.ToString() }, Text("Tools.Tasks.ConfirmDelete", found.Title));
        }

        var result = await tasks.DeleteAsync(Person, found.Id, cancellationToken);
        return result.Succeeded ? await DidAsync(ActionKinds.Deleted, found.Title, found.Id, undoable: false) : Failed(result.Failure);
    }

    [Description("Add a reminder.")]
    public async Task<ToolResult> AddReminder(
        [Description("What to remind the person of.")] string text,
        [Description("When: words (\"in 20 minutes\", \"tomorrow at 9am\", \"every weekday at 8am\") or ISO 8601.")] string when,
        [Description("An RFC 5545 RRULE when it repeats and the time words do not say so. Optional.")] string? repeat = null,
        CancellationToken cancellationToken = default)
    {
        if (AskWhenAmbiguous(ToolNames.AddReminder, "when", when, new() { ["text"] = text, ["when"] = when, ["repeat"] = repeat }) is { } question)
        {
            return question;
        }

        var request = new CreateReminderRequest(text, when, RRule: repeat);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await reminders.CreateAsync(Person, request, cancellationToken);
        if (result.Value is not { } reminder)
        {
            return Failed(result.Failure);
        }

        var at = reminder.NextAt is { } next ? $", {FriendlyTime.Describe(next, Person)}" : string.Empty;
        var repeats = reminder.RRule is null ? string.Empty : Text("Tools.Reminders.Repeating");
        return await DidAsync(ActionKinds.ReminderCreated, $"{reminder.Text}{at}{repeats}", reminder.Id);
    }

    [Description("List upcoming reminders.")]
    public async Task<ToolResult> ListReminders(CancellationToken cancellationToken = default)
    {
        var page = (await reminders.ListAsync(Person, new ReminderQuery { PageSize = 10 }, cancellationToken)).Value!;
        var lines = page.Items.Where(r => r.NextAt is not null)
            .Select(r => $"{r.Text} ({FriendlyTime.Describe(r.NextAt!.Value, Person)})").ToList();
        return ToolResult.Listing(lines.Count == 0 ? Text("Tools.Reminders.None") : Text("Tools.Reminders.Heading"), lines);
    }

    [Description("Snooze a reminder.")]
    public async Task<ToolResult> SnoozeReminder(
        [Description("Minutes to push it back (default 10).")] int? minutes = null,
        [Description("The reminder's words; the latest delivered one when omitted.")] string? reminder = null,
        CancellationToken cancellationToken = default)
    {
        var mine = db.Reminders.AsNoTracking().Where(r => r.UserId == Person.UserId);
        var target = string.IsNullOrWhiteSpace(reminder)
            ? await mine.Where(r => r.Status == ReminderStatuses.Delivered || r.Status == ReminderStatuses.Snoozed).OrderByDescending(r => r.UpdatedAt).FirstOrDefaultAsync(cancellationToken)
            : (await mine.OrderBy(r => r.NextAt).Take(200).ToListAsync(cancellationToken)).FirstOrDefault(r => Matches(r.Text, reminder));
        if (target is null)
        {
            return ToolResult.Failed(Text("Tools.Reminders.NotFound"));
        }

        var request = new SnoozeRequest(minutes ?? 10);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await reminders.SnoozeAsync(Person, target.Id, request, cancellationToken);
        return result.Value is { } snoozed
            ? await DidAsync(ActionKinds.ReminderSnoozed, $"{snoozed.Text}, {FriendlyTime.Describe(snoozed.NextAt!.Value, Person)}", snoozed.Id, undoable: false)
            : Failed(result.Failure);
    }

    [Description("Save a note.")]
    public async Task<ToolResult> AddNote(
        [Description("The note's text (markdown).")] string text,
        [Description("A short title. Optional: the first line otherwise.")] string? title = null,
        CancellationToken cancellationToken = default)
    {
        var request = new NoteRequest(title, text);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await notes.CreateAsync(Person, request, cancellationToken);
        if (result.Value is not { } note)
        {
            return Failed(result.Failure);
        }

        return await DidAsync(ActionKinds.NoteCreated, Text("Tools.Notes.Created", note.Title), note.Id);
    }

    [Description("Search notes.")]
    public async Task<ToolResult> SearchNotes(
        [Description("Words to find.")] string query,
        CancellationToken cancellationToken = default)
    {
        var request = new NoteQuery { Q = query, PageSize = 5 };
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await notes.ListAsync(Person, request, cancellationToken);
        if (result.Value is not { } page)
        {
            return Failed(result.Failure);
        }

        return ToolResult.Listing(
            page.Items.Count == 0 ? Text("Tools.Notes.None") : Text("Tools.Notes.Heading"),
            page.Items.Select(n => n.Title).ToList());
    }

    [Description("Add a calendar event.")]
    public async Task<ToolResult> AddEvent(
        [Description("What it is (\"dentist\", \"lunch with Julie\").")] string title,
        [Description("When it starts: words (\"thursday 2:30pm\") or ISO 8601.")] string start,
        [Description("Length in minutes (default 60).")] int? durationMinutes = null,
        [Description("Where. Optional.")] string? location = null,
        [Description("The other people involved, if any. Optional.")] string? withPeople = null,
        CancellationToken cancellationToken = default)
    {
        var arguments = new Dictionary<string, object?> { ["title"] = title, ["start"] = start, ["durationMinutes"] = durationMinutes, ["location"] = location, ["withPeople"] = withPeople };
        if (AskWhenAmbiguous(ToolNames.AddEvent, "start", start, arguments) is { } question)
        {
            return question;
        }

        var request = new EventRequest(title, start, durationMinutes, Location: location);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        if (!turn.Confirmed && (!string.IsNullOrWhiteSpace(withPeople) || OtherPeople.AreNamedIn(title)))
        {
            var described = ReadTime(start)?.When is { } when ? $"{title}, {FriendlyTime.Describe(when, Person)}" : title;
            return AskToConfirm(ToolNames.AddEvent, arguments, Text("Tools.Events.Confirm", described));
        }

        var result = await events.CreateAsync(Person, request, cancellationToken);
        if (result.Value is not { } item)
        {
            return Failed(result.Failure);
        }

        var startAt = DateTimeOffset.Parse(item.Start, CultureInfo.InvariantCulture);
        return await DidAsync(ActionKinds.EventCreated, $"{item.Title}, {FriendlyTime.Describe(startAt, Person)}", item.Id);
    }

    [Description("List calendar events.")]
    public async Task<ToolResult> ListEvents(
        [Description("The first day: words (\"today\", \"friday\") or an ISO date (default today).")] string? from = null,
        [Description("How many days (1 to 31, default 1).")] int? days = null,
        CancellationToken cancellationToken = default)
    {
        var firstDay = Person.Today;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (ReadTime(from)?.When is not { } moment)
            {
                return ToolResult.Failed(Text("Tools.Day.Unreadable", from));
            }

            firstDay = moment.Date;
        }

        var span = Math.Clamp(days ?? 1, 1, 31);
        var start = Person.StartOf(firstDay);
        var end = Person.StartOf(firstDay.PlusDays(span));
        var result = await events.ListAsync(Person, start, end, cancellationToken);
        if (result.Value is not { } occurrences)
        {
            return Failed(result.Failure);
        }

        var lines = occurrences.Select(o => $"{o.Title} ({FriendlyTime.Describe(DateTimeOffset.Parse(o.Start, CultureInfo.InvariantCulture), Person)})").ToList();
        return ToolResult.Listing(lines.Count == 0 ? Text("Tools.Events.None") : Text("Tools.Events.Heading"), lines);
    }

    [Description("Add items to a list.")]
    public async Task<ToolResult> AddToList(
        [Description("The items, one per entry (\"milk\", \"2 lemons\").")] IReadOnlyList<string> items,
        [Description("The list's name; the groceries list by default.")] string? list = null,
        CancellationToken cancellationToken = default)
    {
        if (items is not { Count: > 0 and <= 50 })
        {
            return ToolResult.Failed(Text("Tools.Lists.ItemCount", 1, 50));
        }

        var (target, problem) = await FindListAsync(list, cancellationToken);
        if (target is null)
        {
            return problem!;
        }

        var added = new List<string>();
        foreach (var text in items.Where(i => !string.IsNullOrWhiteSpace(i)))
        {
            var request = new AddItemRequest(Clip(text.Trim(), ListItemConfiguration.MaxTextLength));
            var result = await lists.AddItemAsync(Person, target.Id, request, cancellationToken);
            switch (result.Value)
            {
                case { Merged: false } item:
                    await RecordAsync(ActionKinds.ListItemAdded, item.Text, item.Id, target.Id);
                    added.Add(item.Text);
                    break;
                case { } merged:
                    // A merge adds the request's quantity (1) to the item, so undo puts back one less.
                    await RecordAsync(ActionKinds.ListItemMerged, merged.Text, merged.Id, target.Id, (merged.Quantity - 1).ToString(CultureInfo.InvariantCulture));
                    added.Add(merged.Text);
                    break;
                default:
                    return added.Count == 0 ? Failed(result.Failure) : ToolResult.Success($"{string.Join(", ", added)} → {target.Name}");
            }
        }

        return ToolResult.Success($"{string.Join(", ", added)} → {target.Name}");
    }

    [Description("Show a list.")]
    public async Task<ToolResult> ShowList(
        [Description("The list's name; the groceries list by default.")] string? list = null,
        CancellationToken cancellationToken = default)
    {
        var (target, problem) = await FindListAsync(list, cancellationToken);
        if (target is null)
        {
            return problem!;
        }

        var result = await lists.ItemsAsync(Person, target.Id, false, cancellationToken);
        if (result.Value is not { } items)
        {
            return Failed(result.Failure);
        }

        return ToolResult.Listing(
            items.Count == 0 ? Text("Tools.Lists.Empty", target.Name) : $"{target.Name}:",
            items.Select(i => i.Quantity > 1 ? $"{i.Text} ×{i.Quantity}" : i.Text).ToList());
    }

    [Description("Record an expense.")]
    public async Task<ToolResult> AddExpense(
        [Description("The amount, a decimal number.")] decimal amount,
        [Description("What it was for.")] string description,
        [Description("ISO 4217 code (EUR, USD); the person's default otherwise.")] string? currency = null,
        [Description("The day: words (\"yesterday\") or an ISO date; today by default.")] string? date = null,
        CancellationToken cancellationToken = default)
    {
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (ReadTime(date)?.When is not { } moment)
            {
                return ToolResult.Failed(Text("Tools.Day.Unreadable", date));
            }

            day = moment.Date.ToDateOnly();
        }

        var request = new CreateExpenseRequest(amount, description, currency, Date: day);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await expenses.CreateAsync(Person, request, cancellationToken);
        if (result.Value is not { } expense)
        {
            return Failed(result.Failure);
        }

        var money = Text("Tools.Money", expense.Amount, expense.Currency);
        return await DidAsync(ActionKinds.ExpenseCreated, $"{money} {expense.Description} ({expense.Category})", expense.Id);
    }

    [Description("Spending summary for a month.")]
    public async Task<ToolResult> ExpenseSummary(
        [Description("The month as YYYY-MM; this month by default.")] string? month = null,
        CancellationToken cancellationToken = default)
    {
        var result = await expenses.SummaryAsync(Person, month, cancellationToken);
        if (result.Value is not { } summary)
        {
            return Failed(result.Failure);
        }

        var lines = summary.ByCategory.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Category}: {c.Total:0.00} {c.Currency}")).ToList();
        return ToolResult.Listing(summary.Month, lines);
    }

    [Description("Remember a fact about the person.")]
    public async Task<ToolResult> Remember(
        [Description("The fact, in the person's words (\"my sister is Julie\").")] string fact,
        CancellationToken cancellationToken = default)
    {
        var request = new MemoryRequest(fact);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await memories.AddAsync(Person, request, MemorySources.User, cancellationToken);
        return result.Value is { } memory
            ? await DidAsync(ActionKinds.MemoryCreated, memory.Body, memory.Id)
            : Failed(result.Failure);
    }

    [Description("Offer to remember a fact; it is kept only if the person says yes.")]
    public async Task<ToolResult> ProposeMemory(
        [Description("The fact, short, in the person's own words (\"my sister is Julie\").")] string fact,
        CancellationToken cancellationToken = default)
    {
        var request = new MemoryRequest(fact);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var body = request.Body.Trim();
        if (await memories.HasAsync(Person, body, cancellationToken))
        {
            return ToolResult.Success(Text("Tools.Memories.Already", body));
        }

        if (!turn.Confirmed)
        {
            return AskToConfirm(ToolNames.ProposeMemory, new() { ["fact"] = body }, Text("Tools.Memories.Confirm", body));
        }

        var result = await memories.AddAsync(Person, request, MemorySources.Assistant, cancellationToken);
        return result.Value is { } memory
            ? await DidAsync(ActionKinds.MemoryCreated, memory.Body, memory.Id)
            : Failed(result.Failure);
    }

    [Description("Forget a fact (after the person confirms).")]
    public async Task<ToolResult> Forget(
        [Description("Words of the fact to forget.")] string fact,
        CancellationToken cancellationToken = default)
    {
        var recent = await memories.RecentAsync(Person, 500, cancellationToken);
        var memory = Guid.TryParse(fact, out var id) ? recent.FirstOrDefault(m => m.Id == id) : recent.FirstOrDefault(m => Matches(m.Body, fact));
        if (memory is null)
        {
            return ToolResult.Failed(Text("Tools.Memories.NotFound"));
        }

        if (!turn.Confirmed)
        {
            return AskToConfirm(ToolNames.Forget, new() { ["fact"] = memory.Id.ToString() }, Text("Tools.Memories.ConfirmForget", memory.Body));
        }

        var result = await memories.DeleteAsync(Person, memory.Id, cancellationToken);
        return result.Succeeded ? await DidAsync(ActionKinds.Deleted, memory.Body, memory.Id, undoable: false) : Failed(result.Failure);
    }

    /// <summary>A time in words or ISO, read by the language engine in the person's zone.</summary>
    private ParsedTime? ReadTime(string words) => TimeInput.Read(words, Person.Zone, Person.Now.ToInstant(), engine);

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

    private static Dictionary<string, JsonElement> Serialize(Dictionary<string, object?> arguments) =>
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

    private async Task<(TaskResponse? Task, ToolResult? Problem)> FindOpenTaskAsync(string words, CancellationToken cancellationToken)
    {
        var candidates = await tasks.OpenAsync(Person, 500, cancellationToken);
        if (Guid.TryParse(words, out var id))
        {
            var byId = candidates.FirstOrDefault(t => t.Id == id);
            return byId is null ? (null, ToolResult.Failed(Text("Tools.Tasks.NotFound"))) : (byId, null);
        }

        var folded = TextKeys.Fold(words);
        var exact = candidates.Where(t => TextKeys.Fold(t.Title) == folded).ToList();
        var matches = exact.Count > 0 ? exact : candidates.Where(t => Matches(t.Title, words)).ToList();
        return matches.Count switch
        {
            0 => (null, ToolResult.Failed(Text("Tools.Tasks.NoMatch", words))),
            1 => (matches[0], null),
            _ => (null, ToolResult.Listing(Text("Tools.Which"), matches.Take(5).Select(t => t.Title).ToList())),
        };
    }

    private async Task<(ListResponse? List, ToolResult? Problem)> FindListAsync(string? name, CancellationToken cancellationToken)
    {
        var mine = await lists.ListAsync(Person, cancellationToken);
        if (string.IsNullOrWhiteSpace(name) || mine.Count == 1)
        {
            return (mine.FirstOrDefault(l => l.IsDefault) ?? mine[0], null);
        }

        var match = mine.FirstOrDefault(l => TextKeys.Fold(l.Name) == TextKeys.Fold(name)) ?? mine.FirstOrDefault(l => Matches(l.Name, name));
        return match is null ? (null, ToolResult.Failed(Text("Tools.Lists.NotFound", name))) : (match, null);
    }

    /// <summary>True when every meaningful word asked for is in the text (accents and case aside).</summary>
    private static bool Matches(string text, string words)
    {
        var have = TextKeys.Words(text);
        var wanted = TextKeys.Words(words).Where(w => w.Length > 2).ToList();
        return wanted.Count > 0 && wanted.All(have.Contains);
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
    public const string AddNote = "add_note";
    public const string SearchNotes = "search_notes";
    public const string AddEvent = "add_event";
    public const string ListEvents = "list_events";
    public const string AddToList = "add_to_list";
    public const string ShowList = "show_list";
    public const string AddExpense = "add_expense";
    public const string ExpenseSummary = "expense_summary";
    public const string Remember = "remember";
    public const string Forget = "forget";
    public const string ProposeMemory = "propose_memory";
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
