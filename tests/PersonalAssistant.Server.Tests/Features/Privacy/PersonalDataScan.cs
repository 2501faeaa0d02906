using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Privacy;

/// <summary>
/// Reads every table of the database the host runs on (every schema on PostgreSQL, Hangfire's included) and answers
/// which tables hold a row whose text contains any of the needles: an account id, an email address, a phone number, a
/// word only that person's data uses. Each row is read as text whole (PostgreSQL's <c>row::text</c>; on SQLite every
/// column cast to text and joined), case-insensitively, so a value cannot hide in a column nobody thought of.
/// </summary>
internal static class PersonalDataScan
{
    public static async Task<IReadOnlyDictionary<string, int>> FindAsync(AssistantApp app, IReadOnlyCollection<string> needles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            var found = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var table in await TablesAsync(connection))
            {
                var count = await CountAsync(connection, table, needles);
                if (count > 0)
                {
                    found[table.Name] = count;
                }
            }

            return found;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>Every table of the database, as schema-qualified names on PostgreSQL.</summary>
    public static async Task<IReadOnlyList<string>> TableNamesAsync(AssistantApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            return [.. (await TablesAsync(connection)).Select(t => t.Name)];
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>On SQLite, how many notes the full-text index still finds for a word (0 on PostgreSQL, whose index is a column of the notes).</summary>
    public static async Task<int> NoteSearchHitsAsync(AssistantApp app, string word)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetDbConnection();
        if (IsPostgres(connection))
        {
            return 0;
        }

        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "select count(*) from \"NotesFts\" where \"NotesFts\" match @word";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@word";
            parameter.Value = "\"" + word + "\"";
            command.Parameters.Add(parameter);
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private sealed record Table(string Name, string Sql, IReadOnlyList<string> Columns);

    private static bool IsPostgres(DbConnection connection) => connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal);

    private static async Task<List<Table>> TablesAsync(DbConnection connection)
    {
        var tables = new List<Table>();
        if (IsPostgres(connection))
        {
            foreach (var (schema, name) in await ReadPairsAsync(connection,
                         "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')"))
            {
                tables.Add(new Table(schema == "public" ? name : $"{schema}.{name}", $"\"{schema}\".\"{name}\"", []));
            }
        }
        else
        {
            foreach (var (name, _) in await ReadPairsAsync(connection, "select name, '' from sqlite_master where type = 'table' and name not like 'sqlite_%'"))
            {
                var columns = (await ReadPairsAsync(connection, $"select name, '' from pragma_table_info('{name}')")).Select(c => c.Item1).ToList();
                tables.Add(new Table(name, $"\"{name}\"", columns));
            }
        }

        return tables;
    }

    private static async Task<int> CountAsync(DbConnection connection, Table table, IReadOnlyCollection<string> needles)
    {
        await using var command = connection.CreateCommand();
        string text;
        if (IsPostgres(connection))
        {
            text = "t::text";
        }
        else if (table.Columns.Count == 0)
        {
            return 0;
        }
        else
        {
            text = string.Join(" || '|' || ", table.Columns.Select(c => $"coalesce(cast(\"{c}\" as text), '')"));
        }

        var conditions = new List<string>();
        var index = 0;
        foreach (var needle in needles)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + index;
            parameter.Value = "%" + needle.ToLowerInvariant() + "%";
            command.Parameters.Add(parameter);
            conditions.Add($"lower({text}) like @p{index}");
            index++;
        }

        command.CommandText = $"select count(*) from {table.Sql} t where {string.Join(" or ", conditions)}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<(string, string)>> ReadPairsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}
