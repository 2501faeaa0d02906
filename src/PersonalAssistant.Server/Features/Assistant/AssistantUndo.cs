using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Expenses;
using PersonalAssistant.Server.Features.Lists;
using PersonalAssistant.Server.Features.Memories;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// "undo" / "annule": reverses the actions of the person's latest turn that changed something, within ten minutes,
/// through the same handlers the API uses (so owner scoping holds). Each action is undone at most once.
/// </summary>
internal sealed class AssistantUndo(
    AppDbContext db, TaskService tasks, TimeProvider time, NoteService notes, ListService lists, ExpenseService expenses, MemoryService memories)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static readonly IReadOnlySet<string> Words = LanguageEngine.DefaultKeywords.UndoPhrases;

    public static bool IsUndo(string folded) => Words.Contains(folded);

    public async Task<IReadOnlyList<string>> UndoLatestAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var userId = turn.Person.UserId;
        var since = time.GetUtcNow() - Window;
        var recent = db.AssistantActions.Where(a => a.UserId == userId && a.UndoneAt == null && a.CreatedAt >= since);
        var latestTurn = await recent.OrderByDescending(a => a.CreatedAt).Select(a => (long?)a.TurnMessageId).FirstOrDefaultAsync(cancellationToken);
        if (latestTurn is null)
        {
            return [];
        }

        var actions = await recent.Where(a => a.TurnMessageId == latestTurn).OrderByDescending(a => a.CreatedAt).ToListAsync(cancellationToken);
        var undone = new List<string>();
        foreach (var action in actions)
        {
            await ReverseAsync(action, turn.Person, turn.Principal, cancellationToken);
            action.UndoneAt = time.GetUtcNow();
            undone.Add(action.Summary);
        }

        await db.SaveChangesAsync(cancellationToken);
        undone.Reverse();
        return undone;
    }

    /// <summary>
    /// Puts one thing back; false when the service refused. Something already gone (deleted by hand since) is simply
    /// skipped.
    /// </summary>
    private async Task<bool> ReverseAsync(AssistantAction action, PersonNow person, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        switch (action.Kind)
        {
            case ActionKinds.TaskCreated:
                await tasks.DeleteAsync(person, action.EntityId, cancellationToken);
                break;
            case ActionKinds.TaskCompleted:
                await tasks.UpdateAsync(person, action.EntityId, new UpdateTaskRequest(Status: action.Previous ?? TaskStatuses.Open), cancellationToken);
                break;
            case ActionKinds.ReminderCreated:
                await ReminderEndpoints.DeleteReminder(action.EntityId, db, user, cancellationToken);
                break;
            case ActionKinds.NoteCreated:
                return (await notes.DeleteAsync(person, action.EntityId, cancellationToken)).Succeeded;
            case ActionKinds.EventCreated:
                await EventEndpoints.DeleteEvent(action.EntityId, db, user, cancellationToken);
                break;
            case ActionKinds.ListItemAdded:
                return (await lists.DeleteItemAsync(person, action.ContainerId ?? Guid.Empty, action.EntityId, cancellationToken)).Succeeded;
            case ActionKinds.ListItemMerged:
                var quantity = int.Parse(action.Previous ?? "1", CultureInfo.InvariantCulture);
                return (await lists.UpdateItemAsync(person, action.ContainerId ?? Guid.Empty, action.EntityId, new UpdateItemRequest(Quantity: quantity), cancellationToken)).Succeeded;
            case ActionKinds.ExpenseCreated:
                return (await expenses.DeleteAsync(person, action.EntityId, cancellationToken)).Succeeded;
            case ActionKinds.MemoryCreated:
                return (await memories.DeleteAsync(person, action.EntityId, cancellationToken)).Succeeded;
            default:
                break;
        }

        return true;
    }
}
