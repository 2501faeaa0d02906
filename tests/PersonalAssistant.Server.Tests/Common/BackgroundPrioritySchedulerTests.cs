using System.Globalization;
using PersonalAssistant.Server.Common.Threading;

namespace PersonalAssistant.Server.Tests.Common;

public sealed class BackgroundPrioritySchedulerTests
{
    [Fact]
    public async Task Work_RunsOnItsThreads_AtLowPriority_AndComesBackThereAfterAwaits()
    {
        using var scheduler = new BackgroundPriorityScheduler("test lane", 1);
        var seen = new List<(string? Thread, int? Nice)>();

        await scheduler.Run(async () =>
        {
            seen.Add((Thread.CurrentThread.Name, NiceOfThisThread()));
            await Task.Run(() => { }); // completes on a pool thread; the continuation must come back to the lane
            seen.Add((Thread.CurrentThread.Name, NiceOfThisThread()));
        });

        Assert.Equal(2, seen.Count);
        Assert.All(seen, s => Assert.Equal("test lane 1", s.Thread));
        if (OperatingSystem.IsLinux())
        {
            Assert.All(seen, s => Assert.Equal(10, s.Nice));
        }
    }

    [Fact]
    public async Task ToNormalPriority_MovesOffTheLaneThread_OnlyFromALaneThread()
    {
        using var scheduler = new BackgroundPriorityScheduler("test lane", 1);
        string? afterHop = "not run";
        int? niceAfterHop = null;

        await scheduler.Run(async () =>
        {
            await HoldAWriteLockAsync();
        });

        Assert.NotEqual("test lane 1", afterHop);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(0, niceAfterHop);
        }

        // on any other thread it continues at once, where it is
        var before = Environment.CurrentManagedThreadId;
        var hop = BackgroundPriorityScheduler.ToNormalPriority();
        Assert.True(hop.IsCompleted);
        await hop;
        Assert.Equal(before, Environment.CurrentManagedThreadId);

        async Task HoldAWriteLockAsync()
        {
            await BackgroundPriorityScheduler.ToNormalPriority();
            afterHop = Thread.CurrentThread.Name;
            niceAfterHop = NiceOfThisThread();
        }
    }

    /// <summary>The thread's nice value, from /proc (field 19 of the thread's stat line); null elsewhere than Linux.</summary>
    private static int? NiceOfThisThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var stat = File.ReadAllText($"/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture); // fields after "(comm) ": state is 3, nice is 19
    }
}
