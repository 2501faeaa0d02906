using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Persistence;
using StackExchange.Redis;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// Answers "may an access token of this session still be used?" on every authenticated request. A replica keeps a
/// "yes" for <see cref="AuthOptions.RevocationCacheSeconds"/> (2 s by default), then asks Redis when configured
/// (revocations are written there as they happen) or the database otherwise, so a revoked session stops working
/// everywhere within seconds, not at token expiry. The database stays the source of truth: Redis only caches it.
/// A revocation also closes the hub connections the sessions opened: this replica's at once, and with Redis every
/// other replica's through a message on <see cref="EndedChannel"/>.
/// </summary>
internal sealed class SessionRevocation(
    IMemoryCache cache,
    IServiceScopeFactory scopes,
    IOptions<AuthOptions> options,
    TimeProvider time,
    SessionConnections connections,
    IConnectionMultiplexer? redis = null)
{
    private const string RedisPrefix = "pa:session:";

    /// <summary>Where replicas announce ended sessions, so each closes the hub connections it holds for them.</summary>
    public static readonly RedisChannel EndedChannel = RedisChannel.Literal("pa:sessions:ended");

    public async Task<bool> AllowsAsync(Guid sessionId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var key = CacheKey(sessionId);
        if (!cache.TryGetValue(key, out SessionState? state) || state is null)
        {
            state = redis is null
                ? await ReadFromDatabaseAsync(sessionId, cancellationToken)
                : await ReadFromRedisAsync(sessionId, cancellationToken);
            cache.Set(key, state, TimeSpan.FromSeconds(options.Value.RevocationCacheSeconds));
        }

        return !state.Revoked && (state.ValidAfter is not { } after || issuedAt >= after);
    }

    /// <summary>Call after the database says the sessions are revoked.</summary>
    public Task RevokedAsync(IReadOnlyCollection<Guid> sessionIds) => PublishAsync(sessionIds, "revoked", 1, validAfter: null);

    /// <summary>Access tokens issued before <paramref name="validAfter"/> stop working (roles changed); refreshing gives a fresh one.</summary>
    public Task StaleAsync(IReadOnlyCollection<Guid> sessionIds, DateTimeOffset validAfter) =>
        PublishAsync(sessionIds, "validAfter", validAfter.ToUnixTimeMilliseconds(), validAfter);

    /// <summary>
    /// Drops this replica's cached answers and closes its hub connections for the sessions; with Redis, tells every
    /// replica within its cache time and asks each to close its connections too.
    /// </summary>
    private async Task PublishAsync(IReadOnlyCollection<Guid> sessionIds, string field, long value, DateTimeOffset? validAfter)
    {
        foreach (var id in sessionIds)
        {
            cache.Remove(CacheKey(id));
        }

        connections.Abort(sessionIds, validAfter, validAfter is null ? "revoked" : "stale");
        if (redis is null || sessionIds.Count == 0)
        {
            return;
        }

        var database = redis.GetDatabase();
        var ttl = options.Value.AccessTokenLifetime + TimeSpan.FromMinutes(1);
        await Task.WhenAll(sessionIds.Select(async id =>
        {
            await database.HashSetAsync(RedisPrefix + id, field, value);
            await database.KeyExpireAsync(RedisPrefix + id, ttl);
        }));
        await redis.GetSubscriber().PublishAsync(EndedChannel, JsonSerializer.Serialize(new SessionsEnded([.. sessionIds], validAfter?.ToUnixTimeMilliseconds())));
    }

    /// <summary>Closes this replica's connections for sessions another replica (or this one) announced as ended.</summary>
    public void OnEnded(string message)
    {
        var ended = JsonSerializer.Deserialize<SessionsEnded>(message);
        if (ended?.Sessions is { Length: > 0 } sessions)
        {
            foreach (var id in sessions)
            {
                cache.Remove(CacheKey(id));
            }

            var validAfter = ended.ValidAfter is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : (DateTimeOffset?)null;
            connections.Abort(sessions, validAfter, validAfter is null ? "revoked" : "stale");
        }
    }

    /// <summary>
    /// Redis caches each session's state for the life of an access token. A missing entry is filled from the
    /// database; the fill never overwrites a revocation written meanwhile (HSETNX), so a race cannot resurrect one.
    /// </summary>
    private async Task<SessionState> ReadFromRedisAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var database = redis!.GetDatabase();
        var key = RedisPrefix + sessionId;
        var fields = await database.HashGetAsync(key, ["revoked", "validAfter"]);
        if (fields[0].IsNull)
        {
            var stored = await ReadFromDatabaseAsync(sessionId, cancellationToken);
            await database.HashSetAsync(key, "revoked", stored.Revoked ? 1 : 0, When.NotExists);
            if (stored.ValidAfter is { } storedAfter)
            {
                await database.HashSetAsync(key, "validAfter", storedAfter.ToUnixTimeMilliseconds(), When.NotExists);
            }

            await database.KeyExpireAsync(key, options.Value.AccessTokenLifetime + TimeSpan.FromMinutes(1));
            fields = await database.HashGetAsync(key, ["revoked", "validAfter"]);
        }

        var validAfter = fields[1].TryParse(out long milliseconds) ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : (DateTimeOffset?)null;
        return new SessionState(fields[0] == 1, validAfter);
    }

    private async Task<SessionState> ReadFromDatabaseAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new { s.RevokedAt, s.ExpiresAt, s.AccessTokensValidAfter })
            .SingleOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return new SessionState(Revoked: true, ValidAfter: null);
        }

        return new SessionState(session.RevokedAt is not null || session.ExpiresAt <= time.GetUtcNow(), session.AccessTokensValidAfter);
    }

    private static StateKey CacheKey(Guid sessionId) => new(sessionId);

    private readonly record struct StateKey(Guid SessionId);

    private sealed record SessionState(bool Revoked, DateTimeOffset? ValidAfter);

    /// <summary>The message on <see cref="EndedChannel"/>: sessions revoked, or (with a time) their older tokens made stale.</summary>
    internal sealed record SessionsEnded(Guid[] Sessions, long? ValidAfter);
}
