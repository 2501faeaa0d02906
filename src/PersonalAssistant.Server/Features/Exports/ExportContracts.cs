using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Exports;

/// <summary>A request for a copy of my data, and where it stands.</summary>
/// <param name="Id">The export's id.</param>
/// <param name="Status">pending (being built), ready (can be downloaded once), downloaded, expired (not downloaded in time) or failed (ask again).</param>
/// <param name="RequestedAt">When it was asked for (UTC).</param>
/// <param name="ReadyAt">When the archive was ready (UTC); null before.</param>
/// <param name="ExpiresAt">Until when it can be downloaded (UTC); null before it is ready.</param>
/// <param name="SizeBytes">The ZIP archive's size in bytes; null before it is ready.</param>
/// <param name="DownloadedAt">When it was downloaded (UTC); null until then.</param>
internal sealed record DataExportResponse(
    Guid Id,
    string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? ExpiresAt,
    long? SizeBytes,
    DateTimeOffset? DownloadedAt);

/// <summary>An archive claimed for download: its name and size, and how to write it out (once).</summary>
internal sealed record DataExportDownload(string FileName, long? SizeBytes, Func<Stream, CancellationToken, Task> WriteToAsync);

/// <summary>Personal-data exports (section <c>Exports</c>, ADR 0020).</summary>
internal sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Hours a ready archive can be downloaded (once) before it is deleted.</summary>
    public int HoursAvailable { get; set; } = 24;

    /// <summary>Exports a person may ask for in 24 hours (building one reads every row they have).</summary>
    public int PerDay { get; set; } = 3;

    internal sealed class Validator : IValidateOptions<ExportOptions>
    {
        public ValidateOptionsResult Validate(string? name, ExportOptions options)
        {
            var failures = new OptionsFailures();
            if (options.HoursAvailable is < 1 or > 168)
            {
                failures.Add("Exports:HoursAvailable", "must be between 1 and 168.");
            }

            if (options.PerDay is < 1 or > 100)
            {
                failures.Add("Exports:PerDay", "must be between 1 and 100.");
            }

            return failures.ToResult();
        }
    }
}
