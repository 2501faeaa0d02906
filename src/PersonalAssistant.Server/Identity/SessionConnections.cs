using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// This replica's live SignalR connections with the session and access token that opened them. A hub checks the
/// token once, at connect; after that, only this registry ends a connection whose session was revoked, whose token
/// was made stale (roles changed) or whose token expired, so it stops receiving the person's turns (ADR 0006).
/// </summary>
internal sealed partial class SessionConnections(TimeProvider time, ILogger<SessionConnections> logger)
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(HubCallerContext context, Guid sessionId, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        _connections[context.ConnectionId] = new LiveConnection(context, sessionId, issuedAt, expiresAt);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>Ends the connections of these sessions (revoked), or only those opened with a token issued before <paramref name="validAfter"/> (stale).</summary>
    public int Abort(IReadOnlyCollection<Guid> sessionIds, DateTimeOffset? validAfter = null, string reason = "revoked")
    {
        if (sessionIds.Count == 0 || _connections.IsEmpty)
        {
            return 0;
        }

        var sessions = sessionIds as ISet<Guid> ?? sessionIds.ToHashSet();
        return AbortWhere(c => sessions.Contains(c.SessionId) && (validAfter is not { } after || c.IssuedAt < after), reason);
    }

    /// <summary>Ends the connections whose access token has expired by the injected clock.</summary>
    public int AbortExpired()
    {
        var now = time.GetUtcNow();
        return AbortWhere(c => c.ExpiresAt <= now, "expired");
    }

    /// <summary>The sessions and token issue times behind the live connections, for a periodic re-check.</summary>
    public IReadOnlyList<(Guid SessionId, DateTimeOffset IssuedAt)> Snapshot() =>
        _connections.Values.Select(c => (c.SessionId, c.IssuedAt)).Distinct().ToList();

    private int AbortWhere(Func<LiveConnection, bool> ended, string reason)
    {
        var count = 0;
        foreach (var (id, connection) in _connections)
        {
            if (ended(connection) && _connections.TryRemove(id, out _))
            {
                connection.Context.Abort();
                LogAborted(logger, connection.SessionId, reason);
                count++;
            }
        }

        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed a hub connection of session {SessionId} ({Reason})")]
    private static partial void LogAborted(ILogger logger, Guid sessionId, string reason);

    private sealed record LiveConnection(HubCallerContext Context, Guid SessionId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
}
