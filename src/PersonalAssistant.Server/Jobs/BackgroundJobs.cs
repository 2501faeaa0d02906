using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Jobs;

/// <summary>The job queues, in the order a worker serves them.</summary>
internal static class JobQueues
{
    /// <summary>Deliveries: what a person is waiting for.</summary>
    public const string Critical = "critical";

    public const string Default = "default";

    /// <summary>Cleanup and database upkeep.</summary>
    public const string Maintenance = "maintenance";

    public static readonly IReadOnlyList<string> All = [Critical, Default, Maintenance];
}

/// <summary>Background work (section <c>Jobs</c>, ADR 0011).</summary>
internal sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Where jobs are kept: empty follows <c>Database:Provider</c> (SQLite file or PostgreSQL); <c>InMemory</c> keeps nothing across a restart (tests).</summary>
    public string Storage { get; set; } = string.Empty;

    /// <summary>Worker threads of this replica's job server; 0 runs no server here (the dashboard and enqueuing still work).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Queues this replica serves, comma-separated, in priority order.</summary>
    public string Queues { get; set; } = string.Join(',', JobQueues.All);

    /// <summary>Retries of a failed job before it is left failed (visible with its error in the dashboard).</summary>
    public int RetryAttempts { get; set; } = 5;

    /// <summary>The first retry's delay in seconds; each next one doubles it, up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    public int RetryBaseDelaySeconds { get; set; } = 10;

    public int RetryMaxDelaySeconds { get; set; } = 3600;

    /// <summary>
    /// Seconds between two looks at the queues when idle. On SQLite it is the most a queued delivery waits for a worker;
    /// on PostgreSQL a new job also wakes the workers at once (<c>LISTEN</c>/<c>NOTIFY</c>), so this is only the fallback.
    /// </summary>
    public int QueuePollIntervalSeconds { get; set; } = 1;

    /// <summary>The SQLite job file, under <c>Storage:DataDirectory</c> unless absolute.</summary>
    public string SqliteFile { get; set; } = "jobs.db";

    public bool InMemory => string.Equals(Storage, "InMemory", StringComparison.OrdinalIgnoreCase);

    public string[] QueueList() => Queues.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The delay before retry number <paramref name="attempt"/> (1-based): base × 2^(attempt−1), capped.</summary>
    public int RetryDelaySeconds(long attempt)
    {
        var exponent = (int)Math.Clamp(attempt - 1, 0, 30);
        return (int)Math.Min(RetryMaxDelaySeconds, (long)RetryBaseDelaySeconds << exponent);
    }

    internal sealed class Validator : IValidateOptions<JobsOptions>
    {
        public ValidateOptionsResult Validate(string? name, JobsOptions options)
        {
            var failures = new OptionsFailures();
            if (!string.IsNullOrEmpty(options.Storage) && !options.InMemory)
            {
                failures.Add("Jobs:Storage", $"must be empty (follow the database) or InMemory, not '{options.Storage}'.");
            }

            if (options.Workers is < 0 or > 100)
            {
                failures.Add("Jobs:Workers", "must be between 0 and 100.");
            }

            var queues = options.QueueList();
            if (queues.Length == 0 || queues.Any(q => !JobQueues.All.Contains(q)))
            {
                failures.Add("Jobs:Queues", $"must list some of {string.Join(", ", JobQueues.All)}, not '{options.Queues}'.");
            }

            if (options.RetryAttempts is < 0 or > 20)
            {
                failures.Add("Jobs:RetryAttempts", "must be between 0 and 20.");
            }

            if (options.RetryBaseDelaySeconds < 1 || options.RetryMaxDelaySeconds < options.RetryBaseDelaySeconds)
            {
                failures.Add("Jobs:RetryBaseDelaySeconds", "must be at least 1 and at most Jobs:RetryMaxDelaySeconds.");
            }

            if (options.QueuePollIntervalSeconds is < 1 or > 300)
            {
                failures.Add("Jobs:QueuePollIntervalSeconds", "must be between 1 and 300.");
            }

            return failures.ToResult();
        }
    }
}

internal static class BackgroundJobsRegistration
{
    public const string DashboardPath = "/admin/jobs";

    /// <summary>
    /// Hangfire with its storage, filters and server registered in this host's container only (no process-wide
    /// <c>JobStorage.Current</c>), so several hosts in one process (the tests) never share a storage.
    /// </summary>
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var jobs = configuration.ReadValidated(JobsOptions.Section, new JobsOptions.Validator());
        services.AddValidatedOptions<JobsOptions, JobsOptions.Validator>(JobsOptions.Section);
        services.AddSingleton<JobStorage>(provider => CreateStorage(provider, jobs));
        services.AddSingleton<JobMetrics>();
        services.AddSingleton<IJobFilterProvider>(provider => Filters(jobs, provider.GetRequiredService<JobMetrics>()));
        services.AddHangfire((provider, config) => config
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (jobs.Workers > 0)
        {
            services.AddHangfireServer((_, server) =>
            {
                server.WorkerCount = jobs.Workers;
                server.Queues = jobs.QueueList();
            });
        }

        services.AddValidatedOptions<RetentionOptions, RetentionOptions.Validator>(RetentionOptions.Section);
        services.AddScoped<DatabaseMaintenanceJob>();
        services.AddScoped<RetentionJob>();
        services.AddHostedService<JobSchedules>();
        return services;
    }

