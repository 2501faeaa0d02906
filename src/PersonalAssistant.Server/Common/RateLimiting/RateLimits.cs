using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Identity;
using RedisRateLimiting;
using StackExchange.Redis;

namespace PersonalAssistant.Server.Common.RateLimiting;

/// <summary>
/// The named limits. Endpoints take per-IP limits with <c>RequireRateLimiting(RateLimits.AuthPerIpPolicy)</c>, and per-account
/// ones on signed-in routes with <c>RequireRateLimiting(RateLimits.CapturePreviewsPerAccountPolicy)</c>.
/// </summary>
internal enum RateLimitKind
{
    AuthPerIp,
    AuthPerAccount,
    MessagesPerAccount,
    ResendPerTarget,
    AssistantTurnsPerAccount,
    CapturePreviewsPerAccount,
    SmsCodesPerAccount,
    SmsCodesPerNumber,
    SmsCodesPerInstance,
    WebhooksPerIp,
}

/// <summary>
/// Fixed-window counters keyed by a partition (an IP, an account, a phone number): in Redis when configured,
/// otherwise in this process. Used by the rate-limiting middleware for per-IP limits and by handlers for
/// per-account ones (the account is only known once the body is read).
/// </summary>
internal sealed class RateLimits : IDisposable
{
    public const string AuthPerIpPolicy = "auth-per-ip";
    public const string WebhooksPerIpPolicy = "webhooks-per-ip";
    public const string CapturePreviewsPerAccountPolicy = "capture-previews-per-account";

    private readonly IOptions<RateLimitOptions> _options;
    private readonly IConnectionMultiplexer? _redis;
    private readonly Dictionary<RateLimitKind, PartitionedRateLimiter<string>> _limiters;

    public RateLimits(IOptions<RateLimitOptions> options, IConnectionMultiplexer? redis = null)
    {
        _options = options;
        _redis = redis;
        _limiters = Enum.GetValues<RateLimitKind>().ToDictionary(kind => kind, Create);
    }

    /// <summary>Takes one permit; when refused, says how long until the window resets.</summary>
    public async ValueTask<RateLimitDecision> AcquireAsync(RateLimitKind kind, string partition, CancellationToken cancellationToken)
    {
        using var lease = await _limiters[kind].AcquireAsync(partition, 1, cancellationToken);
        if (lease.IsAcquired)
        {
            return RateLimitDecision.Allowed;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Rule(kind).Window;
        return new RateLimitDecision(false, retryAfter);
    }

    public RateLimitPartition<string> Partition(RateLimitKind kind, string partition)
    {
        var rule = Rule(kind);
        var key = $"{_options.Value.KeyPrefix}:{kind}:{partition}";
        if (_redis is { } redis)
        {
            return RedisRateLimitPartition.GetFixedWindowRateLimiter(key, _ => new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = rule.PermitLimit,
                Window = rule.Window,
            });
        }

        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private PartitionedRateLimiter<string> Create(RateLimitKind kind) =>
        PartitionedRateLimiter.Create<string, string>(partition => Partition(kind, partition));

    private RateLimitRule Rule(RateLimitKind kind) => kind switch
    {
        RateLimitKind.AuthPerIp => _options.Value.AuthPerIp,
        RateLimitKind.AuthPerAccount => _options.Value.AuthPerAccount,
        RateLimitKind.MessagesPerAccount => _options.Value.MessagesPerAccount,
        RateLimitKind.AssistantTurnsPerAccount => _options.Value.AssistantTurnsPerAccount,
        RateLimitKind.CapturePreviewsPerAccount => _options.Value.CapturePreviewsPerAccount,
        RateLimitKind.SmsCodesPerAccount => _options.Value.SmsCodesPerAccount,
        RateLimitKind.SmsCodesPerNumber => _options.Value.SmsCodesPerNumber,
        RateLimitKind.SmsCodesPerInstance => _options.Value.SmsCodesPerInstance,
        RateLimitKind.WebhooksPerIp => _options.Value.WebhooksPerIp,
        _ => _options.Value.ResendPerTarget,
    };
}

internal readonly record struct RateLimitDecision(bool IsAllowed, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allowed => new(true, TimeSpan.Zero);

    /// <summary>The 429 problem, with <c>Retry-After</c> in whole seconds.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds(RetryAfter);
        var locale = Localization.RequestLocale.Of(context);
        return TypedResults.Problem(
            title: Localization.Texts.Get(locale, "Problem.TooMany.Title"),
            detail: Localization.Texts.Format(locale, "Problem.TooMany.Detail", RetryAfterSeconds(RetryAfter)),
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

internal static class RateLimitRegistration
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptions.Validator>(RateLimitOptions.Section);
        services.AddSingleton(provider => new RateLimits(
            provider.GetRequiredService<IOptions<RateLimitOptions>>(),
            provider.GetService<IConnectionMultiplexer>()));
        services.AddSingleton(provider => new FailureCounters(
            provider.GetRequiredService<IOptions<RateLimitOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<IConnectionMultiplexer>()));
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimits.AuthPerIpPolicy, context => context.RequestServices.GetRequiredService<RateLimits>()
                .Partition(RateLimitKind.AuthPerIp, context.Connection.RemoteIpAddress?.ToString() ?? "unknown"));
            options.AddPolicy(RateLimits.WebhooksPerIpPolicy, context => context.RequestServices.GetRequiredService<RateLimits>()
                .Partition(RateLimitKind.WebhooksPerIp, context.Connection.RemoteIpAddress?.ToString() ?? "unknown"));
            // Authentication has run by now, so the account is known; without one authorization refuses the call next.
            options.AddPolicy(RateLimits.CapturePreviewsPerAccountPolicy, context => context.User.UserIdOrNull() is { } userId
                ? context.RequestServices.GetRequiredService<RateLimits>().Partition(RateLimitKind.CapturePreviewsPerAccount, userId.ToString())
                : RateLimitPartition.GetNoLimiter("anonymous"));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var problem = new RateLimitDecision(false, retryAfter).ToProblem(rejected.HttpContext);
                await problem.ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }
}
