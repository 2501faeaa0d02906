using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Exports;

/// <summary>
/// Builds one export's ZIP (<c>default</c> queue): <c>README.md</c> in the person's language, one JSON file per part
/// (<see cref="IPersonalDataExport"/>), then the other formats (<see cref="IPersonalDataFiles"/>), streamed into
/// database chunks as it is written; then marks it ready and tells the person in the app. A failure marks it failed
/// (the person asks again) rather than retrying: the parts read the same rows again and would fail the same way.
/// </summary>
internal sealed partial class DataExportJob(
    AppDbContext db,
    IServiceScopeFactory scopes,
    IEnumerable<IPersonalDataExport> parts,
    IEnumerable<IPersonalDataFiles> files,
    NotificationService notifications,
    TimeProvider time,
    IOptions<ExportOptions> options,
    ILogger<DataExportJob> logger)
{
    private static readonly JsonWriterOptions Json = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    public async Task BuildAsync(Guid exportId, CancellationToken cancellationToken)
    {
        var export = await db.DataExports.SingleOrDefaultAsync(e => e.Id == exportId && e.Status == DataExportStatuses.Pending, cancellationToken);
        if (export is null)
        {
            return; // already built, or failed and asked again
        }

        var started = Stopwatch.GetTimestamp();
        await db.DataExportChunks.Where(c => c.ExportId == exportId).ExecuteDeleteAsync(cancellationToken); // a rerun starts over
        long size;
        var rows = 0;
        try
        {
            // The chunks are written through a context of their own: the parts hold a reader open on this one.
            await using var storage = scopes.CreateAsyncScope();
            var stream = new ChunkedExportStream(storage.ServiceProvider.GetRequiredService<AppDbContext>(), exportId);
            await using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
            {
                var archive = new ExportArchive(zip);
                await WriteReadmeAsync(archive, export.Locale, cancellationToken);
                foreach (var part in parts.OrderBy(p => p.FileName, StringComparer.Ordinal))
                {
                    await using var entry = await archive.CreateAsync(part.FileName, cancellationToken);
                    await using var json = new Utf8JsonWriter(entry, Json);
                    rows += await part.WriteAsync(export.UserId, json, cancellationToken);
                    await json.FlushAsync(cancellationToken);
                }

                foreach (var other in files.OrderBy(f => f.Path, StringComparer.Ordinal))
                {
                    rows += await other.WriteAsync(export.UserId, archive, cancellationToken);
                }
            }

            size = await stream.CompleteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, exportId);
            await db.DataExportChunks.Where(c => c.ExportId == exportId).ExecuteDeleteAsync(CancellationToken.None);
            export.Status = DataExportStatuses.Failed;
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        var now = time.GetUtcNow();
        export.Status = DataExportStatuses.Ready;
        export.ReadyAt = now;
        export.ExpiresAt = now.AddHours(options.Value.HoursAvailable);
        export.SizeBytes = size;
        var told = notifications.Stage(new NotificationDraft(export.UserId, NotificationKinds.ExportReady,
            Texts.Format(export.Locale, "Exports.Ready", options.Value.HoursAvailable), null, null, false));
        await db.SaveChangesAsync(cancellationToken);
        await notifications.PublishAsync([(export.UserId, told)], cancellationToken);
        var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogReady(logger, exportId, rows, size, milliseconds);
    }

    /// <summary>What the archive holds, file by file, in the person's language, and what it leaves out on purpose.</summary>
    private async Task WriteReadmeAsync(ExportArchive archive, string locale, CancellationToken cancellationToken)
    {
        var text = new StringBuilder()
            .Append("# ").Append(Texts.Get(locale, "Exports.Readme.Title")).Append("\n\n")
            .Append(Texts.Format(locale, "Exports.Readme.Intro", time.GetUtcNow().ToString("u", System.Globalization.CultureInfo.InvariantCulture)))
            .Append("\n\n## ").Append(Texts.Get(locale, "Exports.Readme.Files")).Append("\n\n");
        text.Append("- `README.md`: ").Append(Texts.Get(locale, "Exports.File.Readme")).Append('\n');
        foreach (var part in parts.OrderBy(p => p.FileName, StringComparer.Ordinal))
        {
            text.Append("- `").Append(part.FileName).Append("`: ").Append(Texts.Get(locale, part.DescriptionKey)).Append('\n');
        }

        foreach (var other in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append("- `").Append(other.Path).Append("`: ").Append(Texts.Get(locale, other.DescriptionKey)).Append('\n');
        }

        text.Append("\n## ").Append(Texts.Get(locale, "Exports.Readme.LeftOutTitle")).Append("\n\n")
            .Append(Texts.Get(locale, "Exports.Readme.LeftOut")).Append("\n\n")
            .Append(Texts.Get(locale, "Exports.Readme.Formats")).Append('\n');
        await using var readme = await archive.CreateAsync("README.md", cancellationToken);
        await readme.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} ready: {Rows} row(s), {Bytes} bytes, in {Milliseconds} ms")]
    private static partial void LogReady(ILogger logger, Guid exportId, int rows, long bytes, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {ExportId} failed; the person can ask again")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid exportId);
}

internal static class ExportsRegistration
{
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddValidatedOptions<ExportOptions, ExportOptions.Validator>(ExportOptions.Section);
        services.AddScoped<DataExportService>();
        services.AddScoped<DataExportJob>();
        services.AddScoped<IExpiringData, DataExportExpiry>();
        return services;
    }
}
