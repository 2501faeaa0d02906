namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>
/// The system clock, moved forward on demand. Timers still fire in real time, so code that reads the time on each
/// tick sees the jump at its next tick: a test can let an access token "expire" without waiting for it.
/// </summary>
public sealed class AdvancingClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
