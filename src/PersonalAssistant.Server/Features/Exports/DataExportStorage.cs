using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Exports;

/// <summary>
/// A write-only stream that stores what it is given as <see cref="DataExportChunk"/> rows of
/// <see cref="DataExportConfiguration.ChunkBytes"/>, one insert per full chunk, so an archive of any size is never held
/// in memory and every replica can serve it. Not seekable: <c>ZipArchive</c> in create mode writes sizes after each
/// entry instead. Its context must be its own (the parts read through another while it writes).
/// </summary>
internal sealed class ChunkedExportStream(AppDbContext db, Guid exportId) : Stream
{
    private readonly byte[] _buffer = new byte[DataExportConfiguration.ChunkBytes];
    private int _filled;
    private int _index;
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    /// <summary>Stores the last, partial chunk; returns the archive's size in bytes.</summary>
    public async Task<long> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            await StoreAsync(cancellationToken);
        }

        return _written;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var taken = Take(buffer);
            buffer = buffer[taken..];
            if (_filled == _buffer.Length)
            {
                // ZipArchive writes some of its records synchronously
                db.Add(NextChunk());
                db.SaveChanges();
                db.ChangeTracker.Clear();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var taken = Take(buffer.Span);
            buffer = buffer[taken..];
            if (_filled == _buffer.Length)
            {
                await StoreAsync(cancellationToken);
            }
        }
    }

    /// <summary>Chunks are stored when full (or at <see cref="CompleteAsync"/>), never smaller in between.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private int Take(ReadOnlySpan<byte> source)
    {
        var taken = Math.Min(source.Length, _buffer.Length - _filled);
        source[..taken].CopyTo(_buffer.AsSpan(_filled));
        _filled += taken;
        _written += taken;
        return taken;
    }

    private async Task StoreAsync(CancellationToken cancellationToken)
    {
        db.Add(NextChunk());
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private DataExportChunk NextChunk()
    {
        var chunk = new DataExportChunk { ExportId = exportId, Index = _index++, Data = _buffer.AsSpan(0, _filled).ToArray() };
        _filled = 0;
        return chunk;
    }
}

/// <summary>
/// The nightly retention job's part for exports: a ready archive past its window becomes expired; the chunks of expired,
/// downloaded and failed archives go; an export never finished within a day (its job lost) is failed; requests older
/// than <see cref="DataExportService.KeptDays"/> days go with their rows.
/// </summary>
internal sealed class DataExportExpiry(AppDbContext db) : IExpiringData
{
    public string Kind => "Exports";

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.DataExports.Where(e => e.Status == DataExportStatuses.Ready && e.ExpiresAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, DataExportStatuses.Expired), cancellationToken);
        var stale = now.AddDays(-1);
        await db.DataExports.Where(e => e.Status == DataExportStatuses.Pending && e.RequestedAt < stale)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, DataExportStatuses.Failed), cancellationToken);
        var chunks = await db.DataExportChunks
            .Where(c => db.DataExports.Any(e => e.Id == c.ExportId && e.Status != DataExportStatuses.Ready && e.Status != DataExportStatuses.Pending))
            .ExecuteDeleteAsync(cancellationToken);
        var old = now.AddDays(-DataExportService.KeptDays);
        var requests = await db.DataExports.Where(e => e.RequestedAt < old && e.Status != DataExportStatuses.Pending).ExecuteDeleteAsync(cancellationToken);
        return chunks + requests;
    }
}
