using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.Threading;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Inbound texts waiting for <see cref="InboundSmsJob.HandleAsync"/> on this replica. The recorded row is the durable
/// record (status received); this queue only wakes the handling at once, so the webhook writes one row and returns.
/// Texts from one number are handled in the order they came, texts from different numbers side by side
/// (<see cref="InboundSmsOptions.Workers"/> at a time, on low-priority threads: <see cref="KeyedWorkQueue{TKey}"/>). Every minute (on the injected clock) the sweep queues again the texts left
/// received for <see cref="StuckAfter"/> (a replica stopped before handling them, or handling failed and gave the text
/// back) for up to <see cref="RetriedFor"/>, and deletes the texts of numbers nobody verified once a day old. Handling
/// claims a text first (received → handled), so a text queued by two replicas is handled once.
/// </summary>
internal sealed partial class InboundSmsQueue(
    IServiceScopeFactory scopes, IOptions<InboundSmsOptions> options, TimeProvider time, ILogger<InboundSmsQueue> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>A text untouched this long while received is taken as stuck (its lane would have claimed it).</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(2);

    /// <summary>Texts older than this are no longer queued again: an answer that late would confuse more than help.</summary>
    public static readonly TimeSpan RetriedFor = TimeSpan.FromHours(1);

    private const int SweepBatch = 1000;

    private readonly KeyedWorkQueue<string>? _texts = options.Value.Workers == 0 ? null : new(options.Value.Workers, "SMS lane");

    private readonly ConcurrentDictionary<Guid, byte> _pending = new();

    /// <summary>Texts queued here and not yet handled, oldest first (ids are time-ordered).</summary>
    public IReadOnlyList<Guid> Pending => [.. _pending.Keys.Order()];

    /// <summary>Queues the handling of a recorded text from <paramref name="from"/>; a text already waiting here is not queued twice.</summary>
    public void Enqueue(Guid smsId, string from)
    {
        if (_texts is null || !_pending.TryAdd(smsId, 0))
        {
            return; // this replica handles no texts (Workers = 0: another replica's sweep takes it), or already waiting
        }

        _ = _texts.Enqueue(from, stopping => HandleAsync(smsId, stopping));
    }

    /// <summary>Handles one queued text now, in a scope of its own; a failure is logged and the text waits for the sweep.</summary>
    public async Task HandleAsync(Guid smsId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<InboundSmsJob>().HandleAsync(smsId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception, smsId);
        }
        finally
        {
            _pending.TryRemove(smsId, out _);
        }
    }

    /// <summary>Queues the stuck texts again and deletes the expired unclaimed ones; answers how many of each.</summary>
    public async Task<(int Requeued, int Deleted)> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (stuckBefore, oldest) = (now - StuckAfter, now - RetriedFor);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stuck = await db.Set<SmsMessage>().AsNoTracking()
            .Where(m => m.Direction == SmsDirections.Inbound && m.Status == SmsStatuses.Received && m.UpdatedAt < stuckBefore && m.CreatedAt >= oldest)
            .OrderBy(m => m.CreatedAt).Select(m => new { m.Id, m.From }).Take(SweepBatch).ToListAsync(cancellationToken);
        var requeued = 0;
        foreach (var text in stuck.Where(t => _texts is not null && !_pending.ContainsKey(t.Id)))
        {
            Enqueue(text.Id, text.From);
            requeued++;
        }

        var expired = now - SmsService.UnknownKeptFor;
        var deleted = await db.Set<SmsMessage>().Where(m => m.UserId == null && m.Direction == SmsDirections.Inbound && m.CreatedAt < expired)
            .ExecuteDeleteAsync(cancellationToken);
        if (requeued > 0 || deleted > 0)
        {
            LogSwept(logger, requeued, deleted);
        }

        return (requeued, deleted);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_texts is null)
        {
            return; // this replica handles no texts: the others' queues and sweeps do
        }

        try
        {
            await SweepEveryMinuteAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: texts still queued stay received in the database; a sweep after the restart takes them
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_texts is not null)
        {
            await _texts.StopAsync(cancellationToken);
        }
    }

    public override void Dispose()
    {
        _texts?.Dispose();
        base.Dispose();
    }

    private async Task SweepEveryMinuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbound SMS {SmsId} could not be handled; it waits as received for the next sweep")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid smsId);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS sweep: {Requeued} waiting text(s) queued again, {Deleted} unclaimed text(s) deleted")]
    private static partial void LogSwept(ILogger logger, int requeued, int deleted);

    [LoggerMessage(Level = LogLevel.Error, Message = "The SMS sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

/// <summary>Handling of inbound texts on this replica (section <c>Sms</c>).</summary>
internal sealed class InboundSmsOptions
{
    public const string Section = "Sms";

    /// <summary>
    /// Texts handled side by side on this replica (one number's texts stay in order); 0 handles and sweeps none here (the
    /// texts this replica records wait as received for another replica's sweep, and nothing is kept in memory for
    /// them). The lanes run at low priority, so they take
    /// the processor the webhook leaves; 2 is what docs/benchmarks.md ("SMS webhook") measured on two cores.
    /// </summary>
    public int Workers { get; set; } = 2;

    internal sealed class Validator : IValidateOptions<InboundSmsOptions>
    {
        public ValidateOptionsResult Validate(string? name, InboundSmsOptions options)
        {
            var failures = new OptionsFailures();
            if (options.Workers is < 0 or > 64)
            {
                failures.Add("Sms:Workers", "must be between 0 and 64.");
            }

            return failures.ToResult();
        }
    }
}
