using System.Text.Json;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>Undo of an edit (issue 15): the item gets its title and priority back.</summary>
internal sealed partial class AssistantUndo
{
    private async Task<bool> UneditAsync(AssistantAction action, PersonNow person, CancellationToken cancellationToken)
    {
        EditedItem? kept;
        try
        {
            kept = action.Previous is { } json ? JsonSerializer.Deserialize<EditedItem>(json, UndoJson) : null;
        }
        catch (JsonException)
        {
            kept = null;
        }

        return kept switch
        {
            null => false,
            { Kind: ItemRef.Task } => (await tasks.UpdateAsync(person, action.EntityId, new UpdateTaskRequest(Title: kept.Title, Priority: kept.Priority), cancellationToken)).Succeeded,
            { Kind: ItemRef.Reminder, Title: { } text } => (await reminders.UpdateAsync(person, action.EntityId, new UpdateReminderRequest(Text: text), cancellationToken)).Succeeded,
            { Kind: ItemRef.Event, Title: { } title } => (await events.UpdateAsync(person, action.EntityId, new UpdateEventRequest(Title: title), cancellationToken)).Succeeded,
            { Kind: ItemRef.Note, Title: { } title } => (await notes.UpdateAsync(person, action.EntityId, new UpdateNoteRequest(Title: title), cancellationToken)).Succeeded,
            _ => false,
        };
    }
}
