using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PersonalAssistant.Server.Tests.Features.Reminders;

/// <summary>
/// Two hosts on one database (and one Redis in the PostgreSQL run) dispatching at the same moment, as two replicas of
/// one deployment (issue 16): 1,000 reminders due in the same minute are each delivered exactly once. On PostgreSQL the
/// replicas claim disjoint rows (<c>FOR UPDATE SKIP LOCKED</c>); on SQLite they share the file, whose single writer and
/// the unique key on (reminder, occurrence) keep them apart.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the hosts through IAsyncLifetime.")]
public sealed class ReplicaDispatchTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int People = 20;
    private const int RemindersEach = 50;

    private readonly AssistantApp _first = new AssistantApp().With("Reminders:Dispatch", "false").With("Reminders:BatchSize", "25");
    private AssistantApp? _second;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_first).InitializeAsync();
        _second = new AssistantApp().ReplicaOf(_first).With("Reminders:Dispatch", "false").With("Reminders:BatchSize", "25");
        await ((IAsyncLifetime)_second).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await ((IAsyncLifetime)_second).DisposeAsync();
        }

        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task AThousandRemindersDueInOneMinute_AreEachDeliveredExactlyOnce_ByTwoReplicas()
    {
        var second = _second!;
        var minute = AssistantApp.Start.AddMinutes(10);
        var expected = People * RemindersEach;
        await SeedAsync(minute);

        // Both replicas see the same moment: when the last one falls due (none is a minute late).
        _first.Clock.Advance(TimeSpan.FromSeconds((10 * 60) + 59));
        second.Clock.Advance(TimeSpan.FromSeconds((10 * 60) + 59));

        // Each replica runs passes side by side with the other until nothing is left, as their loops would.
        var passes = await Task.WhenAll(RunPassesAsync(_first), RunPassesAsync(second), RunPassesAsync(_first), RunPassesAsync(second));
        var sent = passes.Sum(p => p.Sent);
        output.WriteLine($"{AssistantApp.DatabaseProvider}: sent {sent} (first replica {passes[0].Sent + passes[2].Sent}, second {passes[1].Sent + passes[3].Sent}), already recorded {passes.Sum(p => p.Deduplicated)}");

        await using var scope = _first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var deliveries = await db.Set<ReminderDelivery>().AsNoTracking().ToListAsync();
        Assert.Equal(expected, deliveries.Count);
        Assert.Equal(expected, deliveries.Select(d => d.ReminderId).Distinct().Count());
        Assert.All(deliveries, d => Assert.Equal(DeliveryOutcomes.Sent, d.Outcome));
        var notifications = await db.Set<Notification>().AsNoTracking().Where(n => n.ReminderId != null).ToListAsync();
        Assert.Equal(expected, notifications.Count);
        Assert.Equal(expected, notifications.Select(n => n.ReminderId).Distinct().Count());
        Assert.Equal(expected, await db.Reminders.CountAsync(r => r.Status == ReminderStatuses.Delivered));
        Assert.Equal(expected, sent);
    }

    private static async Task<DispatchTally> RunPassesAsync(AssistantApp app)
    {
        var tally = DispatchTally.None;
        for (var pass = 0; pass < 10; pass++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().DispatchDueAsync(CancellationToken.None);
            tally = tally.Plus(result);
            if (result == DispatchTally.None)
            {
                break;
            }
        }

        return tally;
    }

    /// <summary>20 people with 50 one-off reminders each, spread over the seconds of one minute.</summary>
    private async Task SeedAsync(DateTimeOffset minute)
    {
        var people = new List<Guid>();
        for (var i = 0; i < People; i++)
        {
            people.Add((await Accounts.RegisterAndLoginAsync(_first)).Id);
        }

        await using var scope = _first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var index = 0;
        foreach (var person in people)
        {
            for (var i = 0; i < RemindersEach; i++, index++)
            {
                var due = minute.AddSeconds(index % 60);
                db.Reminders.Add(new Reminder
                {
                    UserId = person,
                    Text = $"reminder {index}",
                    TimeZone = "America/New_York",
                    AnchorLocal = TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    NextAt = due,
                    CreatedAt = AssistantApp.Start,
                    UpdatedAt = AssistantApp.Start,
                });
            }
        }

        await db.SaveChangesAsync();
    }
}
