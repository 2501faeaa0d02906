using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>The assistant's figures on the Prometheus scrape (issue 19, the business dashboard): turns and captures by kind, never a person or a text.</summary>
[Trait("Category", "Integration")]
[Collection(ExactMetricCounts.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class AssistantMetricsTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new();

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Scrape_CountsTurnsAndCapturesByKind_WithoutPersonalData()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using (var client = user.Client(_app))
        {
            var conversation = await StartAsync(client);
            var reply = await SayAsync(client, conversation, "brain dump: call the confidential dentist tomorrow, spent $9 on parking");
            Assert.Contains(Actions(reply), action => action.Kind == "task.created");
            await SayAsync(client, conversation, "thanks");
        }

        using var scraper = _app.CreateClient();
        var text = await MetricsScrape.UntilAsync(scraper, "pa_assistant_turns_total", "pa_assistant_captures_total");

        Assert.Matches("""pa_assistant_turns_total\{[^}]*channel="web"[^}]*\} 2\b""", text);
        Assert.Matches("""pa_assistant_captures_total\{[^}]*channel="web"[^}]*kind="task"[^}]*\} 1\b""", text);
        Assert.Matches("""pa_assistant_captures_total\{[^}]*channel="web"[^}]*kind="expense"[^}]*\} 1\b""", text);
        Assert.DoesNotContain("confidential dentist", text, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Email, text, StringComparison.Ordinal);
    }
}