    /// <summary>The dashboard at <c>/admin/jobs</c>, for callers holding <c>jobs:manage</c> (administrators) through the API's own sign-in.</summary>
    public static void MapJobsDashboard(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new JobsManagersOnly()],
            AsyncAuthorization = [],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Personal Assistant jobs",
            AppPath = "/",
        }, storage).RequireAuthorization(Permissions.Policy(Permissions.JobsManage));
    }

    private static JobStorage CreateStorage(IServiceProvider provider, JobsOptions jobs)
    {
        // Applies this host's Hangfire configuration (its log provider above all) before the storage asks for a logger.
        _ = provider.GetRequiredService<IGlobalConfiguration>();
        if (jobs.InMemory)
        {
            return new InMemoryStorage(new InMemoryStorageOptions());
        }

        var configuration = provider.GetRequiredService<IConfiguration>();
        var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var poll = TimeSpan.FromSeconds(jobs.QueuePollIntervalSeconds);
        if (database.Kind == DatabaseProvider.Postgres)
        {
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = poll,
                EnableLongPolling = true,
                UseSlidingInvisibilityTimeout = true,
            };
            var connectionString = DatabaseRegistration.PostgresConnectionString(configuration.GetConnectionString("Postgres")!, database);
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        }

        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var path = Path.IsPathRooted(jobs.SqliteFile) ? jobs.SqliteFile : Path.Combine(storage.DataDirectoryFullPath, jobs.SqliteFile);
        // The storage opens its file at once, while the host is still being built: on a fresh machine the data
        // directory does not exist yet (the database startup creates it later).
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = poll });
    }

    /// <summary>Hangfire's standard filters with our retry policy in place of its default (10 attempts, fixed schedule), and the job metrics.</summary>
    private static JobFilterProviderCollection Filters(JobsOptions jobs, JobMetrics metrics)
    {
        var global = new JobFilterCollection
        {
            new AutomaticRetryAttribute
            {
                Attempts = jobs.RetryAttempts,
                DelayInSecondsByAttemptFunc = jobs.RetryDelaySeconds,
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
                LogEvents = true,
            },
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
            metrics,
        };
        return new JobFilterProviderCollection(global, new JobFilterAttributeFilterProvider());
    }

    /// <summary>
    /// Hangfire's own check, behind the endpoint's authorization: the caller must hold <c>jobs:manage</c>. Never Hangfire's
    /// default (any local request).
    /// </summary>
    private sealed class JobsManagersOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User is { Identity.IsAuthenticated: true } user
            && AppRoles.PermissionsOf(user.FindAll(CurrentUser.RoleClaim).Select(claim => claim.Value)).Contains(Permissions.JobsManage);
    }
}

/// <summary>
/// Hangfire's logging goes through one process-wide provider. This one writes to the host's logger factory and stays
/// silent once that factory is disposed, so a stopped host (a test host, or the host before a restart in the same
/// process) never breaks the next one.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    private readonly Hangfire.AspNetCore.AspNetCoreLogProvider _inner = new(factory);

    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new SafeLog(null);
        }
    }

    private sealed class SafeLog(Hangfire.Logging.ILog? inner) : Hangfire.Logging.ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}

/// <summary>
/// Registers the recurring jobs at start (Hangfire runs each once per schedule across all replicas): database upkeep and
/// retention at night (UTC), the missed-task check every 15 minutes, the briefings every 5 minutes.
/// </summary>
internal sealed class JobSchedules(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<DatabaseMaintenanceJob>(DatabaseMaintenanceJob.Id, JobQueues.Maintenance, job => job.RunAsync(CancellationToken.None),
            Cron.Daily(3, 30), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<Features.Privacy.AccountDeletionJob>(Features.Privacy.AccountDeletionJob.Id, JobQueues.Maintenance,
            job => job.RunAsync(CancellationToken.None), Cron.Hourly(20), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<RetentionJob>(RetentionJob.Id, JobQueues.Maintenance, job => job.RunAsync(CancellationToken.None),
            Cron.Daily(3, 0), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<Features.Tasks.MissedTasksJob>(Features.Tasks.MissedTasksJob.Id, JobQueues.Default, job => job.RunAsync(CancellationToken.None),
            Features.Tasks.MissedTasksJob.Schedule, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<Features.Briefings.BriefingJob>(Features.Briefings.BriefingJob.Id, JobQueues.Default, job => job.RunAsync(CancellationToken.None),
            Features.Briefings.BriefingJob.Schedule, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Keeps the planner's statistics fresh: <c>ANALYZE</c> on PostgreSQL; <c>PRAGMA optimize</c> and a WAL checkpoint on SQLite.</summary>
internal sealed partial class DatabaseMaintenanceJob(AppDbContext db, ILogger<DatabaseMaintenanceJob> logger)
{
    public const string Id = "database-maintenance";

    [Queue(JobQueues.Maintenance)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        }

        LogDone(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database maintenance done")]
    private static partial void LogDone(ILogger logger);
}
