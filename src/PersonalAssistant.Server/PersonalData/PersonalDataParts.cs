using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.PersonalData;

/// <summary>
/// One kind of a person's data, written as one JSON file of the export (ADR 0020). Each part of the host that owns rows
/// implements it next to them and registers it with its feature (<c>services.AddPersonalData(…)</c> for one query, a
/// class for several), so the export job never touches another feature's rows, and a new table is one registration.
/// </summary>
internal interface IPersonalDataExport
{
    /// <summary>The file's name in the archive, <c>tasks.json</c>: lower case, unique across parts.</summary>
    string FileName { get; }

    /// <summary>
    /// The catalog key of the sentence the README says about this file. The key with <c>.Label</c> appended names the
    /// kind in a few words on the privacy page ("Tasks and their steps").
    /// </summary>
    string DescriptionKey { get; }

    /// <summary>How many rows <see cref="WriteAsync"/> would write now: the privacy page's "what is stored".</summary>
    Task<int> CountAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes exactly one JSON value (an array, or an object of arrays) holding the person's rows, owner-scoped and
    /// ordered, streamed from the database a row at a time (<see cref="PersonalDataJson"/>); returns how many rows.
    /// Secrets (hashes, keys, tokens) are never written.
    /// </summary>
    Task<int> WriteAsync(Guid userId, Utf8JsonWriter json, CancellationToken cancellationToken);
}

/// <summary>
/// Files in another format than JSON, so the data is usable elsewhere: the calendar as <c>.ics</c>, notes as Markdown.
/// Implemented next to their rows, like <see cref="IPersonalDataExport"/>.
/// </summary>
internal interface IPersonalDataFiles
{
    /// <summary>The file or folder as the README names it (<c>calendar.ics</c>, <c>notes/</c>).</summary>
    string Path { get; }

    string DescriptionKey { get; }

    /// <summary>Adds the person's files to the archive, one open entry at a time; returns how many files.</summary>
    Task<int> WriteAsync(Guid userId, ExportArchive archive, CancellationToken cancellationToken);
}

/// <summary>The archive being written: a part opens one entry at a time and writes it before opening the next.</summary>
internal sealed class ExportArchive(ZipArchive zip)
{
    /// <summary>A new file of the archive (a path with forward slashes); dispose it before creating the next.</summary>
    public Task<Stream> CreateAsync(string path, CancellationToken cancellationToken) =>
        zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(cancellationToken);
}

/// <summary>How the parts write rows: one at a time from the database, flushed to the archive as the buffer fills.</summary>
internal static class PersonalDataJson
{
    /// <summary>The same names as the API (camelCase), enums as text.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private const int FlushAtBytes = 64 * 1024;

    /// <summary>Writes the rows as a JSON array, reading them one by one (<c>AsAsyncEnumerable</c>); returns the count.</summary>
    public static async Task<int> WriteArrayAsync<T>(Utf8JsonWriter json, IQueryable<T> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartArray();
        var count = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(json, row, Options);
            count++;
            if (json.BytesPending > FlushAtBytes)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        return count;
    }

    /// <summary>A property of the current object whose value is the rows as an array.</summary>
    public static Task<int> WritePropertyAsync<T>(Utf8JsonWriter json, string name, IQueryable<T> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WritePropertyName(name);
        return WriteArrayAsync(json, rows, cancellationToken);
    }
}

/// <summary>A part that is one query: the rows it selects, as an array.</summary>
internal sealed class PersonalDataRows<TRow>(AppDbContext db, string fileName, string descriptionKey, Func<AppDbContext, Guid, IQueryable<TRow>> rows)
    : IPersonalDataExport
{
    public string FileName => fileName;

    public string DescriptionKey => descriptionKey;

    public Task<int> WriteAsync(Guid userId, Utf8JsonWriter json, CancellationToken cancellationToken) =>
        PersonalDataJson.WriteArrayAsync(json, rows(db, userId), cancellationToken);

    public Task<int> CountAsync(Guid userId, CancellationToken cancellationToken) => rows(db, userId).CountAsync(cancellationToken);
}

internal static class PersonalDataRegistration
{
    /// <summary>
    /// A part of the export that is one query, registered by the rows' owner:
    /// <c>services.AddPersonalData("expenses.json", "Exports.File.Expenses", (db, userId) =&gt; db.Set&lt;Expense&gt;().Where(e =&gt; e.UserId == userId).OrderBy(…).Select(…))</c>.
    /// The query must be owner-scoped and ordered, and select only what the person may take away (no secrets).
    /// </summary>
    public static IServiceCollection AddPersonalData<TRow>(this IServiceCollection services, string fileName, string descriptionKey,
        Func<AppDbContext, Guid, IQueryable<TRow>> rows) =>
        services.AddScoped<IPersonalDataExport>(provider =>
            new PersonalDataRows<TRow>(provider.GetRequiredService<AppDbContext>(), fileName, descriptionKey, rows));
}
