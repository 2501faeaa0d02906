using Microsoft.EntityFrameworkCore;
using NodaTime;
using PersonalAssistant.Server.Persistence;

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

/// <summary>Runs the missed-task check every 15 minutes (every person's midnight is covered within 15 minutes).</summary>
internal sealed partial class MissedTaskService(IServiceScopeFactory scopes, TimeProvider time, ILogger<MissedTaskService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MissedTaskCounter>().RunAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The missed-task check failed; it runs again in {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan interval);
}

internal static class TasksRegistration
{
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddScoped<TaskService>();
        services.AddScoped<MissedTaskCounter>();
        services.AddSingleton<TaskBreakdown>();
        services.AddHostedService<MissedTaskService>();
        return services;
    }
}
