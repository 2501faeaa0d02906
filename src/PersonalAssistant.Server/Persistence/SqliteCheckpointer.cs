using Microsoft.Data.Sqlite;

namespace PersonalAssistant.Server.Persistence;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file on a connection of its own, whenever
/// <see cref="SqliteWriteGate"/> says enough writes went in. A passive checkpoint waits for no reader or writer, so
/// the writes go on while it runs; a checkpoint that cannot finish (a long read in progress) is simply taken further
/// the next time. The nightly upkeep still truncates the log (<c>PRAGMA wal_checkpoint(TRUNCATE)</c>).
/// </summary>
internal sealed partial class SqliteCheckpointer(SqliteWriteGate writes, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private int _completed;

    /// <summary>Checkpoints that copied the whole log so far.</summary>
    public int Completed => Volatile.Read(ref _completed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // off the host's start
        await using var connection = new SqliteConnection(writes.ConnectionString);
        try
        {
            while (true)
            {
                await writes.CheckpointDueAsync(stoppingToken);
                try
                {
                    if (connection.State != System.Data.ConnectionState.Open)
                    {
                        await connection.OpenAsync(stoppingToken);
                    }

                    // Writes go on during a checkpoint: go again (over fewer frames each time) until the log is all copied, so
                    // the next writer can start the log over instead of letting it grow.
                    for (var round = 0; round < MaxRounds; round++)
                    {
                        if (await CheckpointAsync(connection, stoppingToken))
                        {
                            Interlocked.Increment(ref _completed);
                            break;
                        }

                        await Task.Yield();
                    }
                }
                catch (SqliteException exception)
                {
                    LogCheckpointFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Checkpoints in a row while writes keep coming; the next due checkpoint takes it further.</summary>
    private const int MaxRounds = 5;

    /// <summary>One passive checkpoint; true when every frame in the log is now in the database file.</summary>
    private static async Task<bool> CheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);"; // busy, frames in the log, frames copied
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return !await reader.ReadAsync(cancellationToken) || reader.GetInt64(2) >= reader.GetInt64(1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQLite write-ahead log could not be checkpointed; it is tried again after the next writes")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
