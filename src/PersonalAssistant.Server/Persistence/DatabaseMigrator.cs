using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Persistence;

/// <summary>Applies the checked-in migrations of the configured provider (never <c>EnsureCreated</c>).</summary>
internal sealed partial class DatabaseMigrator(AppDbContext db, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
{
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        // Npgsql cannot tell whether the history table exists (it always answers yes, npgsql/efcore.pg#3407), so on a
        // new database reading it failed and EF Core logged that as an error on every first start. Created first
        // (IF NOT EXISTS), it is there to read.
        if (await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }

        var pending = await PendingMigrations.ListAsync(db, cancellationToken);
        if (pending.Count > 0)
        {
            LogApplying(logger, pending.Count, options.Value.Kind);
            // EF Core takes a database-wide migration lock, so replicas starting together apply them once.
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (options.Value.Kind == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers continue while the background work writes; it is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) on {Provider}")]
    private static partial void LogApplying(ILogger logger, int count, DatabaseProvider provider);
}

/// <summary>Not ready while the schema lags the code: requests would fail on missing tables.</summary>
internal sealed class PendingMigrationsHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await PendingMigrations.ListAsync(db, cancellationToken)).Count;
        return pending == 0
            ? HealthCheckResult.Healthy("The schema is up to date.")
            : HealthCheckResult.Unhealthy($"{pending} migration(s) pending: run the 'migrate' command.");
    }
}

internal static class PendingMigrations
{
    /// <summary>
    /// The migrations not applied yet. On a fresh database every migration is pending; asking EF then would run a
    /// query on the missing history table, which logs a scary (and harmless) failed command.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ListAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        return await history.ExistsAsync(cancellationToken)
            ? [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)]
            : [.. db.Database.GetMigrations()];
    }
}

/// <summary>Startup step: creates the data directory and, when configured, migrates before the host listens.</summary>
internal static class DatabaseStartup
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectoryFullPath);
        if (!services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStart)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
    }
}
