using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>
/// The daily retention job (issues 16 and 20) on the test clock: every kind of retained data made by real use (a
/// conversation, a reminder delivered in-app, an outbox email, audit events, an ended session) is deleted once older
/// than its retention, and what is newer stays.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp()
        .With("Reminders:Dispatch", "false")
        .With("Retention:AuditDays", "0"); // kept for good: the job must leave it alone

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task EachKind_IsDeletedPastItsRetention_AndNewerDataStays()
    {
        await UseTheAssistantAsync();
        var before = await CountAsync();
        Assert.All(before, count => Assert.True(count.Value > 0, $"no {count.Key} rows were made"));

        _app.Clock.Advance(TimeSpan.FromDays(400)); // past every default retention (365 days at most)
        await UseTheAssistantAsync();
        var fresh = await CountAsync();

        IReadOnlyDictionary<string, int> purged;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            purged = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
        }

        var after = await CountAsync();
        foreach (var kind in new[] { "messages", "actions", "notifications", "deliveries", "outbox", "sessions" })
        {
            Assert.Equal(fresh[kind] - before[kind], after[kind]); // exactly the newer rows are left
        }

        Assert.Equal(fresh["audit"], after["audit"]); // 0 days: kept for good
        Assert.DoesNotContain(RetainedKinds.Audit, purged.Keys);
        foreach (var kind in new[] { RetainedKinds.Conversations, RetainedKinds.Notifications, RetainedKinds.Deliveries, RetainedKinds.Outbox, RetainedKinds.Sessions })
        {
            Assert.True(purged[kind] > 0, $"{kind}: nothing purged");
        }

        // a second run finds nothing more
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
            Assert.All(again, kind => Assert.Equal(0, kind.Value));
        }
    }

    [Fact]
    public void TheJobs_AreRecurring_OncePerSchedule()
    {
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();

        var recurring = connection.GetRecurringJobs().ToDictionary(job => job.Id, job => job);

        Assert.Equal("0 3 * * *", recurring[RetentionJob.Id].Cron);
        Assert.Equal(JobQueues.Maintenance, recurring[RetentionJob.Id].Job.Queue);
        Assert.Equal("*/15 * * * *", recurring["missed-tasks"].Cron);
        Assert.Contains(DatabaseMaintenanceJob.Id, recurring.Keys);
    }

    [Fact]
    public void Retention_RefusesNegativeOrHugeDays_NamingTheKey()
    {
        var result = new RetentionOptions.Validator().Validate(null, new RetentionOptions { OutboxDays = -1, ConversationsDays = 99999 });

        Assert.True(result.Failed);
        Assert.Contains("Retention:OutboxDays", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Retention:ConversationsDays", result.FailureMessage, StringComparison.Ordinal);
    }

    /// <summary>A new person registers (an outbox email, audit events), chats (messages, an undo record), gets a reminder in-app and signs out of a second device.</summary>
    private async Task UseTheAssistantAsync()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using (var client = user.Client(_app))
        {
            var conversation = await StartAsync(client);
            await SayAsync(client, conversation, "remind me to water the plants in 10 minutes");
        }

        var second = await Accounts.LoginAsync(_app, user.Email, user.Password, user.Id);
        using (var client = second.Client(_app))
        {
            (await client.PostAsync("/api/v1/auth/logout", null)).Dispose();
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        await Dispatch.RunAsync(_app);
    }

    private async Task<Dictionary<string, int>> CountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["messages"] = await db.ConversationMessages.CountAsync(),
            ["actions"] = await db.AssistantActions.CountAsync(),
            ["notifications"] = await db.Notifications.CountAsync(),
            ["deliveries"] = await db.Set<ReminderDelivery>().CountAsync(),
            ["outbox"] = await db.Outbox.CountAsync(),
            ["audit"] = await db.AuditEvents.CountAsync(),
            ["sessions"] = await db.Sessions.CountAsync(),
        };
    }
}
