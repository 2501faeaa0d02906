using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>The progress of tasks broken into steps: how many subtasks each has and how many are done.</summary>
internal static class TaskSteps
{
    // Compiled once: every listed page of tasks runs this, and EF Core's per-call translation checks cost more than
    // the statement itself.
    private static readonly Func<AppDbContext, Guid, Guid[], IAsyncEnumerable<StepRow>> Counts = EF.CompileAsyncQuery(
        (AppDbContext db, Guid userId, Guid[] parents) => db.Tasks.AsNoTracking()
            .Where(t => t.UserId == userId && t.ParentId != null && parents.Contains(t.ParentId.Value))
            .GroupBy(t => t.ParentId!.Value)
            .Select(g => new StepRow(g.Key, g.Count(), g.Count(t => t.Status == TaskStatuses.Done))));

    /// <summary>The step counts of these tasks in one grouped query; a task without steps is absent.</summary>
    public static async Task<Dictionary<Guid, StepCounts>> CountAsync(
        AppDbContext db, Guid userId, IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0)
        {
            return [];
        }

        var counts = new Dictionary<Guid, StepCounts>(taskIds.Count);
        await foreach (var row in Counts(db, userId, [.. taskIds]).WithCancellation(cancellationToken))
        {
            counts[row.Parent] = new StepCounts(row.Total, row.Done);
        }

        return counts;
    }

    /// <summary>The step counts of one task (a step itself has none).</summary>
    public static async Task<StepCounts> OfAsync(AppDbContext db, TaskItem task, CancellationToken cancellationToken) =>
        task.ParentId is null
            ? (await CountAsync(db, task.UserId, [task.Id], cancellationToken)).GetValueOrDefault(task.Id)
            : default;
}

/// <summary>A task with its step counts, as one row of a listed page.</summary>
internal sealed record TaskRow(TaskItem Task, int Steps, int StepsDone);

/// <summary>One parent's step counts as the database groups them.</summary>
internal sealed record StepRow(Guid Parent, int Total, int Done);
