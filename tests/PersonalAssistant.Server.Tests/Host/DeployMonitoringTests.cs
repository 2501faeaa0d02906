using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>
/// The production monitoring (issue 19) names only what this host exposes: every metric in the alert rules
/// (<c>deploy/prometheus/rules</c>) and the Grafana dashboards (<c>deploy/grafana/dashboards</c>) is found on a real
/// scrape of <c>/metrics</c>, after the host has done each kind of work once. A renamed instrument fails here, not in
/// a silent dashboard. Set <c>PA_SCRAPE_OUT</c> to keep the scrape (scripts/lint-deploy.sh checks a committed one).
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed partial class DeployMonitoringTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task EveryMetricInTheAlertRulesAndDashboards_IsOnTheHostsScrape()
    {
        var named = MetricsNamedIn(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "prometheus", "rules"), "*.yml")
            .Concat(MetricsNamedIn(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "grafana", "dashboards"), "*.json"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("pa_reminders_send_delay_seconds_bucket", named);
        Assert.Contains("pa_assistant_captures_total", named);

        await DoEachKindOfWorkAsync();

        using var scraper = _app.CreateClient();
        var text = await MetricsScrape.UntilAsync(scraper, [.. named]);
        if (Environment.GetEnvironmentVariable("PA_SCRAPE_OUT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, text);
        }

        var exposed = ExposedName().Matches(text).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        // A name the files use as a label (by (aspnetcore_rate_limiting_policy), {{code}}) must be a label on the scrape.
        Assert.Empty(named.Where(name => !exposed.Contains(name) && !text.Contains(name + "=\"", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    /// <summary>Requests, a chat capture, a reminder sent, a job, and (through the host's own instruments) the SMS and channel outcomes no test double here produces on its own.</summary>
    private async Task DoEachKindOfWorkAsync()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using (var client = user.Client(_app))
        {
            var conversation = await StartAsync(client);
            await SayAsync(client, conversation, "buy milk");
            var due = _app.Clock.GetUtcNow().AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text = "stretch", when = due });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        _app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<DatabaseMaintenanceJob>(job => job.RunAsync(CancellationToken.None));

        var reminders = _app.Services.GetRequiredService<ReminderMetrics>();
        reminders.Record(DispatchTally.None with { HeldQuietHours = 1 });
        reminders.PassFailed();
        _app.Services.GetRequiredService<ChannelMetrics>().Delivery("sms", "failed-permanent");
        var sms = _app.Services.GetRequiredService<SmsMetrics>();
        sms.Sent("queued", 2);
        sms.Failure(30003);
        sms.Rejected("signature");
        sms.Inbound("recorded");
        sms.Webhook("sms", TimeSpan.FromMilliseconds(12));
    }

    private static IEnumerable<string> MetricsNamedIn(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern)
            .SelectMany(file => HostMetricName().Matches(File.ReadAllText(file)).Select(match => match.Value));

    /// <summary>The host's metric families (Prometheus's own <c>up</c> is not one).</summary>
    [GeneratedRegex(@"\b(?:pa|http_server|kestrel|dotnet|aspnetcore|microsoft_entityframeworkcore)_[a-z0-9_]+\b")]
    private static partial Regex HostMetricName();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", RegexOptions.Multiline)]
    private static partial Regex ExposedName();
}
