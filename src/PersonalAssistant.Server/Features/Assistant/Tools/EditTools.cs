using System.ComponentModel;
using System.Text.Json;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The assistant's tool for changing what an item is rather than when (issue 15): rename a task, reminder, event or
/// note, re-prioritise a task. Found like the other change tools (its words, or the item just talked about); undoable.
/// </summary>
internal sealed partial class AssistantTools
{
    [Description("Rename one of the person's tasks, reminders, events or notes, or change a task's priority.")]
    public async Task<ToolResult> EditItem(
        [Description("The item's words (\"the dentist\"); omit for the item just talked about (\"it\").")] string? item = null,
        [Description("The new title, in the person's words. Optional.")] string? title = null,
        [Description("A task's new priority: low, medium or high. Optional.")] string? priority = null,
        [Description("task, reminder, event or note, when the person said which. Optional.")] string? kind = null,
        CancellationToken cancellationToken = default)
    {
        var newTitle = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        var newPriority = string.IsNullOrWhiteSpace(priority) ? null : priority.Trim().ToLowerInvariant();
        if (newTitle is null && newPriority is null)
        {
            return ToolResult.Failed(Text("Tools.Edit.NothingToChange"));
        }

        if (newPriority is not (null or TaskPriorities.Low or TaskPriorities.Medium or TaskPriorities.High))
        {
            return ToolResult.Failed(Text("Tools.Edit.BadPriority"));
        }

        var arguments = new Dictionary<string, object?> { ["title"] = newTitle, ["priority"] = newPriority, ["kind"] = kind };
        string[] kinds = newPriority is null ? [ItemRef.Task, ItemRef.Reminder, ItemRef.Event, ItemRef.Note] : [ItemRef.Task];
        var (found, problem) = await FindItemAsync(item, kind, ToolNames.EditItem, arguments, kinds, cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        string? oldPriority = null;
        Common.Failure? failure;
        switch (found.Kind)
        {
            case ItemRef.Task:
                oldPriority = newPriority is null ? null : (await tasks.GetAsync(Person, found.Id, cancellationToken)).Value?.Priority;
                failure = (await tasks.UpdateAsync(Person, found.Id, new UpdateTaskRequest(Title: newTitle, Priority: newPriority), cancellationToken)).Failure;
                break;
            case ItemRef.Reminder:
                failure = (await reminders.UpdateAsync(Person, found.Id, new UpdateReminderRequest(Text: newTitle), cancellationToken)).Failure;
                break;
            case ItemRef.Event:
                failure = (await events.UpdateAsync(Person, found.Id, new UpdateEventRequest(Title: newTitle), cancellationToken)).Failure;
                break;
            default:
                failure = (await notes.UpdateAsync(Person, found.Id, new UpdateNoteRequest(Title: newTitle), cancellationToken)).Failure;
                break;
        }

        if (failure is not null)
        {
            return Failed(failure);
        }

        var name = newTitle ?? found.Title;
        var before = JsonSerializer.Serialize(new EditedItem(found.Kind, newTitle is null ? null : found.Title, oldPriority), UndoJson);
        await RecordAsync(ActionKinds.ItemEdited, Clip(name, 300), found.Id, previous: before.Length <= 1000 ? before : null, undoable: before.Length <= 1000);
        turn.Last = new ItemRef(found.Kind, found.Id, name, time.GetUtcNow());
        var said = new List<string>();
        if (newTitle is not null)
        {
            said.Add(Text("Tools.Edit.Renamed", found.Title, newTitle));
        }

        if (newPriority is not null)
        {
            said.Add(Text("Tools.Edit.Prioritised", name, Text($"Tools.Edit.Priority.{newPriority}")));
        }

        return ToolResult.Success(string.Join(" ", said));
    }
}

/// <summary>What undo keeps of an edited item: its kind, and its title and priority before (null: not changed).</summary>
internal sealed record EditedItem(string Kind, string? Title, string? Priority);
