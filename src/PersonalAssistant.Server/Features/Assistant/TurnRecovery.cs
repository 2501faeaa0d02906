using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.LanguageModels;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Makes an accepted turn durable without touching the request's path: the person's message row is the record of the
/// turn, and a message with no reply is a turn still owed. At start and then every minute (on the injected clock), this
/// finds the messages of the last day with no reply that are older than a turn could still be running somewhere
/// (<see cref="MinimumAge"/>), and queues each one once across replicas: under the job storage's distributed lock, a
/// message is claimed in a set of the job storage (shared by the replicas, like the jobs) before it is queued, and a
/// claim younger than <see cref="MinimumAge"/> is left to the replica that made it. A turn that already has its reply is
/// not run again (<see cref="AssistantTurn"/> checks in its first query).
/// </summary>
internal sealed partial class TurnRecovery(
    IServiceScopeFactory scopes, AssistantTurnQueue turns, JobStorage jobs, TimeProvider time, IOptions<AssistantOptions> options, ILogger<TurnRecovery> logger)
    : BackgroundService
{
    private const string ClaimLock = "pa:turn-recovery:lock";
    private const string Claims = "pa:turn-recovery:claims";

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
        var candidates = owed.Where(m => !turns.IsPending(m.Id) && !_recovered.ContainsKey(m.Id)).ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }

        var claimed = Claim([.. candidates.Select(m => m.Id)], now);
        var queued = 0;
        foreach (var message in candidates.Where(m => claimed.Contains(m.Id)))
        {
            if (_recovered.TryAdd(message.Id, 0))
            {
                _ = turns.Enqueue(message.UserId, message.ConversationId, message.Id);
                queued++;
            }
        }

        if (queued > 0)
        {
            LogRecovered(logger, queued);
        }

        return queued;
    }

    /// <summary>
    /// The messages of <paramref name="ids"/> this replica may answer: not claimed by any replica within
    /// <see cref="MinimumAge"/>. Claims are "id:ticks" members of one set; stale ones are removed on the way.
    /// </summary>
    private HashSet<long> Claim(IReadOnlyCollection<long> ids, DateTimeOffset now)
    {
        using var connection = jobs.GetConnection();
        using var held = connection.AcquireDistributedLock(ClaimLock, TimeSpan.FromSeconds(30));
        var fresh = new HashSet<long>();
        var stale = new List<string>();
        foreach (var member in connection.GetAllItemsFromSet(Claims))
        {
            var parts = member.Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks) && now - new DateTimeOffset(ticks, TimeSpan.Zero) < MinimumAge)
            {
                fresh.Add(id);
            }
            else
            {
                stale.Add(member);
            }
        }

        var mine = ids.Where(id => !fresh.Contains(id)).ToHashSet();
        using var transaction = connection.CreateWriteTransaction();
        foreach (var member in stale)
        {
            transaction.RemoveFromSet(Claims, member);
        }

        foreach (var id in mine)
        {
            transaction.AddToSet(Claims, string.Create(CultureInfo.InvariantCulture, $"{id}:{now.UtcTicks}"));
        }

        transaction.Commit();
        return mine;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} accepted assistant turn(s) that had no reply")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for assistant turns without a reply failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
