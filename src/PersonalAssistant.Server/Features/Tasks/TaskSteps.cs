using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>The progress of tasks broken into steps: how many subtasks each has and how many are done.</summary>
internal static class TaskSteps
{
    /// <summary>The step counts of these tasks in one grouped query; a task without steps is absent.</summary>
    public static async Task<Dictionary<Guid, StepCounts>> CountAsync(
        AppDbContext db, Guid userId, IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0)
        {
            return [];
        }

        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.UserId == userId && t.ParentId != null && taskIds.Contains(t.ParentId.Value))
            .GroupBy(t => t.ParentId!.Value)
            .Select(g => new { Parent = g.Key, Total = g.Count(), Done = g.Count(t => t.Status == TaskStatuses.Done) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Parent, r => new StepCounts(r.Total, r.Done));
    }

    /// <summary>The step counts of one task (a step itself has none).</summary>
    public static async Task<StepCounts> OfAsync(AppDbContext db, TaskItem task, CancellationToken cancellationToken) =>
        task.ParentId is null
            ? (await CountAsync(db, task.UserId, [task.Id], cancellationToken)).GetValueOrDefault(task.Id)
            : default;
}
