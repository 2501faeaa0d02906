using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Every five minutes: queues again the inbound texts still waiting as received (their job could not be queued, or it
/// failed and gave the text back) for up to an hour, and deletes the texts of numbers nobody verified once they are a
/// day old (<see cref="SmsService.UnknownKeptFor"/>). Handling claims a text first, so a text queued twice is handled once.
/// </summary>
internal sealed partial class SmsUpkeepJob(AppDbContext db, SmsService sms, TimeProvider time, ILogger<SmsUpkeepJob> logger)
{
    public const string Id = "sms-upkeep";
    public const string Schedule = "*/5 * * * *";

    /// <summary>A text untouched this long while received is taken as stuck (its own job would have claimed it).</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(2);

    /// <summary>Texts older than this are no longer queued again: an answer that late would confuse more than help.</summary>
    public static readonly TimeSpan RetriedFor = TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (stuckBefore, oldest) = (now - StuckAfter, now - RetriedFor);
        var stuck = await db.Set<SmsMessage>().AsNoTracking()
            .Where(m => m.Direction == SmsDirections.Inbound && m.Status == SmsStatuses.Received && m.UpdatedAt < stuckBefore && m.CreatedAt >= oldest)
            .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var id in stuck)
        {
            sms.Enqueue(id);
        }

        var expired = now - SmsService.UnknownKeptFor;
        var deleted = await db.Set<SmsMessage>().Where(m => m.UserId == null && m.Direction == SmsDirections.Inbound && m.CreatedAt < expired)
            .ExecuteDeleteAsync(cancellationToken);
        if (stuck.Count > 0 || deleted > 0)
        {
            LogUpkeep(logger, stuck.Count, deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS upkeep: {Requeued} waiting text(s) queued again, {Deleted} unclaimed text(s) deleted")]
    private static partial void LogUpkeep(ILogger logger, int requeued, int deleted);
}
