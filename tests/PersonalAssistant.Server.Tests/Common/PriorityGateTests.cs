using PersonalAssistant.Server.Common.Threading;

namespace PersonalAssistant.Server.Tests.Common;

public sealed class PriorityGateTests
{
    [Fact]
    public async Task OneHolderAtATime_TheNextWaiterGetsItOnRelease()
    {
        var gate = new PriorityGate();

        Assert.True(gate.WaitAsync().IsCompletedSuccessfully);
        var second = gate.WaitAsync();
        Assert.False(second.IsCompleted);

        gate.Release();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Release();

        Assert.True(gate.WaitAsync().IsCompletedSuccessfully); // free again
    }

    [Fact]
    public async Task ANormalWaiter_GoesBeforeBackgroundWaitersThatCameFirst_AndEachKindKeepsItsOrder()
    {
        using var lanes = new BackgroundPriorityScheduler("test lane", 1);
        var gate = new PriorityGate();
        await gate.WaitAsync();

        Task firstBackground = Task.CompletedTask, secondBackground = Task.CompletedTask;
        await lanes.Run(() =>
        {
            firstBackground = gate.WaitAsync();
            secondBackground = gate.WaitAsync();
            return Task.CompletedTask;
        });
        var firstNormal = gate.WaitAsync();
        var secondNormal = gate.WaitAsync();

        var waiting = new Dictionary<Task, string>
        {
            [firstBackground] = "background 1",
            [secondBackground] = "background 2",
            [firstNormal] = "normal 1",
            [secondNormal] = "normal 2",
        };
        var order = new List<string>();
        while (waiting.Count > 0)
        {
            gate.Release(); // to exactly one waiter, which then holds the gate until the next turn
            var winner = await Task.WhenAny(waiting.Keys).WaitAsync(TimeSpan.FromSeconds(10));
            order.Add(waiting[winner]);
            waiting.Remove(winner);
        }

        Assert.Equal(["normal 1", "normal 2", "background 1", "background 2"], order);
    }

    [Fact]
    public async Task ACancelledWaiter_LeavesTheQueue_AndTheGatePassesToTheNext()
    {
        var gate = new PriorityGate();
        await gate.WaitAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.WaitAsync(cancel.Token);
        var next = gate.WaitAsync();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(next.IsCompleted);

        gate.Release();
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(gate.WaitAsync().IsCompleted); // next holds it
    }
}
