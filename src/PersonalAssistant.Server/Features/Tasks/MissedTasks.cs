using Microsoft.EntityFrameworkCore;
using NodaTime;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// The missed counter. Each local day that ends with a task still open past its due counts one miss, once, however
/// often the check runs (<see cref="TaskItem.MissedThrough"/> remembers the last day counted). When the count reaches
/// the person's threshold (preference, 3 by default), the task is flagged for a breakdown proposal.
/// </summary>
internal sealed partial class MissedTaskCounter(AppDbContext db, ILogger<MissedTaskCounter> logger)
{
    private const int BatchSize = 500;

    public async Task<(int Counted, int Proposed)> RunAsync(DateTimeOffset utcNow, CancellationToken cancellationToken)
    {
        // No zone is more than 14 hours ahead of UTC: nothing due on or after tomorrow (UTC) can have a finished day yet.
        var horizon = DateOnly.FromDateTime(utcNow.UtcDateTime).AddDays(1);
        var instant = Instant.FromDateTimeOffset(utcNow);
        var counted = 0;
        var proposed = 0;
        Guid? after = null;
        while (true)
        {
            var batch = await db.Tasks
                .Where(t => (t.Status == TaskStatuses.Open || t.Status == TaskStatuses.InProgress) && t.DueDate != null && t.DueDate < horizon)
                .Where(t => after == null || t.Id.CompareTo(after.Value) > 0)
                .OrderBy(t => t.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var userIds = batch.Select(t => t.UserId).Distinct().ToList();
            var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                .Select(u => new { u.Id, u.TimeZone, u.Preferences.MissesBeforeBreakdown })
                .ToDictionaryAsync(u => u.Id, cancellationToken);
            foreach (var task in batch)
            {
                if (!people.TryGetValue(task.UserId, out var person))
                {
                    continue;
                }

                var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(person.TimeZone) ?? DateTimeZone.Utc;
                var lastEndedDay = instant.InZone(zone).Date.PlusDays(-1).ToDateOnly();
                var from = task.MissedThrough is { } through && through >= task.DueDate!.Value ? through.AddDays(1) : task.DueDate!.Value;
                if (from > lastEndedDay)
                {
                    continue;
                }

                task.MissedCount += lastEndedDay.DayNumber - from.DayNumber + 1;
                task.MissedThrough = lastEndedDay;
                counted++;
                if (task.ParentId is null && task.BreakdownSuggestedAt is null && task.MissedCount >= Math.Max(1, person.MissesBeforeBreakdown))
                {
                    task.BreakdownSuggestedAt = utcNow;
                    proposed++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            after = batch[^1].Id;
        }

        if (counted > 0)
        {
            LogCounted(logger, counted, proposed);
        }

        return (counted, proposed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Missed-task check counted {Counted} task(s); {Proposed} now proposed for a breakdown")]
    private static partial void LogCounted(ILogger logger, int counted, int proposed);
}

/// <summary>
/// The missed-task check as a recurring job, every 15 minutes (every person's midnight is covered within 15 minutes),
/// once per schedule across all replicas; the day boundaries come from the injected clock.
/// </summary>
internal sealed class MissedTasksJob(MissedTaskCounter counter, TimeProvider time)
{
    public const string Id = "missed-tasks";

    public const string Schedule = "*/15 * * * *";

    [Hangfire.Queue(Jobs.JobQueues.Default)]
    public Task RunAsync(CancellationToken cancellationToken) => counter.RunAsync(time.GetUtcNow(), cancellationToken);
}

internal static class TasksRegistration
{
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddScoped<TaskService>();
        services.AddScoped<MissedTaskCounter>();
        services.AddScoped<MissedTasksJob>();
        services.AddSingleton<TaskBreakdown>();
        // Steps are tasks with a parent: one array, each row with its parentId and position.
        services.AddPersonalData("tasks.json", "Exports.File.Tasks", (db, userId) => db.Tasks.AsNoTracking()
            .Where(t => t.UserId == userId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Select(t => new
            {
                t.Id,
                t.ParentId,
                t.Position,
                t.Title,
                t.Notes,
                t.DueDate,
                t.DueAt,
                t.Priority,
                t.Status,
                t.Tags,
                t.EstimatedMinutes,
                t.Energy,
                t.MissedCount,
                t.CreatedAt,
                t.UpdatedAt,
                t.CompletedAt,
            }));
        return services;
    }
}
