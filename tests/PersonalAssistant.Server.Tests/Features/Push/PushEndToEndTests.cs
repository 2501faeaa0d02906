using System.Globalization;
using System.Net;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Push;

/// <summary>One delivery end to end: the dispatch pass enqueues, the host's own Hangfire server runs the job, the browser gets it.</summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class PushEndToEndTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false").With("Jobs:QueuePollIntervalSeconds", "1");
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
    public async Task DueReminder_IsPushedByTheHostsOwnJobServer()
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
        using (var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text = "feed the cat", when }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);

        // Hangfire's server runs on real time and its own threads: poll, with a deadline, for the browser to have it.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_push.Delivered(browser).Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(200);
        }

        var monitoring = _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var statistics = monitoring.GetStatistics();
        // On a failure, name the waiting jobs and why their attempts failed (a retry waits as "scheduled").
        var waiting = string.Join("; ", monitoring.ScheduledJobs(0, 10).Select(job =>
            $"{job.Value.Job?.Type.Name}.{job.Value.Job?.Method.Name}: " + string.Join(" | ", monitoring.JobDetails(job.Key).History
                .Where(state => state.Data.ContainsKey("ExceptionMessage"))
                .Select(state => $"{(state.Data.TryGetValue("ExceptionType", out var type) ? type : "?")}: {state.Data["ExceptionMessage"]}"))));
        Assert.True(_push.Delivered(browser).Count == 1,
            $"push service: [{_push.Log}]; jobs: enqueued {statistics.Enqueued}, scheduled {statistics.Scheduled}, processing {statistics.Processing}, failed {statistics.Failed}, succeeded {statistics.Succeeded}; waiting: [{waiting}]");
        var payload = _push.Delivered(browser)[0];
        Assert.Equal("Reminder: feed the cat", payload.GetProperty("body").GetString());
        Assert.Equal(Assert.Single(await Dispatch.NotificationsAsync(_app, user)).GetProperty("id").GetGuid(), payload.GetProperty("notificationId").GetGuid());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("actionToken").ValueKind);
    }
}
