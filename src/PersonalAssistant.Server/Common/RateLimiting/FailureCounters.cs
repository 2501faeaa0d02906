using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PersonalAssistant.Server.Common.RateLimiting;

/// <summary>
/// Counters that only grow on a failure and can be read without spending anything (the rate limiters cannot be
/// peeked): fixed windows that start at the first failure. In Redis under <see cref="RateLimitOptions.KeyPrefix"/>
/// when configured, so every replica sees the same counts; otherwise in this process.
/// </summary>
internal sealed class FailureCounters(IOptions<RateLimitOptions> options, TimeProvider time, IConnectionMultiplexer? redis = null)
{
    private const string IncrementScript = "local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return c";
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Window> _local = new(StringComparer.Ordinal);

    public async Task<long> CountAsync(string key)
    {
        var full = Key(key);
        if (redis is not null)
        {
            var value = await redis.GetDatabase().StringGetAsync(full);
            return value.TryParse(out long count) ? count : 0;
        }

        return _local.TryGetValue(full, out var window) && window.EndsAt > time.GetUtcNow() ? window.Count : 0;
    }

    public async Task<long> AddAsync(string key, TimeSpan window)
    {
        var full = Key(key);
        if (redis is not null)
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(IncrementScript, [full], [(long)window.TotalMilliseconds]);
            return (long)result;
        }

        var now = time.GetUtcNow();
        if (_local.Count > PruneAbove)
        {
            foreach (var (expiredKey, expired) in _local.Where(entry => entry.Value.EndsAt <= now).ToList())
            {
                _local.TryRemove(new KeyValuePair<string, Window>(expiredKey, expired));
            }
        }

        return _local.AddOrUpdate(full, _ => new Window(1, now + window),
            (_, current) => current.EndsAt > now ? current with { Count = current.Count + 1 } : new Window(1, now + window)).Count;
    }

    /// <summary>Sets a flag that lasts <paramref name="lifetime"/>: a counter of one, or of <paramref name="value"/> when it carries one.</summary>
    public async Task MarkAsync(string key, TimeSpan lifetime, long value = 1)
    {
        var full = Key(key);
        if (redis is not null)
        {
            await redis.GetDatabase().StringSetAsync(full, value, lifetime);
            return;
        }

        _local[full] = new Window(value, time.GetUtcNow() + lifetime);
    }

    public async Task ResetAsync(string key)
    {
        var full = Key(key);
        if (redis is not null)
        {
            await redis.GetDatabase().KeyDeleteAsync(full);
            return;
        }

        _local.TryRemove(full, out _);
    }

    private string Key(string key) => $"{options.Value.KeyPrefix}:fail:{key}";

    private readonly record struct Window(long Count, DateTimeOffset EndsAt);
}
