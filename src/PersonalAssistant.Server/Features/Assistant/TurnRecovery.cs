using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.LanguageModels;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Makes an accepted turn durable without touching the request's path: the person's message row is the record of the
/// turn, and a message with no reply is a turn still owed. At start and then every minute (on the injected clock), this
/// finds the messages of the last day with no reply that are older than a turn could still be running somewhere
/// (<see cref="MinimumAge"/>), and queues each one once per process. A turn that already has its reply is not run again
/// (<see cref="AssistantTurn"/> checks in its first query).
/// </summary>
internal sealed partial class TurnRecovery(
    IServiceScopeFactory scopes, AssistantTurnQueue turns, TimeProvider time, IOptions<AssistantOptions> options, ILogger<TurnRecovery> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Messages older than this are not answered any more: a reply a day late helps nobody.</summary>
    public static readonly TimeSpan MaximumAge = TimeSpan.FromDays(1);

    private const int BatchSize = 100;

    private readonly ConcurrentDictionary<long, byte> _recovered = new();

    /// <summary>A turn younger than this may still be waiting in a live replica's queue or running (twice its timeout, at least a minute).</summary>
    public TimeSpan MinimumAge => TimeSpan.FromSeconds(Math.Max(60, 2 * options.Value.TurnTimeoutSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    await RecoverAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Queues the turns owed; returns how many.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (oldest, youngest) = (now - MaximumAge, now - MinimumAge);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owed = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.Role == MessageRoles.User && m.CreatedAt >= oldest && m.CreatedAt <= youngest)
            .Where(m => !db.ConversationMessages.Any(r => r.ConversationId == m.ConversationId && r.Id > m.Id && r.Role == MessageRoles.Assistant && r.ReplyToId == m.Id))
            .OrderBy(m => m.Id).Take(BatchSize)
            .Select(m => new { m.Id, m.UserId, m.ConversationId })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var message in owed)
        {
            if (turns.IsPending(message.Id) || !_recovered.TryAdd(message.Id, 0))
            {
                continue;
            }

            _ = turns.Enqueue(message.UserId, message.ConversationId, message.Id);
            queued++;
        }

        if (queued > 0)
        {
            LogRecovered(logger, queued);
        }

        return queued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} accepted assistant turn(s) that had no reply")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for assistant turns without a reply failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
