using Npgsql;

namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>A fresh PostgreSQL database for one test host, dropped afterwards; nothing to do for SQLite (a temp file).</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
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

        var name = $"pa_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdminConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
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
