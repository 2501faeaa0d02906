using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>A real SignalR client on <c>/hubs/assistant</c> that counts the turn events it gets and notes when the server closes it.</summary>
internal sealed class HubListener : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<JsonElement> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _events;

    private HubListener(HubConnection connection)
    {
        _connection = connection;
        foreach (var name in new[] { "turnStarted", "textDelta", "actionTaken", "turnCompleted" })
        {
            _connection.On<JsonElement>(name, message =>
            {
                Interlocked.Increment(ref _events);
                if (name == "turnCompleted")
                {
                    _completed.TrySetResult(message);
                }
            });
        }

        _connection.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>Turn events received so far.</summary>
    public int Events => Volatile.Read(ref _events);

    public Task<JsonElement> TurnCompleted => _completed.Task;

    public static async Task<HubListener> ConnectAsync(AssistantApp app, string accessToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        var url = new Uri(client.BaseAddress!, "/hubs/assistant");
        var listener = new HubListener(new HubConnectionBuilder()
            .WithUrl(url, options => options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken))
            .Build());
        await listener._connection.StartAsync();
        Assert.Equal(HubConnectionState.Connected, listener._connection.State);
        return listener;
    }

    /// <summary>The bound: the server closes the connection within 5 seconds of the session ending.</summary>
    public async Task AssertClosedWithinFiveSecondsAsync()
    {
        try
        {
            await _closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            Assert.Fail("The hub connection was still open 5 seconds after its session ended.");
        }

        Assert.Equal(HubConnectionState.Disconnected, _connection.State);
    }

    public void AssertOpen() => Assert.Equal(HubConnectionState.Connected, _connection.State);

    /// <summary>
    /// Sends a message as <paramref name="speaker"/> and waits until <paramref name="live"/> gets the whole turn; by
    /// then <paramref name="closed"/> would have had its events too, so it must have none.
    /// </summary>
    public static async Task AssertNewTurnReachesOnlyAsync(HttpClient speaker, HubListener live, HubListener closed)
    {
        ArgumentNullException.ThrowIfNull(speaker);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(closed);
        var before = closed.Events;
        var conversation = await Chat.StartAsync(speaker);
        using var accepted = await speaker.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { text = "water the plants on saturday" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        await live.TurnCompleted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(before, closed.Events);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
