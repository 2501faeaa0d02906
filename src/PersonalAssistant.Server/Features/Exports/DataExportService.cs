using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Exports;

/// <summary>
/// A person's exports of their own data (ADR 0020): asking for one (one in progress at a time, <see cref="ExportOptions.PerDay"/>
/// a day), reading where it stands, and downloading it once, within <see cref="ExportOptions.HoursAvailable"/> hours of
/// being ready. Another person's export is not found. The archive is built by <see cref="DataExportJob"/>.
/// </summary>
internal sealed partial class DataExportService(
    AppDbContext db, IBackgroundJobClient jobs, TimeProvider time, IOptions<ExportOptions> options, ILogger<DataExportService> logger)
{
    /// <summary>Hours a ready export can be downloaded (the privacy page says so).</summary>
    public int HoursAvailable => options.Value.HoursAvailable;

    /// <summary>Requests (not archives: those go at download or expiry) are listed and kept this many days.</summary>
    public const int KeptDays = 30;

    private const int Listed = 20;

    public async Task<Outcome<DataExportResponse>> RequestAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var now = time.GetUtcNow();
        var mine = db.DataExports.AsNoTracking().Where(e => e.UserId == person.UserId);
        if (await mine.AnyAsync(e => e.Status == DataExportStatuses.Pending, cancellationToken))
        {
            return InProgress(person);
        }

        var dayAgo = now.AddDays(-1);
        var recent = await mine.Where(e => e.RequestedAt > dayAgo).OrderBy(e => e.RequestedAt).Select(e => e.RequestedAt).ToListAsync(cancellationToken);
        if (recent.Count >= options.Value.PerDay)
        {
            // the window frees a place when the oldest request in it is a day old
            return Failure.TooMany(person.Locale, recent[^options.Value.PerDay].AddDays(1) - now);
        }

        var export = new DataExport { UserId = person.UserId, Locale = person.Locale, RequestedAt = now };
        db.DataExports.Add(export);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return InProgress(person); // a second request at the same moment
        }

        jobs.Enqueue<DataExportJob>(job => job.BuildAsync(export.Id, CancellationToken.None));
        LogRequested(logger, export.Id);
        return Describe(export, now);
    }

    public async Task<Outcome<DataExportResponse>> GetAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var export = await db.DataExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.UserId == person.UserId, cancellationToken);
        return export is null ? NotFound(person) : Describe(export, time.GetUtcNow());
    }

    /// <summary>The person's exports of the last <see cref="KeptDays"/> days, newest first.</summary>
    public async Task<IReadOnlyList<DataExportResponse>> ListAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var now = time.GetUtcNow();
        var exports = await db.DataExports.AsNoTracking().Where(e => e.UserId == person.UserId)
            .OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.Id).Take(Listed).ToListAsync(cancellationToken);
        return [.. exports.Select(e => Describe(e, now))];
    }

    /// <summary>
    /// Claims the archive for its one download (two downloads at once: one wins) and answers how to write it out; the
    /// chunks are deleted once it is written. A download cut off halfway gives the archive back for another try.
    /// </summary>
    public async Task<Outcome<DataExportDownload>> DownloadAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var now = time.GetUtcNow();
        var export = await db.DataExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.UserId == person.UserId, cancellationToken);
        if (export is null)
        {
            return NotFound(person);
        }

        if (export.Status == DataExportStatuses.Pending)
        {
            return Failure.Conflict(person.Locale, "Exports.NotReady.Title", "Exports.NotReady.Detail");
        }

        var claimed = await db.DataExports
            .Where(e => e.Id == id && e.UserId == person.UserId && e.Status == DataExportStatuses.Ready && e.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, DataExportStatuses.Downloaded).SetProperty(e => e.DownloadedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return Failure.Gone(person.Locale, "Exports.Gone.Title", "Exports.Gone.Detail");
        }

        var fileName = $"personal-data-{export.RequestedAt.UtcDateTime:yyyy-MM-dd}.zip";
        return new DataExportDownload(fileName, export.SizeBytes, (body, token) => WriteOutAsync(id, body, token));
    }

    private async Task WriteOutAsync(Guid id, Stream body, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var data in db.DataExportChunks.AsNoTracking().Where(c => c.ExportId == id).OrderBy(c => c.Index).Select(c => c.Data)
                               .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await body.WriteAsync(data, cancellationToken);
            }

            await body.FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            await db.DataExports.Where(e => e.Id == id && e.Status == DataExportStatuses.Downloaded)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, DataExportStatuses.Ready).SetProperty(e => e.DownloadedAt, (DateTimeOffset?)null),
                    CancellationToken.None);
            LogDownloadCut(logger, id);
            throw;
        }

        var chunks = await db.DataExportChunks.Where(c => c.ExportId == id).ExecuteDeleteAsync(CancellationToken.None);
        LogDownloaded(logger, id, chunks);
    }

    private static DataExportResponse Describe(DataExport e, DateTimeOffset now) =>
        new(e.Id, e.Status == DataExportStatuses.Ready && e.ExpiresAt <= now ? DataExportStatuses.Expired : e.Status,
            e.RequestedAt, e.ReadyAt, e.ExpiresAt, e.SizeBytes, e.DownloadedAt);

    private static Failure InProgress(PersonNow person) => Failure.Conflict(person.Locale, "Exports.InProgress.Title", "Exports.InProgress.Detail");

    private static Failure NotFound(PersonNow person) => Failure.NotFound(person.Locale, "Exports.NotFound");

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} requested")]
    private static partial void LogRequested(ILogger logger, Guid exportId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} downloaded; {Chunks} chunk(s) deleted")]
    private static partial void LogDownloaded(ILogger logger, Guid exportId, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {ExportId}: the download was cut off; it can be downloaded again")]
    private static partial void LogDownloadCut(ILogger logger, Guid exportId);
}
