using Microsoft.Extensions.Options;
using Npgsql;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Persistence;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database the instance uses and how it connects (section <c>Database</c>).</summary>
internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Apply pending migrations when the host starts. Default: on for SQLite, off for PostgreSQL (run <c>migrate</c>).</summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>How many DbContext instances EF Core keeps for reuse.</summary>
    public int ContextPoolSize { get; set; } = 128;

    /// <summary>Seconds before a database command is abandoned.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// SQLite's <c>synchronous</c> setting: <c>Normal</c> (default; with the write-ahead log a commit is not flushed
    /// to the disk until the log is checkpointed: safe from a crash of the host, while a power cut can lose the last
    /// commits, never the database) or <c>Full</c> (every commit waits for the disk: about 3 ms each on the reference
    /// machine, and SQLite commits one at a time).
    /// </summary>
    public string SqliteSynchronous { get; set; } = "Normal";

    /// <summary>Npgsql connection pool settings; unset values keep the connection string's (or Npgsql's) own.</summary>
    public PostgresPoolOptions Postgres { get; set; } = new();

    public DatabaseProvider Kind => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Kind == DatabaseProvider.Sqlite;

    internal sealed class PostgresPoolOptions
    {
        public int? MinPoolSize { get; set; }

        public int? MaxPoolSize { get; set; }

        public int? ConnectionIdleLifetimeSeconds { get; set; }

        public int? ConnectionLifetimeSeconds { get; set; }

        /// <summary>
        /// Statements Npgsql prepares on the server once they are used a few times (so PostgreSQL stops planning them
        /// on every call); 64 unless the connection string says otherwise. 0 turns it off.
        /// </summary>
        public int? MaxAutoPrepare { get; set; }

        /// <summary>
        /// Whether Npgsql resets a pooled connection's session state (RESET ALL, CLOSE ALL, UNLISTEN, advisory locks,
        /// temporary tables) before its next use. The host changes none of these, so the reset is skipped by default
        /// (it was a batch of seven statements sent ahead of every query); true brings it back.
        /// </summary>
        public bool ResetOnClose { get; set; }
    }

    internal sealed class Validator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
    {
        public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
        {
            var failures = new OptionsFailures();
            if (!Enum.TryParse<DatabaseProvider>(options.Provider, ignoreCase: true, out var provider)
                || !Enum.IsDefined(provider))
            {
                failures.Add("Database:Provider", $"must be Sqlite or Postgres, not '{options.Provider}'.");
                return failures.ToResult();
            }

            if (options.ContextPoolSize is < 1 or > 1024)
            {
                failures.Add("Database:ContextPoolSize", "must be between 1 and 1024.");
            }

            if (options.CommandTimeoutSeconds is < 1 or > 600)
            {
                failures.Add("Database:CommandTimeoutSeconds", "must be between 1 and 600.");
            }

            if (!string.Equals(options.SqliteSynchronous, "Normal", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(options.SqliteSynchronous, "Full", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add("Database:SqliteSynchronous", $"must be Normal or Full, not '{options.SqliteSynchronous}'.");
            }

            if (provider == DatabaseProvider.Postgres)
            {
                ValidatePostgres(configuration.GetConnectionString("Postgres"), options.Postgres, failures);
            }

            return failures.ToResult();
        }

        private static void ValidatePostgres(string? connectionString, PostgresPoolOptions pool, OptionsFailures failures)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                failures.Add("ConnectionStrings:Postgres", "is required when Database:Provider is Postgres.");
            }
            else
            {
                try
                {
                    _ = new NpgsqlConnectionStringBuilder(connectionString);
                }
                catch (ArgumentException)
                {
                    // The exception text may echo the password; name the key only.
                    failures.Add("ConnectionStrings:Postgres", "is not a valid PostgreSQL connection string.");
                }
            }

            if (pool.MinPoolSize is < 0)
            {
                failures.Add("Database:Postgres:MinPoolSize", "must not be negative.");
            }

            if (pool.MaxPoolSize is < 1 or > 1000)
            {
                failures.Add("Database:Postgres:MaxPoolSize", "must be between 1 and 1000.");
            }

            if (pool.MaxAutoPrepare is < 0 or > 1000)
            {
                failures.Add("Database:Postgres:MaxAutoPrepare", "must be between 0 and 1000.");
            }

            if (pool.MinPoolSize is { } min && pool.MaxPoolSize is { } max && min > max)
            {
                failures.Add("Database:Postgres:MinPoolSize", "must not exceed Database:Postgres:MaxPoolSize.");
            }

            if (pool.ConnectionIdleLifetimeSeconds is < 1)
            {
                failures.Add("Database:Postgres:ConnectionIdleLifetimeSeconds", "must be at least 1.");
            }

            if (pool.ConnectionLifetimeSeconds is < 0)
            {
                failures.Add("Database:Postgres:ConnectionLifetimeSeconds", "must not be negative (0 means no limit).");
            }
        }
    }
}
