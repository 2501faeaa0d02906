using System.Text.Json;
using StackExchange.Redis;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// Keeps <see cref="SessionConnections"/> honest without waiting for a client to call the hub (it only listens):
/// every second it closes connections whose access token expired; with Redis it listens for sessions other replicas
/// ended; and as a safety net against a lost message it re-asks <see cref="SessionRevocation"/> about every live
/// connection's session every <see cref="RecheckInterval"/>.
/// </summary>
internal sealed partial class SessionConnectionsWatcher(
    SessionConnections connections,
    SessionRevocation revocation,
    TimeProvider time,
    ILogger<SessionConnectionsWatcher> logger,
    IConnectionMultiplexer? redis = null) : BackgroundService
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private ChannelMessageQueue? _ended;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is not null)
        {
            // Subscribed before the host serves requests, so no revocation announced after start is missed.
            _ended = await redis.GetSubscriber().SubscribeAsync(SessionRevocation.EndedChannel);
            _ended.OnMessage(message => OnEnded(message.Message));
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Once, and only while the connection lives: a host stopped twice, or whose Redis connection was closed
        // first, has nothing left to unsubscribe from.
        if (Interlocked.Exchange(ref _ended, null) is { } ended)
        {
            try
            {
                await ended.UnsubscribeAsync();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        var nextRecheck = time.GetUtcNow() + RecheckInterval;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            connections.AbortExpired();
            if (time.GetUtcNow() < nextRecheck)
            {
                continue;
            }

            nextRecheck = time.GetUtcNow() + RecheckInterval;
            try
            {
                await RecheckAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRecheckFailed(logger, exception);
            }
        }
    }

    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        foreach (var (sessionId, issuedAt) in connections.Snapshot())
        {
            if (!await revocation.AllowsAsync(sessionId, issuedAt, cancellationToken))
            {
                connections.Abort([sessionId], validAfter: issuedAt.AddTicks(1), reason: "recheck");
            }
        }
    }

    private void OnEnded(RedisValue message)
    {
        try
        {
            revocation.OnEnded(message.ToString());
        }
        catch (JsonException exception)
        {
            LogBadMessage(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-checking the sessions of live hub connections failed")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed ended-sessions message")]
    private static partial void LogBadMessage(ILogger logger, Exception exception);
}
