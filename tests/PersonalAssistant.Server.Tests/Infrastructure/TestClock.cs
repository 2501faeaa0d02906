using Microsoft.Extensions.Time.Testing;

namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>
/// The test host's <see cref="TimeProvider"/> (<see cref="AssistantApp.Clock"/>). Both kinds move forward when a test
/// calls <see cref="Advance"/>:
/// <list type="bullet">
/// <item><see cref="Frozen"/> (the default) starts at <see cref="AssistantApp.Start"/> and does not move by itself: a
/// <see cref="FakeTimeProvider"/>, whose timers fire when an advance passes their due time. "Today" cannot change
/// under a test.</item>
/// <item><see cref="Running"/> is the real clock plus the advances: for hosts that serve SignalR connections. The hub
/// server reads the injected clock for its keep-alive pings and handshake timeout, and the client (on real time)
/// drops a connection that hears no ping for 30 seconds, which a frozen clock never sends; and SignalR closes a
/// connection whose token expiry has passed by the system clock (<c>CloseOnAuthenticationExpiration</c>), so the
/// host must issue tokens on real time. Its timestamps (elapsed-time measurements) stay real, so an advance does not
/// look like a silent client; its timers fire in real time and see the jump at their next tick. Tests on such a
/// host never depend on the date.</item>
/// </list>
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly FakeTimeProvider? _frozen;
    private long _offsetTicks;

    private TestClock(FakeTimeProvider? frozen, TimeSpan offset)
    {
        _frozen = frozen;
        _offsetTicks = offset.Ticks;
    }

    public static TestClock Frozen(DateTimeOffset start) => new(new FakeTimeProvider(start), TimeSpan.Zero);

    public static TestClock Running() => new(null, TimeSpan.Zero);

    public bool IsFrozen => _frozen is not null;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => _frozen?.TimestampFrequency ?? base.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() =>
        _frozen?.GetUtcNow() ?? base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() => _frozen?.GetTimestamp() ?? base.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _frozen?.CreateTimer(callback, state, dueTime, period) ?? base.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward (a frozen clock also fires the timers that fall due).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        if (_frozen is not null)
        {
            _frozen.Advance(by);
        }
        else
        {
            Interlocked.Add(ref _offsetTicks, by.Ticks);
        }
    }
}
