namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>Waits for work the host does on its own (a queue's lanes, a hosted loop) to show a result.</summary>
internal static class Eventually
{
    /// <summary>
    /// Reads <paramref name="read"/> until <paramref name="done"/> holds, for up to 30 seconds (generous: the work is
    /// normally done in milliseconds; a slow machine must not fail the test), and answers the last value read.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = await read();
        }

        return value;
    }
}
