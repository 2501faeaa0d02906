using System.Text.Json;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>Undo of the changes to existing items (issue 15): a moved item goes back to its time, a deleted one comes back.</summary>
internal sealed partial class AssistantUndo
{
    private static readonly JsonSerializerOptions UndoJson = new(JsonSerializerDefaults.Web);

    private async Task<bool> PutBackAsync(AssistantAction action, PersonNow person, CancellationToken cancellationToken)
    {
        Restorable? kept;
        try
        {
            kept = action.Previous is { } json ? JsonSerializer.Deserialize<Restorable>(json, UndoJson) : null;
        }
        catch (JsonException)
        {
            kept = null;
        }

        if (kept is null)
        {
            return false;
        }

        if (action.Kind == ActionKinds.ItemUpdated && (kept.Title is not null || kept.Priority is not null))
        {
            return await EditBackAsync(action, kept, person, cancellationToken); // a rename or a new priority
        }

        if (action.Kind == ActionKinds.ItemUpdated)
        {
            return kept.Kind switch
            {
                ItemRef.Task => (await tasks.UpdateAsync(person, action.EntityId, new UpdateTaskRequest(Due: kept.When ?? string.Empty), cancellationToken)).Succeeded,
                ItemRef.Reminder when kept.When is { } when => (await reminders.UpdateAsync(person, action.EntityId, new UpdateReminderRequest(When: when), cancellationToken)).Succeeded,
                ItemRef.Event when kept.When is { } start => (await events.UpdateAsync(person, action.EntityId, new UpdateEventRequest(Start: start), cancellationToken)).Succeeded,
                _ => false,
            };
        }

        var title = kept.Title ?? action.Summary;
        return kept.Kind switch
        {
            ItemRef.Task => (await tasks.CreateAsync(person, new CreateTaskRequest(title, Due: kept.When), cancellationToken)).Succeeded,
            ItemRef.Reminder when kept.When is { } when => (await reminders.CreateAsync(person, new CreateReminderRequest(title, when, RRule: kept.Rule), cancellationToken)).Succeeded,
            ItemRef.Event when kept.When is { } start => (await events.CreateAsync(person, new EventRequest(title, start, kept.Minutes), cancellationToken)).Succeeded,
            _ => false,
        };
    }

    private async Task<bool> EditBackAsync(AssistantAction action, Restorable kept, PersonNow person, CancellationToken cancellationToken) => kept.Kind switch
    {
        ItemRef.Task when kept.Priority is { } priority => (await tasks.UpdateAsync(person, action.EntityId, new UpdateTaskRequest(Priority: priority), cancellationToken)).Succeeded,
        ItemRef.Task => (await tasks.UpdateAsync(person, action.EntityId, new UpdateTaskRequest(Title: kept.Title), cancellationToken)).Succeeded,
        ItemRef.Reminder => (await reminders.UpdateAsync(person, action.EntityId, new UpdateReminderRequest(Text: kept.Title), cancellationToken)).Succeeded,
        ItemRef.Event => (await events.UpdateAsync(person, action.EntityId, new UpdateEventRequest(Title: kept.Title), cancellationToken)).Succeeded,
        _ => false,
    };
}
