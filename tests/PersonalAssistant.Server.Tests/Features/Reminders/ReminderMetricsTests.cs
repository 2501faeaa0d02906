using System.Globalization;
using System.Net;
using Hangfire;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Reminders;

/// <summary>The dispatcher's and the job system's figures on the Prometheus scrape (issue 16): counts and delays, never a person.</summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class ReminderMetricsTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Scrape_CountsDeliveriesByOutcome_TheSendDelay_AndJobTransitions_WithoutPersonalData()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using (var client = user.Client(_app))
        {
            var due = _app.Clock.GetUtcNow().AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text = "take the secret pills", when = due });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        _app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<DatabaseMaintenanceJob>(job => job.RunAsync(CancellationToken.None));

        using var scraper = _app.CreateClient();
        var text = await MetricsScrape.UntilAsync(scraper, "pa_jobs_transitions_total", "pa_reminders_send_delay_seconds_bucket", "pa_reminders_occurrences_total");

        Assert.Matches("""pa_reminders_occurrences_total\{[^}]*outcome="sent"[^}]*\} [1-9]""", text);
        Assert.Matches("""pa_reminders_send_delay_seconds_count\{?[^\n]*\}? [1-9]""", text);
        Assert.Matches("""pa_jobs_transitions_total\{[^}]*queue="maintenance"[^}]*state="enqueued"[^}]*\} [1-9]""", text);
        Assert.DoesNotContain("secret pills", text, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Email, text, StringComparison.Ordinal);
    }
}
