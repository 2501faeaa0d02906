using System.ComponentModel;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>The assistant's tools for tasks: add, list, complete, break down, suggest the next one, delete.</summary>
internal sealed partial class AssistantTools
{
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
        var done = await DidAsync(ActionKinds.TaskCreated, summary, task.Id);
        return done with { Note = due is null ? null : SkippedNote(due, task.DueAt) };
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
        [Description("The task's words (or its id); omit for the task just talked about (\"I finished it\").")] string? task = null,
        CancellationToken cancellationToken = default)
    {
        // "I finished it" right after a nudge is about the nudge's reminder
        if (string.IsNullOrWhiteSpace(task) && await NudgeReferentAsync(cancellationToken) is { } nudged)
        {
            var acted = await ActOnNudge(nameof(NudgeCommand.Done), cancellationToken: cancellationToken);
            return acted.Ok ? ToolResult.Success(nudged.Text) : acted;
        }

        var (found, problem) = string.IsNullOrWhiteSpace(task) && turn.Last is { Kind: ItemRef.Task } last
            ? await FindOpenTaskAsync(last.Id.ToString(), cancellationToken)
            : string.IsNullOrWhiteSpace(task) ? (null, ToolResult.Failed(Text("Tools.Change.NothingReferred"))) : await FindOpenTaskAsync(task, cancellationToken);
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
        if (next.Task is { } suggested)
        {
            turn.Last = new ItemRef(ItemRef.Task, suggested.Id, suggested.Title, time.GetUtcNow());
        }

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
        var matches = exact.Count > 0 ? exact : ToolMatching.Best(candidates, t => t.Title, words);
        return matches.Count switch
        {
            0 => (null, ToolResult.Failed(Text("Tools.Tasks.NoMatch", words))),
            1 => (matches[0], null),
            _ => (null, ToolResult.Listing(Text("Tools.Which"), matches.Take(5).Select(t => t.Title).ToList())),
        };
    }
}
