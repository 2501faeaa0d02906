using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Reminders;

/// <summary>
/// Nudge discipline in the dispatcher (issue 16) on the test clock: quiet hours hold non-urgent nudges until they end,
/// the daily cap counts in the person's local day, and three ignored nudges in a row pause a reminder until the person
/// acts on it. The clock starts on Wednesday 2026-11-18 14:00 UTC, 09:00 in Toronto (every test person's zone unless
/// changed), whose default quiet hours are 22:00 to 08:00.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class NudgeDisciplineTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task QuietHours_HoldANonUrgentReminder_UntilTheyEnd_ThenItGoesOutMarkedHeld()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        // 23:00 in Toronto, explicitly not urgent
        var due = new DateTimeOffset(2026, 11, 19, 4, 0, 0, TimeSpan.Zero);
        var reminder = await CreateAsync(user, new { text = "take out the bins", when = "2026-11-18T23:00:00", urgent = false });

        await WalkAsync(due);
        Assert.Empty(await Dispatch.NotificationsAsync(_app, user));
        var held = await Dispatch.ReminderAsync(_app, user, reminder);
        Assert.Equal("held", held.GetProperty("status").GetString());
        var quietEnd = new DateTimeOffset(2026, 11, 19, 13, 0, 0, TimeSpan.Zero); // 08:00 in Toronto
        Assert.Equal(quietEnd, held.GetProperty("nextAt").GetDateTimeOffset());
        var record = Assert.Single(held.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("held-quiet-hours", record.GetProperty("outcome").GetString());
        Assert.Equal(due, record.GetProperty("occurrence").GetDateTimeOffset());

        await WalkAsync(quietEnd.AddMinutes(-1));
        Assert.Empty(await Dispatch.NotificationsAsync(_app, user));

        await WalkAsync(quietEnd);
        var notification = Assert.Single(await Dispatch.NotificationsAsync(_app, user));
        Assert.Equal("(held during your quiet hours) take out the bins", notification.GetProperty("text").GetString());
        Assert.False(notification.GetProperty("late").GetBoolean());
        var sent = await Dispatch.ReminderAsync(_app, user, reminder);
        Assert.Equal("delivered", sent.GetProperty("status").GetString());
        Assert.Equal(["sent", "held-quiet-hours"], sent.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task ExplicitTimeInsideQuietHours_IsStoredUrgent_AndGoesThroughOnTime()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var created = await CreateResponseAsync(user, new { text = "call Tokyo office", when = "2026-11-18T23:00:00" });
        Assert.True(created.GetProperty("urgent").GetBoolean());
        var daytime = await CreateResponseAsync(user, new { text = "buy stamps", when = "2026-11-18T11:00:00" });
        Assert.False(daytime.GetProperty("urgent").GetBoolean());

        // moved into the quiet hours: that moment was asked for too
        using (var client = (await Dispatch.FreshAsync(_app, user)).Client(_app))
        {
            using var moved = await client.PatchAsJsonAsync($"/api/v1/reminders/{daytime.GetProperty("id").GetGuid()}", new { when = "2026-11-18T23:30:00" });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.True((await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("urgent").GetBoolean());
        }

        await WalkAsync(new DateTimeOffset(2026, 11, 19, 4, 30, 0, TimeSpan.Zero));
        var notifications = await Dispatch.NotificationsAsync(_app, user);
        Assert.Equal(["Reminder: buy stamps", "Reminder: call Tokyo office"], notifications.Select(n => n.GetProperty("text").GetString()));
        var record = Assert.Single((await Dispatch.ReminderAsync(_app, user, created.GetProperty("id").GetGuid())).GetProperty("deliveries").EnumerateArray());
        Assert.Equal("sent", record.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task DailyCap_SuppressesTheNextRecurringNudge_ButNeverAOneOff_AndCountsIt()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        await PreferencesAsync(user, "22:00", "08:00", cap: 2);
        var first = await CreateAsync(user, new { text = "drink water", when = "2026-11-18T10:00:00", rrule = "FREQ=DAILY" });
        var second = await CreateAsync(user, new { text = "stretch", when = "2026-11-18T10:05:00", rrule = "FREQ=DAILY" });
        var third = await CreateAsync(user, new { text = "posture check", when = "2026-11-18T10:10:00", rrule = "FREQ=DAILY" });
        var once = await CreateAsync(user, new { text = "call the bank", when = "2026-11-18T10:15:00" });

        foreach (var minute in new[] { 0, 5, 10, 15 })
        {
            await WalkAsync(new DateTimeOffset(2026, 11, 18, 15, minute, 0, TimeSpan.Zero));
        }

        var texts = (await Dispatch.NotificationsAsync(_app, user)).Select(n => n.GetProperty("text").GetString()).ToList();
        Assert.Equal(["Reminder: call the bank", "Reminder: stretch", "Reminder: drink water"], texts);
        var capped = await Dispatch.ReminderAsync(_app, user, third);
        Assert.Equal("capped", Assert.Single(capped.GetProperty("deliveries").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal("scheduled", capped.GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 15, 10, 0, TimeSpan.Zero), capped.GetProperty("nextAt").GetDateTimeOffset());
        Assert.Equal("sent", Assert.Single((await Dispatch.ReminderAsync(_app, user, once)).GetProperty("deliveries").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal(["sent"], await OutcomesAsync(user, first));
        Assert.Equal(["sent"], await OutcomesAsync(user, second));

        using var scraper = _app.CreateClient();
        var metrics = await MetricsScrape.UntilAsync(scraper, "pa_nudges_held_total", "pa_reminders_occurrences_total");
        Assert.Matches("""pa_nudges_held_total\{[^}]*reason="cap"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""pa_reminders_occurrences_total\{[^}]*outcome="capped"[^}]*\} [1-9]""", metrics);
        Assert.DoesNotContain("posture", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyCap_ResetsAtMidnightInThePersonsZone_NotInUtc()
    {
        // cap 1, no quiet hours. Toronto (UTC−5): 23:00 and 00:30 are two local days within one UTC day, so both go.
        // Tokyo (UTC+9): 08:00 and 10:00 are one local day across two UTC days, so 10:00 is capped, and 08:00 the
        // next day goes again.
        var toronto = await Accounts.RegisterAndLoginAsync(_app);
        await PreferencesAsync(toronto, null, null, cap: 1);
        var lateEvening = await CreateAsync(toronto, new { text = "lights off", when = "2026-11-18T23:00:00", rrule = "FREQ=DAILY" });
        var afterMidnight = await CreateAsync(toronto, new { text = "check the door", when = "2026-11-19T00:30:00", rrule = "FREQ=DAILY" });

        var tokyo = await Accounts.RegisterAndLoginAsync(_app);
        using (var client = tokyo.Client(_app))
        {
            using var changed = await client.PatchAsJsonAsync("/api/v1/users/me", new { timeZone = "Asia/Tokyo" });
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        await PreferencesAsync(tokyo, null, null, cap: 1);
        var morning = await CreateAsync(tokyo, new { text = "vitamins", when = "2026-11-19T08:00:00", rrule = "FREQ=DAILY" });
        var later = await CreateAsync(tokyo, new { text = "plan the day", when = "2026-11-19T10:00:00", rrule = "FREQ=DAILY" });

        await WalkAsync(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));

        Assert.Equal(["sent"], await OutcomesAsync(toronto, lateEvening));
        Assert.Equal(["sent"], await OutcomesAsync(toronto, afterMidnight));
        Assert.Equal(["sent", "sent"], await OutcomesAsync(tokyo, morning)); // Thursday and Friday, 08:00 JST
        Assert.Equal(["capped", "capped"], await OutcomesAsync(tokyo, later));
    }

    [Fact]
    public async Task ThreeIgnoredNudges_PauseTheReminder_WithOneKindNotice_AndActingResumesIt()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var reminder = await CreateAsync(user, new { text = "water the plants", when = "2026-11-18T10:00:00", rrule = "FREQ=DAILY" });
        var day = new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero); // 10:00 in Toronto

        // Wednesday, Thursday, Friday: three nudges, none read or acted on
        await WalkAsync(day.AddDays(2));
        Assert.Equal(3, (await Dispatch.NotificationsAsync(_app, user)).Count);
        Assert.False((await Dispatch.ReminderAsync(_app, user, reminder)).GetProperty("nudgesPaused").GetBoolean());

        // Saturday: the third was ignored too; Sunday: still paused, and nothing more is said
        await WalkAsync(day.AddDays(4));
        var notifications = await Dispatch.NotificationsAsync(_app, user);
        var notice = Assert.Single(notifications, n => n.GetProperty("kind").GetString() == "nudges-paused");
        Assert.Equal("I'll stop pinging you about water the plants; it will be in your morning briefing instead.", notice.GetProperty("text").GetString());
        Assert.Equal(3, notifications.Count(n => n.GetProperty("kind").GetString() == "reminder"));
        var paused = await Dispatch.ReminderAsync(_app, user, reminder);
        Assert.True(paused.GetProperty("nudgesPaused").GetBoolean());
        Assert.Equal(["held-ignored", "held-ignored", "sent", "sent", "sent"],
            paused.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()));

        // acting on it (here an edit) resumes the nudges: Monday's goes out
        using (var client = (await Dispatch.FreshAsync(_app, user)).Client(_app))
        {
            using var edited = await client.PatchAsJsonAsync($"/api/v1/reminders/{reminder}", new { text = "water the big plants" });
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            Assert.False((await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nudgesPaused").GetBoolean());
        }

        await WalkAsync(day.AddDays(5));
        var after = await Dispatch.NotificationsAsync(_app, user);
        Assert.Equal(4, after.Count(n => n.GetProperty("kind").GetString() == "reminder"));
        Assert.Equal("Reminder: water the big plants", after[0].GetProperty("text").GetString());
        Assert.Equal(day.AddDays(5), after[0].GetProperty("occurrence").GetDateTimeOffset());

        using var scraper = _app.CreateClient();
        var metrics = await MetricsScrape.UntilAsync(scraper, "pa_nudges_held_total");
        Assert.Matches("""pa_nudges_held_total\{[^}]*reason="ignored"[^}]*\} [1-9]""", metrics);
    }

    [Fact]
    public async Task ReadNudges_AreNotIgnored_SoTheReminderKeepsNudging()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var reminder = await CreateAsync(user, new { text = "journal", when = "2026-11-18T10:00:00", rrule = "FREQ=DAILY" });
        var day = new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            await WalkAsync(day.AddDays(i));
            var latest = (await Dispatch.NotificationsAsync(_app, user))[0];
            using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
            using var read = await client.PostAsync($"/api/v1/notifications/{latest.GetProperty("id").GetGuid()}/read", null);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        Assert.Equal(["sent", "sent", "sent", "sent", "sent"], await OutcomesAsync(user, reminder));
    }

    /// <summary>Moves the clock in steps of at most 30 minutes up to <paramref name="until"/>, dispatching after each, as the loop would.</summary>
    private async Task WalkAsync(DateTimeOffset until)
    {
        while (_app.Clock.GetUtcNow() < until)
        {
            var step = until - _app.Clock.GetUtcNow();
            _app.Clock.Advance(step > TimeSpan.FromMinutes(30) ? TimeSpan.FromMinutes(30) : step);
            await Dispatch.RunAsync(_app);
        }
    }

    private async Task<List<string?>> OutcomesAsync(TestUser user, Guid reminder) =>
        (await Dispatch.ReminderAsync(_app, user, reminder)).GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()).ToList();

    private async Task PreferencesAsync(TestUser user, string? quietStart, string? quietEnd, int cap)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        using var put = await client.PutAsJsonAsync("/api/v1/users/me/preferences", new
        {
            quietHoursStart = quietStart,
            quietHoursEnd = quietEnd,
            dailyNudgeCap = cap,
            preferredChannels = new[] { "web" },
            replyStyle = "brief",
            morningBriefingTime = "08:30",
            eveningReviewTime = (string?)null,
            defaultCurrency = "USD",
            missesBeforeBreakdown = 3,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private async Task<Guid> CreateAsync(TestUser user, object request) => (await CreateResponseAsync(user, request)).GetProperty("id").GetGuid();

    private async Task<JsonElement> CreateResponseAsync(TestUser user, object request)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }
}
