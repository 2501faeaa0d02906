using System.Globalization;
using Microsoft.EntityFrameworkCore;
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
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// "undo" / "annule": reverses the actions of the person's latest turn that changed something, within ten minutes,
/// through the features' services (so owner scoping holds). Each action is tried at most once; the report says what failed.
/// </summary>
internal sealed partial class AssistantUndo(
    AppDbContext db, TimeProvider time, TaskService tasks, ReminderService reminders, EventService events, NoteService notes, ListService lists,
    ExpenseService expenses, MemoryService memories)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static readonly IReadOnlySet<string> Words = LanguageEngine.DefaultKeywords.UndoPhrases;

    private static readonly IReadOnlySet<string> Fillers = LanguageEngine.DefaultKeywords.UndoFillers;

    /// <summary>"undo", and the same said casually: "oops undo that", "non attends, annule" (fillers around it are dropped).</summary>
    public static bool IsUndo(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        if (Words.Contains(folded))
        {
            return true;
        }

        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var changed = true;
        while (changed && words.Count > 0)
        {
            changed = false;
            foreach (var take in new[] { 2, 1 })
            {
                if (words.Count > take && Fillers.Contains(string.Join(' ', words.Take(take))))
                {
                    words.RemoveRange(0, take);
                    changed = true;
                    break;
                }

                if (words.Count > take && Fillers.Contains(string.Join(' ', words.TakeLast(take))))
                {
                    words.RemoveRange(words.Count - take, take);
                    changed = true;
                    break;
                }
            }
        }

        var rest = string.Join(' ', words);
        if (Words.Contains(rest))
        {
            return true;
        }

        // two ways of saying it in a row: "never mind, undo", "laisse tomber, annule"
        for (var split = 1; split < words.Count; split++)
        {
            if (Words.Contains(string.Join(' ', words.Take(split))) && Words.Contains(string.Join(' ', words.Skip(split))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reverses the latest turn's actions; the caller saves the log's marks (the turn saves them with its reply).</summary>
    public async Task<UndoReport> UndoLatestAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var userId = turn.Person.UserId;
        var since = time.GetUtcNow() - Window;
        var recent = db.AssistantActions.Where(a => a.UserId == userId && a.UndoneAt == null && a.CreatedAt >= since);
        // One round trip: the actions of the latest turn that did something.
        var actions = await recent
            .Where(a => a.TurnMessageId == recent.OrderByDescending(l => l.CreatedAt).Select(l => (long?)l.TurnMessageId).FirstOrDefault())
            .OrderByDescending(a => a.CreatedAt).ToListAsync(cancellationToken);
        if (actions.Count == 0)
        {
            return new UndoReport([], []);
        }

        var undone = new List<string>();
        var failed = new List<string>();
        foreach (var action in actions)
        {
            // Tried once either way: a reversal that failed (the item changed or went since) is reported, not retried.
            (await ReverseAsync(action, turn.Person, turn.Principal, cancellationToken) ? undone : failed).Add(action.Summary);
            action.UndoneAt = time.GetUtcNow();
        }

        // The log's "undone" marks are saved with the turn's reply (the turn's one save).
        undone.Reverse();
        failed.Reverse();
        return new UndoReport(undone, failed);
    }

    /// <summary>
    /// Puts one thing back; false when that failed. Removing something that is already gone counts as done; putting
    /// back something that is gone does not.
    /// </summary>
    private async Task<bool> ReverseAsync(AssistantAction action, PersonNow person, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        switch (action.Kind)
        {
            case ActionKinds.TaskCreated:
                return Removed(await tasks.DeleteAsync(person, action.EntityId, cancellationToken));
            case ActionKinds.TaskCompleted:
                return (await tasks.UpdateAsync(person, action.EntityId, new UpdateTaskRequest(Status: action.Previous ?? TaskStatuses.Open), cancellationToken)).Succeeded;
            case ActionKinds.ReminderCreated:
                return Removed(await reminders.DeleteAsync(person, action.EntityId, cancellationToken));
            case ActionKinds.ReminderAcknowledged when action.Previous?.Split('|') is [var status, var next]:
                DateTimeOffset? nextAt = next.Length == 0 ? null : DateTimeOffset.Parse(next, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                return (await reminders.RestoreAsync(person, action.EntityId, status, nextAt, cancellationToken)).Succeeded;
            case ActionKinds.NoteCreated:
                return Removed(await notes.DeleteAsync(person, action.EntityId, cancellationToken));
            case ActionKinds.EventCreated:
                return Removed(await events.DeleteAsync(person, action.EntityId, cancellationToken));
            case ActionKinds.ListItemAdded:
                return Removed(await lists.DeleteItemAsync(person, action.ContainerId ?? Guid.Empty, action.EntityId, cancellationToken));
            case ActionKinds.ListItemMerged:
                var quantity = int.Parse(action.Previous ?? "1", CultureInfo.InvariantCulture);
                return (await lists.UpdateItemAsync(person, action.ContainerId ?? Guid.Empty, action.EntityId, new UpdateItemRequest(Quantity: quantity), cancellationToken)).Succeeded;
            case ActionKinds.ListItemChecked:
                return (await lists.UpdateItemAsync(person, action.ContainerId ?? Guid.Empty, action.EntityId, new UpdateItemRequest(Checked: false), cancellationToken)).Succeeded;
            case ActionKinds.ExpenseCreated:
                return Removed(await expenses.DeleteAsync(person, action.EntityId, cancellationToken));
            case ActionKinds.MemoryCreated:
                return Removed(await memories.DeleteAsync(person, action.EntityId, cancellationToken));
            case ActionKinds.ItemUpdated or ActionKinds.ItemDeleted:
                return await PutBackAsync(action, person, cancellationToken);
            default:
                break;
        }

        return true;
    }

    /// <summary>A removal succeeded, or had nothing left to remove.</summary>
    private static bool Removed(Outcome<Done> outcome) => outcome.Succeeded || outcome.Failure?.Kind == FailureKind.NotFound;
}

/// <summary>What an undo put back, and what it could not, by the actions' summaries in the order they were taken.</summary>
internal sealed record UndoReport(IReadOnlyList<string> Undone, IReadOnlyList<string> Failed);
