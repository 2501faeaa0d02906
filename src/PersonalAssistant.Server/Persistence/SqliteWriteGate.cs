using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

using PersonalAssistant.Server.Common.Threading;

namespace PersonalAssistant.Server.Persistence;

/// <summary>
/// SQLite takes one writer at a time. When a second connection finds the database locked, Microsoft.Data.Sqlite
/// retries by putting the thread to sleep for 150 ms at a time, so sixteen chat turns writing at once waited
/// hundreds of milliseconds each (scripts/bench-chat.sh: p50 310 ms, p99 4 s) while the cores were idle. This
/// host's writes queue here instead, without a thread: each <c>SaveChanges</c> (and each standalone
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>) waits its turn asynchronously, then finds the database free; a write from
/// a request goes before the queued writes of low-priority background threads (<see cref="PriorityGate"/>). Writers
/// from elsewhere (another process, an explicit transaction) are still possible, so every connection also gets
/// SQLite's own busy handler, which waits in steps of a few milliseconds instead of 150, and the configured
/// <c>synchronous</c> setting (<see cref="DatabaseOptions.SqliteSynchronous"/>: with <c>Full</c>, each commit waits for
/// the disk, and the commits of sixteen turns queue behind each other). The write-ahead log is checkpointed by
/// <see cref="SqliteCheckpointer"/>, not by whichever commit fills it: SQLite's automatic checkpoint runs inside that
/// commit, holding the gate and the writer that made it (a webhook's insert waited for the disk).
/// </summary>
internal sealed class SqliteWriteGate(string connectionString, string synchronous) : ISaveChangesInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor, IDisposable
{
    /// <summary>Gated writes between two checkpoints: SQLite's own default (1,000 pages) is reached after a few hundred small writes.</summary>
    internal const int WritesPerCheckpoint = 100;

    /// <summary>How long SQLite's own busy handler waits for a lock before the statement fails.</summary>
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly PriorityGate _gate = new();

    private readonly SemaphoreSlim _checkpointDue = new(0, 1);

    private int _writes;

    /// <summary>The contexts inside a gated <c>SaveChanges</c>, and the commands that hold the gate themselves.</summary>
    private readonly ConditionalWeakTable<object, object> _holders = [];

    private static readonly object Held = new();

    /// <summary>The native connections already set up (a pooled connection keeps its handle and its settings).</summary>
    private readonly ConditionalWeakTable<object, object> _prepared = [];

    private readonly string _pragma = $"PRAGMA synchronous={(string.Equals(synchronous, "Full", StringComparison.OrdinalIgnoreCase) ? "FULL" : "NORMAL")};";

    /// <summary>The database file this gate guards (for the checkpointer's own connection).</summary>
    public string ConnectionString { get; } = connectionString;

    public void Dispose() => _checkpointDue.Dispose();

    /// <summary>Completes when enough writes have gone into the write-ahead log since the last checkpoint.</summary>
    public Task CheckpointDueAsync(CancellationToken cancellationToken) => _checkpointDue.WaitAsync(cancellationToken);

    // --- SaveChanges: one at a time (an explicit transaction already holds SQLite's lock: no gate inside it)

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null && context.ChangeTracker.HasChanges())
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false); // a queued wait ends on the pool
            await BackgroundPriorityScheduler.ToNormalPriority(); // every writer waits for the holder: it must not be slowed
            _holders.AddOrUpdate(context, Held);
        }

        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null && context.ChangeTracker.HasChanges())
        {
            _gate.Wait();
            _holders.AddOrUpdate(context, Held);
        }

        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Leave(eventData?.Context);
        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Leave(eventData?.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData?.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Leave(eventData?.Context);

    // --- A write outside SaveChanges (ExecuteUpdate, ExecuteDelete, raw SQL): the gate around that one statement

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Standalone(command, eventData))
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            await BackgroundPriorityScheduler.ToNormalPriority();
            _holders.AddOrUpdate(command, Held);
        }

        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (Standalone(command, eventData))
        {
            _gate.Wait();
            _holders.AddOrUpdate(command, Held);
        }

        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(command);
        return result;
    }

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(command);

    // --- Every connection: SQLite's busy handler (a native setting of the open handle, no statement)

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare(connection);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare(connection);
        return Task.CompletedTask;
    }

    private void Prepare(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !_prepared.TryGetValue(handle, out _))
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds);
            SQLitePCL.raw.sqlite3_wal_autocheckpoint(handle, 0);
            SQLitePCL.raw.sqlite3_exec(handle, _pragma);
            _prepared.AddOrUpdate(handle, Held);
        }
    }

    private bool Standalone(DbCommand command, CommandEventData eventData) =>
        command.Transaction is null && eventData.Context is { } context && context.Database.CurrentTransaction is null
        && !_holders.TryGetValue(context, out _) && !command.CommandText.TrimStart().StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase);

    private void Leave(object? holder)
    {
        if (holder is not null && _holders.Remove(holder))
        {
            _gate.Release();
            if (Interlocked.Increment(ref _writes) % WritesPerCheckpoint == 0 && _checkpointDue.CurrentCount == 0)
            {
                try
                {
                    _checkpointDue.Release();
                }
                catch (SemaphoreFullException)
                {
                    // already due
                }
            }
        }
    }
}
