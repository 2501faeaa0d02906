using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database for one test host, dropped afterwards; nothing to do for SQLite (a temp file). Each one
/// is copied from a template made once per build of the server (every migration applied and the job storage's schema
/// installed), so a test host starts on a ready database instead of migrating its own: the migrations themselves are
/// checked on an empty database by <c>MigrationsTests</c> through the template's making and by test.sh's migrate stage.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim Copying = new(1, 1);
    private static readonly Lazy<Task<string>> Template = new(MakeTemplateAsync);
    private readonly string? _name;

    private TestDatabase(string? name, string? connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
    }

    public string? ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        if (!TestEnvironment.IsPostgres)
        {
            return new TestDatabase(null, null);
        }

        var template = await Template.Value;
        var name = $"pa_test_{Guid.NewGuid():N}";
        await Copying.WaitAsync(); // a template may not be copied twice at the same moment
        try
        {
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            Copying.Release();
        }

        return new TestDatabase(name, ConnectionStringFor(name));
    }

    /// <summary>The template for this build of the server (named by its module version), made if it does not exist yet.</summary>
    private static async Task<string> MakeTemplateAsync()
    {
        var template = $"pa_template_{typeof(AppDbContext).Assembly.ManifestModule.ModuleVersionId:N}";
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString))
        {
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", template);
            if (await exists.ExecuteScalarAsync() is not null)
            {
                return template;
            }
        }

        // made under another name and renamed when complete, so a run stopped half-way never leaves a broken template
        var making = $"pa_making_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{making}\"");
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>();
        DatabaseRegistration.ConfigurePostgres(options, ConnectionStringFor(making), new DatabaseOptions());
        await using (var db = new PostgresAppDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
        }

        await using (var connection = new NpgsqlConnection(ConnectionStringFor(making)))
        {
            await connection.OpenAsync();
            PostgreSqlObjectsInstaller.Install(connection, "hangfire");
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExecuteAsync($"ALTER DATABASE \"{making}\" RENAME TO \"{template}\"");
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{making}\" WITH (FORCE)"); // another test run made it first
        }

        return template;
    }

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdminConnectionString) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_name is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
