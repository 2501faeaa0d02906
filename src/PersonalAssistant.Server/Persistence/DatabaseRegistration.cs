using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Persistence;

internal static class DatabaseRegistration
{
    public const string SqliteFileName = "assistant.db";

    /// <summary>Registers <see cref="AppDbContext"/> on the configured provider, pooled, with its migrator and health checks.</summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.ReadValidated(DatabaseOptions.Section, new DatabaseOptions.Validator(configuration));
        var storage = configuration.ReadValidated(StorageOptions.Section, new StorageOptions.Validator());
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptions.Validator>(DatabaseOptions.Section);

        switch (database.Kind)
        {
            case DatabaseProvider.Postgres:
                var postgres = PostgresConnectionString(configuration.GetConnectionString("Postgres")!, database);
                services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(
                    options => ConfigurePostgres(options, postgres, database), database.ContextPoolSize);
                break;
            default:
                var sqlite = SqliteConnectionString(configuration.GetConnectionString("Sqlite"), storage);
                var writes = new SqliteWriteGate(sqlite, database.SqliteSynchronous); // one per database file this host opens
                services.AddSingleton(writes);
                services.AddHostedService<SqliteCheckpointer>();
                services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(
                    options => ConfigureSqlite(options, sqlite, database).AddInterceptors(writes), database.ContextPoolSize);
                break;
        }

        services.AddScoped<DatabaseMigrator>();
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: [HealthTags.Ready])
            .AddCheck<PendingMigrationsHealthCheck>("migrations", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>An explicit <c>ConnectionStrings:Sqlite</c> wins; otherwise the file lives in the data directory.</summary>
    internal static string SqliteConnectionString(string? configured, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(storage.DataDirectoryFullPath, SqliteFileName),
            Pooling = true,
        }.ToString();
    }

    /// <summary>Prepared statements per connection (Npgsql automatic preparation): the API runs a few dozen shapes.</summary>
    internal const int DefaultMaxAutoPrepare = 64;

    internal static string PostgresConnectionString(string configured, DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        var pool = options.Postgres;
        if (pool.MinPoolSize is { } min)
        {
            builder.MinPoolSize = min;
        }

        if (pool.MaxPoolSize is { } max)
        {
            builder.MaxPoolSize = max;
        }

        if (pool.ConnectionIdleLifetimeSeconds is { } idle)
        {
            builder.ConnectionIdleLifetime = idle;
        }

        if (pool.MaxAutoPrepare is { } prepare)
        {
            builder.MaxAutoPrepare = prepare;
        }
        else if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (pool.ConnectionLifetimeSeconds is { } lifetime)
        {
            builder.ConnectionLifetime = lifetime;
        }

        builder.NoResetOnClose = !pool.ResetOnClose;

        return builder.ConnectionString;
    }

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString, DatabaseOptions database) =>
        options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(database.CommandTimeoutSeconds));

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString, DatabaseOptions database) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(database.CommandTimeoutSeconds));
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseRegistration.ConfigureSqlite(builder, "Data Source=design-time.db", new DatabaseOptions());
        return new SqliteAppDbContext(builder.Options);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DatabaseRegistration.ConfigurePostgres(builder, "Host=localhost;Database=design_time", new DatabaseOptions { Provider = "Postgres" });
        return new PostgresAppDbContext(builder.Options);
    }
}
