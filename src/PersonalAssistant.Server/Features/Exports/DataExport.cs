using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Exports;

/// <summary>
/// A person's request for a copy of their data, and the archive once built. The archive itself lives in
/// <see cref="DataExportChunk"/> rows (replicas share no disk), deleted once it is downloaded or has expired.
/// </summary>
internal sealed class DataExport
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    /// <summary>One of <see cref="DataExportStatuses"/> as stored (<c>expired</c> is also answered for a ready one past its expiry).</summary>
    public string Status { get; set; } = DataExportStatuses.Pending;

    /// <summary>The language of the README, the person's at the time of the request.</summary>
    public string Locale { get; set; } = Locales.English;

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? ReadyAt { get; set; }

    /// <summary>Until when the archive can be downloaded (UTC).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? DownloadedAt { get; set; }

    /// <summary>The archive's size in bytes, once ready.</summary>
    public long? SizeBytes { get; set; }
}

/// <summary>Up to <see cref="DataExportConfiguration.ChunkBytes"/> bytes of an archive, in order of <see cref="Index"/>.</summary>
internal sealed class DataExportChunk
{
    public Guid ExportId { get; set; }

    public int Index { get; set; }

    public required byte[] Data { get; set; }
}

internal static class DataExportStatuses
{
    public const string Pending = "pending";
    public const string Ready = "ready";
    public const string Downloaded = "downloaded";
    public const string Expired = "expired";
    public const string Failed = "failed";
}

internal sealed class DataExportConfiguration : IEntityTypeConfiguration<DataExport>
{
    /// <summary>1 MiB: one row is one round trip, and a download holds one chunk in memory at a time.</summary>
    public const int ChunkBytes = 1024 * 1024;

    public void Configure(EntityTypeBuilder<DataExport> builder)
    {
        builder.ToTable("DataExports");
        builder.Property(e => e.Status).HasMaxLength(16);
        builder.Property(e => e.Locale).HasMaxLength(8);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.UserId, e.RequestedAt });
        // One export in progress per person, whoever asks at the same moment (the same SQL on SQLite and PostgreSQL).
        builder.HasIndex(e => e.UserId).IsUnique().HasFilter("\"Status\" = 'pending'").HasDatabaseName("IX_DataExports_UserId_Pending");
        builder.HasMany<DataExportChunk>().WithOne().HasForeignKey(c => c.ExportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DataExportChunkConfiguration : IEntityTypeConfiguration<DataExportChunk>
{
    public void Configure(EntityTypeBuilder<DataExportChunk> builder)
    {
        builder.ToTable("DataExportChunks");
        builder.HasKey(c => new { c.ExportId, c.Index });
    }
}
