using System.Net;
using Hangfire;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>
/// Hangfire inside the host (ADR 0011), on this run's database: real jobs through the real storage (SQLite file, or
/// PostgreSQL in the integration run), the retry policy, and the dashboard for administrators only.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class BackgroundJobsTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp()
        .With("Jobs:Storage", string.Empty) // the run's database, whatever the test default
        .With("Jobs:Workers", "2")
        .With("Jobs:QueuePollIntervalSeconds", "1")
        .With("Jobs:RetryAttempts", "2")
        .With("Jobs:RetryBaseDelaySeconds", "30");

    private TestUser _admin = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _admin = await Accounts.RegisterAndLoginAsync(_app); // the first account of a fresh host is the administrator
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Dashboard_IsForAdministratorsOnly_ThroughTheApisOwnSignIn()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var anonymous = _app.CreateClient();
        using var plain = user.Client(_app);
        using var admin = _admin.Client(_app);

        foreach (var path in new[] { "/admin/jobs", "/admin/jobs/jobs/failed", "/admin/jobs/stats" })
        {
            using var refusedAnonymous = path.EndsWith("stats", StringComparison.Ordinal)
                ? await anonymous.PostAsync(path, null) : await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, refusedAnonymous.StatusCode);
            using var refusedUser = path.EndsWith("stats", StringComparison.Ordinal)
                ? await plain.PostAsync(path, null) : await plain.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refusedUser.StatusCode);
        }

        using var dashboard = await admin.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Personal Assistant jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJob_RunsThroughTheRealStorage_OnItsQueue()
    {
        var jobs = _app.Services.GetRequiredService<IBackgroundJobClient>();
        var id = jobs.Enqueue<DatabaseMaintenanceJob>(job => job.RunAsync(CancellationToken.None));

        var state = await StateWithinAsync(id, "Succeeded", TimeSpan.FromSeconds(30));

        Assert.Equal("Succeeded", state);
        var details = _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(id);
        Assert.Contains(details.History, h => h.StateName == "Enqueued" && h.Data["Queue"] == JobQueues.Maintenance);
    }

    [Fact]
    public async Task AFailingJob_IsRetriedWithBackoff_AndItsErrorIsKept()
    {
        var jobs = _app.Services.GetRequiredService<IBackgroundJobClient>();
        var id = jobs.Enqueue<FailingJob>(job => job.RunAsync());

        Assert.Equal("Scheduled", await StateWithinAsync(id, "Scheduled", TimeSpan.FromSeconds(30)));

        var details = _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(id);
        var failed = Assert.Single(details.History, h => h.StateName == "Failed");
        Assert.Contains(FailingJob.Message, failed.Data["ExceptionMessage"], StringComparison.Ordinal);
        var retry = details.History.First(h => h.StateName == "Scheduled");
        var delay = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(retry.Data["EnqueueAt"], System.Globalization.CultureInfo.InvariantCulture))
                    - DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(retry.Data["ScheduledAt"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(delay.TotalSeconds, 29, 31); // the first retry waits the base delay
    }

    [Fact]
    public void RetryDelays_DoubleFromTheBase_UpToTheCap()
    {
        var options = new JobsOptions { RetryBaseDelaySeconds = 10, RetryMaxDelaySeconds = 300 };
        Assert.Equal([10, 20, 40, 80, 160, 300, 300], Enumerable.Range(1, 7).Select(attempt => options.RetryDelaySeconds(attempt)));
        Assert.Equal(300, options.RetryDelaySeconds(1000));
    }

    /// <summary>Polls the job's state (Hangfire's server runs on real time), with a deadline.</summary>
    private async Task<string?> StateWithinAsync(string id, string wanted, TimeSpan deadline)
    {
        var storage = _app.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var until = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        string? state;
        do
        {
            state = connection.GetJobData(id)?.State;
            if (state == wanted)
            {
                return state;
            }

            await Task.Delay(100);
        }
        while (Environment.TickCount64 < until);
        return state;
    }
}

/// <summary>A job that always throws, for the retry policy.</summary>
public sealed class FailingJob
{
    public const string Message = "the channel is down";

    public Task RunAsync() => throw new InvalidOperationException(Message);
}
