using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PersonalAssistant.Server.Common.Threading;

/// <summary>
/// Runs background work on threads of its own that the operating system schedules after request threads: on Linux each
/// thread lowers its own priority (nice 10, which needs no privilege), so when the processor is busy a webhook or a page
/// is served first and the background work takes what is left. Work started on it (<see cref="Run"/>) stays on it across
/// its awaits, as the app's code does not leave the current scheduler (no <c>ConfigureAwait(false)</c>); library code
/// that does continues on the thread pool. Elsewhere than Linux the threads simply run at normal priority.
/// </summary>
internal sealed class BackgroundPriorityScheduler : TaskScheduler, IDisposable
{
    private const int Nice = 10;

    [ThreadStatic]
    private static bool _onBackgroundThread;

    private readonly BlockingCollection<Task> _tasks = [];
    private readonly Thread[] _threads;

    public BackgroundPriorityScheduler(string name, int threads)
    {
        _threads = [.. Enumerable.Range(0, Math.Max(1, threads)).Select(i => new Thread(Work) { IsBackground = true, Name = $"{name} {i + 1}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Whether the calling thread is one of these low-priority threads.</summary>
    public static bool OnBackgroundThread => _onBackgroundThread;

    /// <summary>
    /// Continues on a thread-pool thread when called on one of these threads, at once otherwise: for work that others
    /// wait on (holding a database's write lock), which must not run at low priority while normal threads wait for it.
    /// The caller's own later awaits come back to this scheduler.
    /// </summary>
    public static ThreadPoolHop ToNormalPriority() => new(_onBackgroundThread);

    /// <summary>Starts <paramref name="work"/> on these threads; its continuations come back to them.</summary>
    public Task Run(Func<Task> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    public void Dispose()
    {
        _tasks.CompleteAdding();
        _tasks.Dispose();
    }

    protected override void QueueTask(Task task) => _tasks.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Array.IndexOf(_threads, Thread.CurrentThread) >= 0 && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _tasks];

    private void Work()
    {
        _onBackgroundThread = true;
        if (OperatingSystem.IsLinux())
        {
            _ = SetPriority(0 /* PRIO_PROCESS: on Linux, with a thread id, that thread only */, GetThreadId(), Nice);
        }

        try
        {
            foreach (var task in _tasks.GetConsumingEnumerable())
            {
                TryExecuteTask(task);
            }
        }
        catch (ObjectDisposedException)
        {
            // disposed while stopping
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();
}

/// <summary>An await that moves to the thread pool when <see cref="IsCompleted"/> is false (see <see cref="BackgroundPriorityScheduler.ToNormalPriority"/>).</summary>
internal readonly struct ThreadPoolHop(bool hop) : ICriticalNotifyCompletion
{
    public bool IsCompleted => !hop;

    public ThreadPoolHop GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static next => next(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static next => next(), continuation, preferLocal: false);
}
