using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Push;

/// <summary>
/// The buttons of a push notification (done, snooze), posted by a service worker with the payload's action token, or by
/// the signed-in owner. The token is taken from the payload the fake push service decrypted; the delivery job is run
/// directly (the job server is off), as in <see cref="PushDeliveryTests"/>.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class NotificationActionTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false").With("Jobs:Workers", "0");
    private FakePushService _push = null!;

    public async Task InitializeAsync()
    {
        _push = await FakePushService.StartAsync();
        await ((IAsyncLifetime)_app).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _push.DisposeAsync();
    }

    [Fact]
    public async Task ActionToken_SnoozesThenCompletesTheReminder_WithoutSigningIn()
    {
        var (user, browser, reminderId) = await PushedReminderAsync("take the pills");
        var payload = Assert.Single(_push.Delivered(browser));
        var notificationId = payload.GetProperty("notificationId").GetGuid();
        var token = payload.GetProperty("actionToken").GetString();
        using var worker = _app.CreateClient();

        using (var snoozed = await worker.PostAsJsonAsync($"/api/v1/notifications/{notificationId}/actions", new { action = "snooze", minutes = 15, token }))
        {
            Assert.Equal(HttpStatusCode.NoContent, snoozed.StatusCode);
        }

        var reminder = await Dispatch.ReminderAsync(_app, user, reminderId);
        Assert.Equal("snoozed", reminder.GetProperty("status").GetString());
        Assert.Equal(_app.Clock.GetUtcNow().AddMinutes(15), reminder.GetProperty("nextAt").GetDateTimeOffset());
        Assert.NotEqual(JsonValueKind.Null, Assert.Single(await Dispatch.NotificationsAsync(_app, user)).GetProperty("readAt").ValueKind);

        using (var done = await worker.PostAsJsonAsync($"/api/v1/notifications/{notificationId}/actions", new { action = "done", token }))
        {
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        }

        Assert.Equal("acknowledged", (await Dispatch.ReminderAsync(_app, user, reminderId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ForgedMissingOrExpiredTokens_AreRefused_AndAnotherPersonsNotificationIsNotFound()
    {
        var (user, browser, reminderId) = await PushedReminderAsync("water the plants");
        var payload = Assert.Single(_push.Delivered(browser));
        var notificationId = payload.GetProperty("notificationId").GetGuid();
        var token = payload.GetProperty("actionToken").GetString()!;
        using var worker = _app.CreateClient();
        var path = $"/api/v1/notifications/{notificationId}/actions";

        using (var missing = await worker.PostAsJsonAsync(path, new { action = "done" }))
        {
            await missing.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var forged = (token[0] == 'A' ? "B" : "A") + token[1..];
        using (var refused = await worker.PostAsJsonAsync(path, new { action = "done", token = forged }))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        // a genuine token is for its own notification only
        using (var elsewhere = await worker.PostAsJsonAsync($"/api/v1/notifications/{Guid.NewGuid()}/actions", new { action = "done", token }))
        {
            await elsewhere.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        using (var badAction = await worker.PostAsJsonAsync(path, new { action = "delete", token }))
        {
            await badAction.AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        var stranger = await Accounts.RegisterAndLoginAsync(_app);
        using (var theirs = stranger.Client(_app))
        using (var notFound = await theirs.PostAsJsonAsync(path, new { action = "done" }))
        {
            await notFound.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        _app.Clock.Advance(NotificationActionTokens.Lifetime + TimeSpan.FromMinutes(1));
        using (var expired = await worker.PostAsJsonAsync(path, new { action = "done", token }))
        {
            await expired.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal("delivered", (await Dispatch.ReminderAsync(_app, user, reminderId)).GetProperty("status").GetString());

        // the owner, signed in, needs no token
        using var owner = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        using (var done = await owner.PostAsJsonAsync(path, new { action = "done" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        }

        Assert.Equal("acknowledged", (await Dispatch.ReminderAsync(_app, user, reminderId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Done_OnARepeat_AnswersTheNudge_AndKeepsTheNextOccurrence()
    {
        var (user, browser, reminderId) = await PushedReminderAsync("stretch", "FREQ=DAILY");
        var payload = Assert.Single(_push.Delivered(browser));
        var next = (await Dispatch.ReminderAsync(_app, user, reminderId)).GetProperty("nextAt").GetDateTimeOffset();
        using var worker = _app.CreateClient();
        using (var done = await worker.PostAsJsonAsync($"/api/v1/notifications/{payload.GetProperty("notificationId").GetGuid()}/actions",
                   new { action = "done", token = payload.GetProperty("actionToken").GetString() }))
        {
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        }

        var reminder = await Dispatch.ReminderAsync(_app, user, reminderId);
        Assert.Equal("scheduled", reminder.GetProperty("status").GetString());
        Assert.Equal(next, reminder.GetProperty("nextAt").GetDateTimeOffset());

        // answered, like a DONE reply: the nudge no longer waits and will not count as ignored
        await using var scope = _app.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Reminders.AsNoTracking().SingleAsync(r => r.Id == reminderId);
        Assert.Null(row.LastNudgeAt);
        Assert.Null(row.LastNudgeId);
    }

    /// <summary>A person with push on, a reminder due in five minutes, the clock moved, one dispatch pass, its delivery job run.</summary>
    private async Task<(TestUser User, FakeBrowser Browser, Guid ReminderId)> PushedReminderAsync(string text, string? rrule = null)
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var browser = _push.NewBrowser();
        using var client = user.Client(_app);
        using (var subscribed = await client.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription()))
        {
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var account = await db.Users.SingleAsync(u => u.Id == user.Id);
            account.Preferences = new UserPreferences { PreferredChannels = ["web", "push"] };
            await Accounts.ConsentToChannelsAsync(scope.ServiceProvider, account);
            await db.SaveChangesAsync();
        }

        var when = _app.Clock.GetUtcNow().AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when, rrule });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reminderId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        var notificationId = Assert.Single(await Dispatch.NotificationsAsync(_app, user)).GetProperty("id").GetGuid();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChannelDeliveryService>().DeliverAsync(notificationId, 0, CancellationToken.None);
        }

        Assert.Equal($"Reminder: {text}", Assert.Single(_push.Delivered(browser)).GetProperty("body").GetString());
        return (user, browser, reminderId);
    }
}
