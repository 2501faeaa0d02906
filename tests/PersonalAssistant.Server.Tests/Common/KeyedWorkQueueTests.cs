using PersonalAssistant.Server.Common.Threading;

namespace PersonalAssistant.Server.Tests.Common;

public sealed class KeyedWorkQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AKeysItems_RunOneAtATime_InTheOrderTheyCame()
    {
        using var queue = new KeyedWorkQueue<string>(4);
        var first = new TaskCompletionSource();
        var order = new List<int>();
        var ranBeforeTheFirstEnded = false;

        var one = queue.Enqueue("ann", async _ =>
        {
            await first.Task;
            order.Add(1);
        });
        var two = queue.Enqueue("ann", _ =>
        {
            ranBeforeTheFirstEnded |= !one.IsCompleted && order.Count == 0; // workers are free: only the key's order holds it
            order.Add(2);
            return Task.CompletedTask;
        });
        var three = queue.Enqueue("ann", _ =>
        {
            order.Add(3);
            return Task.CompletedTask;
        });

        Assert.False(two.IsCompleted);
        first.SetResult();
        await Task.WhenAll(one, two, three).WaitAsync(Patience);

        Assert.False(ranBeforeTheFirstEnded);
        Assert.Equal([1, 2, 3], order);
        Assert.Equal(0, queue.BusyKeys);
    }

    [Fact]
    public async Task AnotherKey_NeverWaitsBehindABusyOne()
    {
        // With one fixed lane per worker, two of sixteen keys share a lane more often than not; here none waits.
        using var queue = new KeyedWorkQueue<int>(16);
        var held = new TaskCompletionSource();
        var started = Enumerable.Range(0, 16).Select(_ => new TaskCompletionSource()).ToArray();

        var blocked = queue.Enqueue(0, async _ =>
        {
            started[0].SetResult();
            await held.Task;
        });
        var others = Enumerable.Range(1, 15).Select(key => queue.Enqueue(key, _ =>
        {
            started[key].SetResult();
            return Task.CompletedTask;
        })).ToList();

        await Task.WhenAll(others).WaitAsync(Patience);
        Assert.All(started, s => Assert.True(s.Task.IsCompleted));
        Assert.False(blocked.IsCompleted);
        held.SetResult();
        await blocked.WaitAsync(Patience);
    }

    [Fact]
    public async Task NoMoreThanTheWorkers_RunAtOnce()
    {
        using var queue = new KeyedWorkQueue<int>(2);
        using var gate = new SemaphoreSlim(0);
        var twoRunning = new TaskCompletionSource();
        var running = 0;
        var most = 0;
        var items = Enumerable.Range(0, 12).Select(key => queue.Enqueue(key, async _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            if (now == 2)
            {
                twoRunning.TrySetResult();
            }

            await gate.WaitAsync(CancellationToken.None);
            Interlocked.Decrement(ref running);
        })).ToList();

        await twoRunning.Task.WaitAsync(Patience); // two hold their workers; the ten others wait for one
        gate.Release(12);
        await Task.WhenAll(items).WaitAsync(Patience);

        Assert.Equal(2, most);
    }

    [Fact]
    public async Task AFailingItem_DoesNotStopTheKeysNextOnes()
    {
        using var queue = new KeyedWorkQueue<string>(1);
        var ran = false;

        var failing = queue.Enqueue("ann", _ => throw new InvalidOperationException("boom"));
        var next = queue.Enqueue("ann", _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        await Task.WhenAll(failing, next).WaitAsync(Patience);
        Assert.True(ran);
    }

    [Fact]
    public async Task Stopping_CancelsTheRunningItem_AndDropsTheQueuedOnes()
    {
        using var queue = new KeyedWorkQueue<string>(1);
        var cancelled = false;
        var queuedRan = false;
        var started = new TaskCompletionSource();

        var running = queue.Enqueue("ann", async stopping =>
        {
            started.SetResult();
            try
            {
                await new TaskCompletionSource().Task.WaitAsync(stopping); // until the queue stops
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
        });
        var queued = queue.Enqueue("bob", _ =>
        {
            queuedRan = true;
            return Task.CompletedTask;
        });
        await started.Task.WaitAsync(Patience);

        await queue.StopAsync(CancellationToken.None);

        Assert.True(cancelled);
        Assert.True(running.IsCompleted && queued.IsCompleted);
        Assert.False(queuedRan);
    }

    [Fact]
    public async Task OnLowPriorityThreads_ItemsRunOnThem()
    {
        using var queue = new KeyedWorkQueue<string>(2, "test lane");
        var onBackground = false;

        await queue.Enqueue("ann", async _ =>
        {
            await Task.Yield();
            onBackground = BackgroundPriorityScheduler.OnBackgroundThread;
        }).WaitAsync(Patience);

        Assert.True(onBackground);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
