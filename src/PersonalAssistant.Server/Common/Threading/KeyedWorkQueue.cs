namespace PersonalAssistant.Server.Common.Threading;

/// <summary>
/// Runs work side by side, at most <c>workers</c> items at a time, and in arrival order per key: a key's items never
/// overlap and never wait behind another key's. (Fixed lanes chosen by a hash of the key, which this replaces, put
/// two busy keys in one lane as soon as there are about as many keys as lanes, and one of them then waits for the other
/// while a lane sits idle.) Items of a key that is not busy start as soon as a worker is free; the wait for a worker is
/// first come, first served. Items start on the thread pool, or, given a name for them, on low-priority threads of the
/// queue's own (<see cref="BackgroundPriorityScheduler"/>, one per worker). <see cref="StopAsync"/> cancels the token the items are given and
/// waits for the running ones; items not started by then are dropped (their callers' records are durable).
/// </summary>
internal sealed class KeyedWorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, Task> _tails = [];
    private readonly SemaphoreSlim _workers;
    private readonly BackgroundPriorityScheduler? _threads;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken; // usable after the source is disposed
    private int _disposed;

    public KeyedWorkQueue(int workers, string? lowPriorityThreads = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = new SemaphoreSlim(workers, workers);
        _stoppingToken = _stopping.Token;
        _threads = lowPriorityThreads is null ? null : new BackgroundPriorityScheduler(lowPriorityThreads, workers);
    }

    /// <summary>Keys with work queued or running.</summary>
    public int BusyKeys
    {
        get
        {
            lock (_lock)
            {
                return _tails.Count;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="work"/> after the key's earlier items; the task completes when it has run (or was dropped
    /// because the queue stopped). A failure of the work is the caller's to handle inside it: it is not observed here.
    /// </summary>
    public Task Enqueue(TKey key, Func<CancellationToken, Task> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task before;
        lock (_lock)
        {
            before = _tails.GetValueOrDefault(key) ?? Task.CompletedTask;
            _tails[key] = done.Task;
        }

        _ = RunAsync(key, before, work, done);
        return done.Task;
    }

    /// <summary>
    /// Cancels the items' token and waits for the queued and running items to end (or for <paramref name="cancellationToken"/>).
    /// A host may stop (and dispose) its services more than once: both are safe to repeat.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        Task[] running;
        lock (_lock)
        {
            running = [.. _tails.Values];
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _stopping.Dispose();
        _workers.Dispose();
        _threads?.Dispose();
    }

    private async Task RunAsync(TKey key, Task before, Func<CancellationToken, Task> work, TaskCompletionSource done)
    {
        var stopping = _stoppingToken;
        try
        {
            await before; // never faults: it is another RunAsync's completion source
            await _workers.WaitAsync(stopping);
            try
            {
                // never on the caller's thread: whoever queued (a request) goes on at once
                await (_threads is null ? Task.Run(() => work(stopping), stopping) : _threads.Run(() => work(stopping)));
            }
            finally
            {
                _workers.Release();
            }
        }
#pragma warning disable CA1031 // the work handles its own failures; a leak here must not stop the key's later items
        catch (Exception)
#pragma warning restore CA1031
        {
            // stopping (the wait or the work was cancelled), or a failure the work did not handle
        }
        finally
        {
            lock (_lock)
            {
                if (_tails.TryGetValue(key, out var tail) && tail == done.Task)
                {
                    _tails.Remove(key);
                }
            }

            done.SetResult();
        }
    }
}
