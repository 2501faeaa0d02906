namespace PersonalAssistant.Server.Common.Threading;

/// <summary>
/// A lock one holder at a time, waited for asynchronously, where a waiter from a normal thread goes before every waiter
/// from a <see cref="BackgroundPriorityScheduler"/> thread: a request then waits at most for the holder, not for a queue
/// of background work that arrived first. Waiters of the same kind are served in order. Background waiters run when
/// no normal one waits, so they wait longer only while requests keep the lock busy.
/// </summary>
internal sealed class PriorityGate
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _normal = new();
    private readonly Queue<TaskCompletionSource> _background = new();
    private bool _held;

    /// <summary>
    /// Completes when the caller holds the gate. A wait that has to queue completes on the thread pool, not on the
    /// caller's scheduler: whoever holds the gate must not wait for a low-priority thread to be scheduled.
    /// </summary>
    public Task WaitAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (BackgroundPriorityScheduler.OnBackgroundThread ? _background : _normal).Enqueue(waiter);
        }

        return cancellationToken.CanBeCanceled ? WaitCancellableAsync(waiter, cancellationToken) : waiter.Task;
    }

    /// <summary>Blocks the calling thread until it holds the gate (the synchronous <c>SaveChanges</c>).</summary>
    public void Wait() => WaitAsync().GetAwaiter().GetResult();

    /// <summary>Hands the gate to the next waiter, normal ones first, or frees it.</summary>
    public void Release()
    {
        while (true)
        {
            TaskCompletionSource? next;
            lock (_lock)
            {
                if (!_normal.TryDequeue(out next) && !_background.TryDequeue(out next))
                {
                    _held = false;
                    return;
                }
            }

            if (next.TrySetResult())
            {
                return;
            }

            // that waiter was cancelled: the next one
        }
    }

    private static async Task WaitCancellableAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetCanceled(), waiter))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }
}
