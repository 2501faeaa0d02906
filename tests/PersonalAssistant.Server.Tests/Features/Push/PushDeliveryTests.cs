using System.Globalization;
using System.Net;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Push;

/// <summary>
/// Delivery on the person's channels (issue 16) against a local push service that speaks the real protocol. The
/// dispatcher's loop is off and so is the job server: each test runs a dispatch pass, checks the <c>critical</c> job the
/// pass enqueued, and runs that job's method itself, once per Hangfire run, with the retry number Hangfire would give
/// it (a transient failure throws, which is what makes Hangfire retry; the retry schedule itself is Hangfire's,
/// covered by BackgroundJobsTests).
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class PushDeliveryTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false").With("Jobs:Workers", "0").With("Jobs:RetryAttempts", "3");
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
    public async Task DueReminder_WithPushOn_IsPushedOnce_AndTheBrowserDecryptsIt()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var browser = _push.NewBrowser();
        await SubscribeAsync(user, browser);
        await ChannelsAsync(user, "web", "push", "email");
        var reminderId = await ReminderInAsync(user, "take the pills", TimeSpan.FromMinutes(5));

        var notificationId = await DueAndDispatchedAsync(user);
        Assert.Equal(notificationId, Assert.Single(await EnqueuedDeliveriesAsync()));
        await RunJobAsync(notificationId, retry: 0);

        var payload = Assert.Single(_push.Delivered(browser));
        Assert.Equal("Personal Assistant", payload.GetProperty("title").GetString());
        Assert.Equal("Reminder: take the pills", payload.GetProperty("body").GetString());
        Assert.Equal(notificationId, payload.GetProperty("notificationId").GetGuid());
        Assert.Equal(reminderId, payload.GetProperty("reminderId").GetGuid());
        Assert.Equal(AssistantApp.Start.AddMinutes(5), payload.GetProperty("occurrence").GetDateTimeOffset());
        Assert.False(payload.GetProperty("late").GetBoolean());
        Assert.Equal("/", payload.GetProperty("url").GetString());
        Assert.Equal(["done", "snooze"], payload.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.Equal("Snooze 10 min", payload.GetProperty("actions")[1].GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("actionToken").GetString()));

        // signed with the key browsers subscribe with
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        var key = (await client.GetFromJsonAsync<JsonElement>("/api/v1/push/public-key")).GetProperty("publicKey").GetString();
        Assert.Equal(key, Assert.Single(_push.Received).VapidPublicKey);

        // a run again (Hangfire running the job twice) sends nothing more; email is never needed
        await RunJobAsync(notificationId, retry: 0);
        Assert.Single(_push.Received);
        var attempt = Assert.Single(await AttemptsAsync(notificationId));
        Assert.Equal(("push", "sent", 1), (attempt.Channel, attempt.Outcome, attempt.Attempt));
        Assert.Empty(await OutboxEmailsAsync(user));
        var subscription = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/push/subscriptions")).EnumerateArray());
        Assert.Equal(_app.Clock.GetUtcNow(), subscription.GetProperty("lastSuccessAt").GetDateTimeOffset());

        using var scraper = _app.CreateClient();
        var metrics = await MetricsScrape.UntilAsync(scraper, "pa_channel_deliveries_total");
        Assert.Matches("""pa_channel_deliveries_total\{[^}]*channel="push"[^}]*outcome="sent"[^}]*\} 1""", metrics);
        Assert.DoesNotContain("take the pills", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoneSubscription_IsRemoved_AndTheReminderFallsBackToEmail()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var browser = _push.NewBrowser();
        browser.Script.Enqueue(410);
        await SubscribeAsync(user, browser);
        await ChannelsAsync(user, "web", "push", "email");
        await ReminderInAsync(user, "water the plants", TimeSpan.FromMinutes(5));

        var notificationId = await DueAndDispatchedAsync(user);
        await RunJobAsync(notificationId, retry: 0);

        Assert.Empty(_push.Delivered(browser));
        Assert.Equal(410, Assert.Single(_push.Received).Status);
        Assert.Equal(
            [("push", "failed-permanent", "http-410"), ("push", "fell-back", "http-410"), ("email", "sent", null)],
            (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome, a.Error)));
        var email = Assert.Single(await OutboxEmailsAsync(user));
        Assert.Equal("Reminder: water the plants", email);

        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/push/subscriptions")).EnumerateArray());
    }

    [Fact]
    public async Task TransientFailuresTwice_AreRetried_ThenDeliveredOnce()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var browser = _push.NewBrowser();
        browser.Script.Enqueue(503);
        browser.Script.Enqueue(503);
        await SubscribeAsync(user, browser);
        await ChannelsAsync(user, "web", "push", "email");
        await ReminderInAsync(user, "stretch", TimeSpan.FromMinutes(5));
        var notificationId = await DueAndDispatchedAsync(user);

        // run 1 and retry 1 fail and throw (Hangfire schedules the next retry); retry 2 delivers
        await Assert.ThrowsAsync<TransientDeliveryException>(() => RunJobAsync(notificationId, retry: 0));
        await Assert.ThrowsAsync<TransientDeliveryException>(() => RunJobAsync(notificationId, retry: 1));
        await RunJobAsync(notificationId, retry: 2);
        await RunJobAsync(notificationId, retry: 3);

        Assert.Equal([503, 503, 201], _push.Received.Select(r => r.Status));
        Assert.Single(_push.Delivered(browser));
        Assert.Equal(
            [("push", "failed-transient", 1, "http-503"), ("push", "failed-transient", 2, "http-503"), ("push", "sent", 3, null)],
            (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome, a.Attempt, a.Error)));
        Assert.Empty(await OutboxEmailsAsync(user));
    }

    [Fact]
    public async Task TransientFailureOnTheLastRetry_FallsBackToTheNextChannel_InAJobOfItsOwn()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var browser = _push.NewBrowser();
        for (var i = 0; i < 4; i++)
        {
            browser.Script.Enqueue(500);
        }

        await SubscribeAsync(user, browser);
        await ChannelsAsync(user, "web", "push", "email");
        await ReminderInAsync(user, "pay the rent", TimeSpan.FromMinutes(5));
        var notificationId = await DueAndDispatchedAsync(user);
        Assert.Equal(notificationId, Assert.Single(await EnqueuedDeliveriesAsync()));

        for (var retry = 0; retry < 3; retry++)
        {
            await Assert.ThrowsAsync<TransientDeliveryException>(() => RunJobAsync(notificationId, retry));
        }

        await RunJobAsync(notificationId, retry: 3); // Jobs:RetryAttempts = 3: the last run falls back instead of throwing
        Assert.Equal([notificationId, notificationId], await EnqueuedDeliveriesAsync());
        await RunJobAsync(notificationId, retry: 0);

        Assert.Empty(_push.Delivered(browser));
        var attempts = await AttemptsAsync(notificationId);
        Assert.Equal(["failed-transient", "failed-transient", "failed-transient", "failed-transient", "fell-back"],
            attempts.Where(a => a.Channel == "push").Select(a => a.Outcome));
        Assert.Equal("retries-exhausted", attempts.Single(a => a.Outcome == "fell-back").Error);
        Assert.Equal(("email", "sent"), (attempts[^1].Channel, attempts[^1].Outcome));
        Assert.Equal(["Reminder: pay the rent"], await OutboxEmailsAsync(user));
    }

    [Fact]
    public async Task PersonWithoutPushTurnedOn_ReceivesNothingThere_AndTheRecordSaysNoConsent()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var browser = _push.NewBrowser();
        await SubscribeAsync(user, browser);
        await ChannelsAsync(user, "web");
        await ReminderInAsync(user, "call mom", TimeSpan.FromMinutes(5));

        var notificationId = await DueAndDispatchedAsync(user);
        await RunJobAsync(notificationId, retry: 0);

        Assert.Empty(_push.Received);
        Assert.Empty(await OutboxEmailsAsync(user));
        var attempt = Assert.Single(await AttemptsAsync(notificationId));
        Assert.Equal(("push", "no-consent"), (attempt.Channel, attempt.Outcome));

        // the in-app notification is there all the same
        Assert.Single(await Dispatch.NotificationsAsync(_app, user));
    }

    [Fact]
    public async Task DeactivatedAccount_ReceivesNothingOnItsChannels_TheReminderStaysInTheApp()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var browser = _push.NewBrowser();
        await SubscribeAsync(user, browser);
        await ChannelsAsync(user, "web", "push", "email");
        await ReminderInAsync(user, "call mom", TimeSpan.FromMinutes(5));
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // as an administrator's deactivation leaves it (AdminEndpoints.UpdateUser); the person can no longer read the API
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        var notificationId = Assert.Single(await db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id).Select(n => n.Id).ToListAsync());
        await RunJobAsync(notificationId, retry: 0);

        Assert.Empty(_push.Received);
        Assert.Empty(await OutboxEmailsAsync(user));
        Assert.Equal([("push", "no-consent"), ("email", "no-consent")], (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome)));
    }

    [Fact]
    public async Task SmsWithoutAVerifiedNumber_FallsBack_AndEmailWithoutAConfirmedAddressSendsNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app, confirmEmail: false);
        await ChannelsAsync(user, "web", "sms", "email");
        await ReminderInAsync(user, "buy bread", TimeSpan.FromMinutes(5));

        var notificationId = await DueAndDispatchedAsync(user);
        await RunJobAsync(notificationId, retry: 0);

        Assert.Equal(
            [("sms", "failed-permanent", "no-target"), ("sms", "fell-back", "no-target"), ("email", "failed-permanent", "no-target"), ("email", "fell-back", "no-target")],
            (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome, a.Error)));
        Assert.Empty(await OutboxEmailsAsync(user));
    }

    private async Task SubscribeAsync(TestUser user, FakeBrowser browser)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        using var created = await client.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription("Firefox on Linux"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>Turns channels on in this order, as Settings does.</summary>
    private async Task ChannelsAsync(TestUser user, params string[] channels)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = await db.Users.SingleAsync(u => u.Id == user.Id);
        account.Preferences = new UserPreferences { PreferredChannels = [.. channels] };
        await Accounts.ConsentToChannelsAsync(scope.ServiceProvider, account);
        await db.SaveChangesAsync();
    }

    private async Task<Guid> ReminderInAsync(TestUser user, string text, TimeSpan from)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        var when = _app.Clock.GetUtcNow().Add(from).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Moves the clock to the reminder's time, runs a dispatch pass, and answers the in-app notification's id.</summary>
    private async Task<Guid> DueAndDispatchedAsync(TestUser user)
    {
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        return Assert.Single(await Dispatch.NotificationsAsync(_app, user)).GetProperty("id").GetGuid();
    }

    /// <summary>The notification ids of the delivery jobs waiting on the critical queue.</summary>
    private Task<List<Guid>> EnqueuedDeliveriesAsync()
    {
        var monitoring = _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobs = monitoring.EnqueuedJobs("critical", 0, 100);
        return Task.FromResult(jobs.Select(j => j.Value.Job)
            .Where(job => job.Type == typeof(ChannelDeliveryService) && job.Method.Name == nameof(ChannelDeliveryService.DeliverAsync))
            .Select(job => (Guid)job.Args[0]).ToList());
    }

    private async Task RunJobAsync(Guid notificationId, int retry)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChannelDeliveryService>().DeliverAsync(notificationId, retry, CancellationToken.None);
    }

    private async Task<List<DeliveryAttempt>> AttemptsAsync(Guid notificationId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var attempts = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<DeliveryAttempt>().AsNoTracking()
            .Where(a => a.NotificationId == notificationId).ToListAsync();

        // In the order they happen (the clock is frozen and ids of one millisecond are not ordered): by channel in the
        // person's order, then attempt, then a failure before its fallback.
        string[] channels = ["push", "sms", "email"];
        string[] outcomes = ["no-consent", "failed-transient", "failed-permanent", "fell-back", "sent"];
        return [.. attempts.OrderBy(a => Array.IndexOf(channels, a.Channel)).ThenBy(a => a.Attempt).ThenBy(a => Array.IndexOf(outcomes, a.Outcome))];
    }

    private async Task<List<string>> OutboxEmailsAsync(TestUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Outbox.AsNoTracking().Where(m => m.UserId == user.Id && m.Channel == "email" && m.Subject == "Reminder")
            .OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
    }
}
