using System.Text.Json;
using NodaTime;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Changes that are not a new time (issue 15): a new name for a task, reminder or event ("rename X to Y", "call it Y
/// instead") and a new priority for a task ("make the taxes high priority"); both undoable.
/// </summary>
internal sealed partial class AssistantTools
{
    private async Task<ToolResult> EditItemAsync(string? item, string? kind, string? title, string? priority, string? otherwise, CancellationToken cancellationToken)
    {
        var renaming = !string.IsNullOrWhiteSpace(title);
        var level = priority?.Trim().ToLowerInvariant();
        if (!renaming && level is not (TaskPriorities.Low or TaskPriorities.Medium or TaskPriorities.High))
        {
            return ToolResult.Failed(Text("Tools.Change.NothingReferred"));
        }

        var arguments = new Dictionary<string, object?> { ["kind"] = kind, ["title"] = title, ["priority"] = priority };
        string[] kinds = renaming ? [ItemRef.Task, ItemRef.Reminder, ItemRef.Event] : [ItemRef.Task];
        var (found, problem) = await FindItemAsync(item, renaming ? kind : ItemRef.Task, ToolNames.UpdateItem, arguments, kinds, cancellationToken);
        if (found is null)
        {
            // "make dinner reservations high priority" with no such task: a new task with that priority
            return !renaming && otherwise is { Length: > 0 } && problem is { Ok: false } && !string.IsNullOrWhiteSpace(item)
                ? await AddTask(otherwise, priority: level, cancellationToken: cancellationToken)
                : problem!;
        }

        if (!renaming)
        {
            var before = (await tasks.GetAsync(Person, found.Id, cancellationToken)).Value?.Priority;
            var changed = await tasks.UpdateAsync(Person, found.Id, new UpdateTaskRequest(Priority: level), cancellationToken);
            if (!changed.Succeeded)
            {
                return Failed(changed.Failure);
            }

            await RecordAsync(ActionKinds.ItemUpdated, Clip(found.Title, 300), found.Id,
                previous: JsonSerializer.Serialize(new Restorable(found.Kind, null, null) { Priority = before ?? TaskPriorities.Medium }, UndoJson));
            turn.Last = new ItemRef(found.Kind, found.Id, found.Title, time.GetUtcNow());
            return ToolResult.Success(Undoable($"Tools.Change.Priority.{level}", found.Title));
        }

        var name = Clip(title!.Trim(), 300);
        var failure = found.Kind switch
        {
            ItemRef.Task => (await tasks.UpdateAsync(Person, found.Id, new UpdateTaskRequest(Title: name), cancellationToken)).Failure,
            ItemRef.Reminder => (await reminders.UpdateAsync(Person, found.Id, new UpdateReminderRequest(Text: name), cancellationToken)).Failure,
            _ => (await events.UpdateAsync(Person, found.Id, new UpdateEventRequest(Title: name), cancellationToken)).Failure,
        };
        if (failure is not null)
        {
            return Failed(failure);
        }

        await RecordAsync(ActionKinds.ItemUpdated, Clip(name, 300), found.Id, previous: JsonSerializer.Serialize(new Restorable(found.Kind, found.Title, null), UndoJson));
        turn.Last = new ItemRef(found.Kind, found.Id, name, time.GetUtcNow());
        return ToolResult.Success(Undoable("Tools.Change.Renamed", found.Title, name));
    }

    /// <summary>Whether the item is on that day in the person's zone (its time, or its due date).</summary>
    private bool OnDay(Candidate item, DateOnly day) =>
        item.At is { } at ? LocalDate.FromDateOnly(day) == Instant.FromDateTimeOffset(at).InZone(Person.Zone).Date : item.Date == day;
}
