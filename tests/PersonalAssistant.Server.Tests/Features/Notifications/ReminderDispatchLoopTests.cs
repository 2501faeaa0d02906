using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Notifications;

/// <summary>
/// The host's own dispatch loop (no direct pass): a reminder falls due when the clock moves, and the person's open
/// connection gets the notification event within the loop's period.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class ReminderDispatchLoopTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().WithRunningClock();

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task DueReminder_ReachesThePersonsConnection_WithinFiveSeconds()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(client.BaseAddress!, "/hubs/assistant"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken))
            .Build();
        connection.On<JsonElement>("notification", message => received.TrySetResult(message));
        await connection.StartAsync();

        var when = _app.Clock.GetUtcNow().AddMinutes(10).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text = "leave for the bus", when });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        _app.Clock.Advance(TimeSpan.FromMinutes(10)); // within the access token's 15 minutes: the connection stays open
        var arrived = await Task.WhenAny(received.Task, Task.Delay(TimeSpan.FromSeconds(5))) == received.Task;
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.True(arrived, $"no notification event within 5 seconds; listed: {listed}");
        var notification = await received.Task;

        Assert.Equal(id, notification.GetProperty("reminderId").GetGuid());
        Assert.Equal("Reminder: leave for the bus", notification.GetProperty("text").GetString());
        Assert.False(notification.GetProperty("late").GetBoolean());
        Assert.Equal(notification.GetProperty("id").GetGuid(), Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }
}
