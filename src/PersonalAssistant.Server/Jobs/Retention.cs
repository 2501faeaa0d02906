using System.Linq.Expressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Jobs;

/// <summary>
/// Data kept for a while and then deleted by the daily <see cref="RetentionJob"/>. Each part of the host that owns such
/// rows implements it next to them (the conversations in the assistant, the deliveries in reminders…), so the job never
/// touches another feature's rows itself.
/// </summary>
internal interface IRetainedData
{
    /// <summary>The kind, as named in the <c>Retention</c> section (<c>Conversations</c> → <c>Retention:ConversationsDays</c>).</summary>
    string Kind { get; }

    /// <summary>Deletes what is older than <paramref name="cutoff"/>; returns how many rows went.</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>
/// Retained data that is one table with a timestamp: rows whose timestamp is before the cutoff go, in one statement.
/// Registered by the table's owner: <c>services.AddRetainedRows&lt;Notification&gt;(RetainedKinds.Notifications, n =&gt; n.CreatedAt)</c>.
/// </summary>
internal sealed class RetainedRows<TEntity>(AppDbContext db, string kind, Expression<Func<TEntity, DateTimeOffset>> timestamp) : IRetainedData
    where TEntity : class
{
    public string Kind => kind;

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // row => timestamp(row) < cutoff, built once per run so the provider translates it to SQL
        var before = Expression.Lambda<Func<TEntity, bool>>(
            Expression.LessThan(timestamp.Body, Expression.Constant(cutoff)), timestamp.Parameters);
        return db.Set<TEntity>().Where(before).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>
/// Data that carries its own end (a personal-data export's download window), removed by the same nightly
/// <see cref="RetentionJob"/> once past it, whatever the retention settings. Implemented by the rows' owner.
/// </summary>
internal interface IExpiringData
{
    /// <summary>A name for the job's log line.</summary>
    string Kind { get; }

    /// <summary>Deletes what ended before <paramref name="now"/>; returns how many rows went.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

internal static class RetentionRegistration
{
    /// <summary>Rows of <typeparamref name="TEntity"/> older than the kind's retention, by <paramref name="timestamp"/>, are deleted nightly.</summary>
    public static IServiceCollection AddRetainedRows<TEntity>(this IServiceCollection services, string kind, Expression<Func<TEntity, DateTimeOffset>> timestamp)
        where TEntity : class =>
        services.AddScoped<IRetainedData>(provider => new RetainedRows<TEntity>(provider.GetRequiredService<AppDbContext>(), kind, timestamp));
}

/// <summary>How long each kind of data is kept, in days (section <c>Retention</c>); 0 keeps it for good.</summary>
internal sealed class RetentionOptions
{
    public const string Section = "Retention";

    public const int MaxDays = 3650;

    /// <summary>Assistant conversations: messages, and the undo records of the changes they made.</summary>
    public int ConversationsDays { get; set; } = 365;

    /// <summary>In-app notifications, read or not.</summary>
    public int NotificationsDays { get; set; } = 90;

    /// <summary>The record of each reminder occurrence (sent, late, skipped).</summary>
    public int DeliveriesDays { get; set; } = 90;

    /// <summary>Emails and texts kept in the outbox (simulator mode).</summary>
    public int OutboxDays { get; set; } = 30;

    /// <summary>The security audit log.</summary>
    public int AuditDays { get; set; } = 365;

    /// <summary>Ended sessions with their refresh tokens, and expired sign-in challenges and codes.</summary>
    public int SessionsDays { get; set; } = 30;

    public int DaysFor(string kind) => kind switch
    {
        RetainedKinds.Conversations => ConversationsDays,
        RetainedKinds.Notifications => NotificationsDays,
        RetainedKinds.Deliveries => DeliveriesDays,
        RetainedKinds.Outbox => OutboxDays,
        RetainedKinds.Audit => AuditDays,
        RetainedKinds.Sessions => SessionsDays,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a retained kind."),
    };

    internal sealed class Validator : IValidateOptions<RetentionOptions>
    {
        public ValidateOptionsResult Validate(string? name, RetentionOptions options)
        {
            var failures = new OptionsFailures();
            foreach (var kind in RetainedKinds.All)
            {
                if (options.DaysFor(kind) is < 0 or > MaxDays)
                {
                    failures.Add($"{Section}:{kind}Days", $"must be between 0 (keep for good) and {MaxDays}.");
                }
            }

            return failures.ToResult();
        }
    }
}

internal static class RetainedKinds
{
    public const string Conversations = "Conversations";
    public const string Notifications = "Notifications";
    public const string Deliveries = "Deliveries";
    public const string Outbox = "Outbox";
    public const string Audit = "Audit";
    public const string Sessions = "Sessions";

    public static readonly IReadOnlyList<string> All = [Conversations, Notifications, Deliveries, Outbox, Audit, Sessions];
}

/// <summary>
/// Once a day, deletes each kind of retained data older than its retention (<see cref="RetentionOptions"/>), by the
/// injected clock. Logs counts only, never what was deleted.
/// </summary>
internal sealed partial class RetentionJob(
    IEnumerable<IRetainedData> retained, IEnumerable<IExpiringData> expiring, IOptions<RetentionOptions> options, TimeProvider time,
    ILogger<RetentionJob> logger)
{
    public const string Id = "retention";

    [Queue(JobQueues.Maintenance)]
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var purged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var data in retained)
        {
            var days = options.Value.DaysFor(data.Kind);
            if (days == 0)
            {
                continue;
            }

            var count = await data.PurgeAsync(now.AddDays(-days), cancellationToken);
            purged[data.Kind] = purged.GetValueOrDefault(data.Kind) + count;
            if (count > 0)
            {
                LogPurged(logger, count, data.Kind, days);
            }
        }

        foreach (var data in expiring)
        {
            var count = await data.PurgeExpiredAsync(now, cancellationToken);
            purged[data.Kind] = purged.GetValueOrDefault(data.Kind) + count;
            if (count > 0)
            {
                LogExpired(logger, count, data.Kind);
            }
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} expired row(s) of {Kind}")]
    private static partial void LogExpired(ILogger logger, int count, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} row(s) of {Kind} older than {Days} days")]
    private static partial void LogPurged(ILogger logger, int count, string kind, int days);
}
