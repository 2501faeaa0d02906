using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Reminders;

/// <summary>
/// The reminder dispatcher on the test clock (issue 16): the host's polling loop is off, so each test moves the clock
/// and runs one dispatch pass itself, as the loop would every two seconds.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class ReminderDispatchTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task OneOff_FiresOnceAtItsTime_AndIsMarkedDelivered()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var due = _app.Clock.GetUtcNow().AddHours(2);
        var reminder = await CreateAsync(user, new { text = "call the dentist", when = Iso(due) });

        await Dispatch.RunAsync(_app);
        Assert.Empty(await Dispatch.NotificationsAsync(_app, user));

        _app.Clock.Advance(TimeSpan.FromHours(2));
        await Dispatch.RunAsync(_app);
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Dispatch.RunAsync(_app);

        var notification = Assert.Single(await Dispatch.NotificationsAsync(_app, user));
        Assert.Equal("Reminder: call the dentist", notification.GetProperty("text").GetString());
        Assert.Equal(reminder, notification.GetProperty("reminderId").GetGuid());
        Assert.Equal(due, notification.GetProperty("occurrence").GetDateTimeOffset());
        Assert.False(notification.GetProperty("late").GetBoolean());
        Assert.Equal(JsonValueKind.Null, notification.GetProperty("readAt").ValueKind);

        var read = await Dispatch.ReminderAsync(_app, user, reminder);
        Assert.Equal("delivered", read.GetProperty("status").GetString());
        var delivery = Assert.Single(read.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("sent", delivery.GetProperty("outcome").GetString());
        Assert.Equal("web", delivery.GetProperty("channel").GetString());
        Assert.Equal(due, delivery.GetProperty("occurrence").GetDateTimeOffset());
        Assert.Equal(0, delivery.GetProperty("lateBySeconds").GetInt64());
    }

    [Fact]
    public async Task Snooze_MovesTheReminder_AndItFiresAgainAtTheSnoozedTime()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var due = _app.Clock.GetUtcNow().AddMinutes(10);
        var reminder = await CreateAsync(user, new { text = "stretch", when = Iso(due) });
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        await Dispatch.RunAsync(_app);
        Assert.Single(await Dispatch.NotificationsAsync(_app, user));

        user = await Dispatch.FreshAsync(_app, user);
        using (var client = user.Client(_app))
        {
            using var snoozed = await client.PostAsJsonAsync($"/api/v1/reminders/{reminder}/snooze", new { minutes = 20 });
            Assert.Equal(HttpStatusCode.OK, snoozed.StatusCode);
            Assert.Equal("snoozed", (await snoozed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        var snoozedTo = _app.Clock.GetUtcNow().AddMinutes(20);
        _app.Clock.Advance(TimeSpan.FromMinutes(19));
        await Dispatch.RunAsync(_app);
        Assert.Single(await Dispatch.NotificationsAsync(_app, user));

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Dispatch.RunAsync(_app);
        var notifications = await Dispatch.NotificationsAsync(_app, user);
        Assert.Equal(2, notifications.Count);
        Assert.Equal(snoozedTo, notifications[0].GetProperty("occurrence").GetDateTimeOffset()); // newest first
        Assert.Equal(due, notifications[1].GetProperty("occurrence").GetDateTimeOffset());
        Assert.Equal("delivered", (await Dispatch.ReminderAsync(_app, user, reminder)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReminderDueDuringDowntime_FiresOnceWhenTheHostIsBack_MarkedLate_InThePersonsLanguage()
    {
        var english = await Accounts.RegisterAndLoginAsync(_app);
        var french = await Accounts.RegisterAndLoginAsync(_app);
        using (var client = french.Client(_app))
        {
            using var changed = await client.PatchAsJsonAsync("/api/v1/users/me", new { locale = "fr" });
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        var due = _app.Clock.GetUtcNow().AddHours(1);
        var reminder = await CreateAsync(english, new { text = "water the plants", when = Iso(due) });
        await CreateAsync(french, new { text = "arroser les plantes", when = Iso(due) });

        // the host is down from now until three hours later: nothing dispatches in between
        _app.Clock.Advance(TimeSpan.FromHours(3));
        await Dispatch.RunAsync(_app);
        await Dispatch.RunAsync(_app);

        var notification = Assert.Single(await Dispatch.NotificationsAsync(_app, english));
        Assert.Equal("Late by 2 h: water the plants", notification.GetProperty("text").GetString());
        Assert.True(notification.GetProperty("late").GetBoolean());
        Assert.Equal(due, notification.GetProperty("occurrence").GetDateTimeOffset());
        var delivery = Assert.Single((await Dispatch.ReminderAsync(_app, english, reminder)).GetProperty("deliveries").EnumerateArray());
        Assert.Equal("sent-late", delivery.GetProperty("outcome").GetString());
        Assert.Equal(7200, delivery.GetProperty("lateBySeconds").GetInt64());

        var inFrench = Assert.Single(await Dispatch.NotificationsAsync(_app, french));
        Assert.Equal("En retard de 2 h : arroser les plantes", inFrench.GetProperty("text").GetString());
    }

    [Fact]
    public async Task OccurrencesOlderThanTheGraceWindow_AreNotSent_ButRecordedForTheBriefing()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var due = _app.Clock.GetUtcNow().AddHours(1);
        var once = await CreateAsync(user, new { text = "renew the passport", when = Iso(due) });
        var daily = await CreateAsync(user, new { text = "take the pills", when = Iso(due), rrule = "FREQ=DAILY" });

        // down for two days and three hours: the one-off is 50 hours old, the daily one missed three occurrences
        _app.Clock.Advance(TimeSpan.FromHours(51));
        await Dispatch.RunAsync(_app);

        var notification = Assert.Single(await Dispatch.NotificationsAsync(_app, user));
        Assert.Equal(daily, notification.GetProperty("reminderId").GetGuid());
        Assert.Equal(due.AddDays(2), notification.GetProperty("occurrence").GetDateTimeOffset());
        Assert.Equal("Late by 2 h: take the pills", notification.GetProperty("text").GetString());

        var skipped = await Dispatch.ReminderAsync(_app, user, once);
        Assert.Equal("delivered", skipped.GetProperty("status").GetString());
        var record = Assert.Single(skipped.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("skipped-to-briefing", record.GetProperty("outcome").GetString());
        Assert.Equal(50 * 3600, record.GetProperty("lateBySeconds").GetInt64());

        var series = await Dispatch.ReminderAsync(_app, user, daily);
        Assert.Equal("scheduled", series.GetProperty("status").GetString());
        Assert.Equal(due.AddDays(3), series.GetProperty("nextAt").GetDateTimeOffset());
        Assert.Equal(
            [(due.AddDays(2), "sent-late"), (due.AddDays(1), "skipped-to-briefing"), (due, "skipped-to-briefing")],
            series.GetProperty("deliveries").EnumerateArray()
                .Select(d => (d.GetProperty("occurrence").GetDateTimeOffset(), d.GetProperty("outcome").GetString()!))
                .OrderByDescending(d => d.Item1));
    }

    [Fact]
    public async Task TheSameOccurrence_CannotBeDeliveredTwice()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var due = _app.Clock.GetUtcNow().AddMinutes(5);
        var reminder = await CreateAsync(user, new { text = "feed the cat", when = Iso(due) });
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        Assert.Single(await Dispatch.NotificationsAsync(_app, user));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

            // the database refuses a second record of the occurrence, whoever writes it
            db.Set<ReminderDelivery>().Add(new ReminderDelivery { ReminderId = reminder, Occurrence = due, At = due, Channel = "web", Outcome = "sent" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();

            // a reminder put back on an occurrence it already had (a replica that read it before the move) is moved on, not sent
            var row = await db.Reminders.SingleAsync(r => r.Id == reminder);
            row.Status = ReminderStatuses.Scheduled;
            row.NextAt = due;
            await db.SaveChangesAsync();
        }

        await Dispatch.RunAsync(_app);
        Assert.Single(await Dispatch.NotificationsAsync(_app, user));
        var read = await Dispatch.ReminderAsync(_app, user, reminder);
        Assert.Single(read.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("delivered", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GotIt_OnADeliveredRepeat_KeepsTheNextOccurrence_AndInAdvanceSkipsIt()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var due = _app.Clock.GetUtcNow().AddMinutes(5);
        var reminder = await CreateAsync(user, new { text = "water the plants", when = Iso(due), rrule = "FREQ=DAILY" });
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        Assert.Single(await Dispatch.NotificationsAsync(_app, user));
        Assert.Equal(due.AddDays(1), (await Dispatch.ReminderAsync(_app, user, reminder)).GetProperty("nextAt").GetDateTimeOffset());

        user = await Dispatch.FreshAsync(_app, user);
        using var client = user.Client(_app);

        // "got it" answers today's nudge: tomorrow's occurrence stays (it used to be skipped)
        using (var gotIt = await client.PostAsync($"/api/v1/reminders/{reminder}/acknowledge", null))
        {
            var answered = await gotIt.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("scheduled", answered.GetProperty("status").GetString());
            Assert.Equal(due.AddDays(1), answered.GetProperty("nextAt").GetDateTimeOffset());
        }

        // with no nudge waiting, "got it" means tomorrow's is done in advance
        using var inAdvance = await client.PostAsync($"/api/v1/reminders/{reminder}/acknowledge", null);
        Assert.Equal(due.AddDays(2), (await inAdvance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nextAt").GetDateTimeOffset());
    }

    private async Task<Guid> CreateAsync(TestUser user, object request)
    {
        user = await Dispatch.FreshAsync(_app, user);
        using var client = user.Client(_app);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>Runs dispatch passes and reads what a person got, signing in again when the clock has moved past the token.</summary>
internal static class Dispatch
{
    public static async Task RunAsync(AssistantApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    /// <summary>A new sign-in on the current clock (access tokens live 15 minutes; tests move the clock by hours).</summary>
    public static Task<TestUser> FreshAsync(AssistantApp app, TestUser user) => Accounts.LoginAsync(app, user.Email, user.Password, user.Id);

    public static async Task<IReadOnlyList<JsonElement>> NotificationsAsync(AssistantApp app, TestUser user)
    {
        using var client = (await FreshAsync(app, user)).Client(app);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=100");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public static async Task<JsonElement> ReminderAsync(AssistantApp app, TestUser user, Guid id)
    {
        using var client = (await FreshAsync(app, user)).Client(app);
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{id}");
    }
}
