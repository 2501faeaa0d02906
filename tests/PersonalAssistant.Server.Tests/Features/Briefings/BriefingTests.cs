using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Features.Briefings;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Briefings;

/// <summary>
/// The morning briefing and the evening review on the test clock (issue 16). The clock starts on Wednesday 18 November
/// 2026 at 06:00 UTC: 01:00 in New York (UTC−5), 07:00 in Paris (UTC+1). Each test runs the recurring job itself, as
/// Hangfire would every five minutes.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class BriefingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SixUtc = new(2026, 11, 18, 6, 0, 0, TimeSpan.Zero);

    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false").WithClockAt(SixUtc);

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task MorningBriefing_ReachesNewYorkAndParisEachAtTheirLocal0830_OnceInTheirLanguage()
    {
        var paris = await PersonAsync("Europe/Paris", "fr");
        var newYork = await PersonAsync("America/New_York", "en");
        await AddAsync(paris, "/api/v1/events", new { title = "dentiste", start = "2026-11-18T11:00:00" });
        await AddAsync(paris, "/api/v1/tasks", new { title = "impôts", due = "2026-11-18" });
        await AddAsync(newYork, "/api/v1/events", new { title = "dentist", start = "2026-11-18T14:30:00" });
        await AddAsync(newYork, "/api/v1/tasks", new { title = "taxes", due = "2026-11-18" });

        await RunAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(89)); // 07:29 UTC, 08:29 in Paris
        await RunAsync();
        Assert.Empty(await BriefingsAsync(paris));

        _app.Clock.Advance(TimeSpan.FromMinutes(1)); // 08:30 in Paris
        await RunAsync();
        var inFrench = Assert.Single(await BriefingsAsync(paris));
        Assert.Equal("Bonjour ! Aujourd'hui : dentiste à 11:00. Sur ta liste : impôts. Premier petit pas : impôts.", inFrench.GetProperty("text").GetString());
        Assert.Empty(await BriefingsAsync(newYork));

        _app.Clock.Advance(TimeSpan.FromHours(6).Add(TimeSpan.FromMinutes(-1))); // 13:29 UTC, 08:29 in New York
        await RunAsync();
        Assert.Empty(await BriefingsAsync(newYork));

        _app.Clock.Advance(TimeSpan.FromMinutes(1)); // 08:30 in New York
        await RunAsync();
        var inEnglish = Assert.Single(await BriefingsAsync(newYork));
        Assert.Equal("Morning! Today: dentist 2:30 PM. On your list: taxes. First small step: taxes.", inEnglish.GetProperty("text").GetString());

        // later runs the same day, and the next hours, send nothing more
        for (var i = 0; i < 4; i++)
        {
            _app.Clock.Advance(TimeSpan.FromHours(1));
            await RunAsync();
        }

        Assert.Single(await BriefingsAsync(paris));
        Assert.Single(await BriefingsAsync(newYork));
    }

    [Fact]
    public async Task EveningReview_ListsWhatGotDoneFirst_ThenWhatRollsToTomorrow()
    {
        var person = await PersonAsync("Europe/Paris", "en", evening: "21:00");
        var laundry = await AddAsync(person, "/api/v1/tasks", new { title = "laundry", due = "2026-11-18" });
        var plumber = await AddAsync(person, "/api/v1/tasks", new { title = "call the plumber" });
        await AddAsync(person, "/api/v1/tasks", new { title = "taxes", due = "2026-11-17" });
        await CompleteAsync(person, laundry);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await CompleteAsync(person, plumber);

        _app.Clock.Advance(TimeSpan.FromHours(14).Add(TimeSpan.FromMinutes(-6))); // 19:59 UTC, 20:59 in Paris
        await RunAsync();
        Assert.Empty(await BriefingsAsync(person, "review"));

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunAsync();
        await RunAsync();
        var review = Assert.Single(await BriefingsAsync(person, "review"));
        Assert.Equal("Done today: laundry, call the plumber. Nice work. Rolling to tomorrow: taxes (no rush). Sleep well.", review.GetProperty("text").GetString());
    }

    [Fact]
    public async Task EveningReview_Off_SendsNone()
    {
        var person = await PersonAsync("Europe/Paris", "en");
        var done = await AddAsync(person, "/api/v1/tasks", new { title = "laundry", due = "2026-11-18" });
        await CompleteAsync(person, done);

        for (var hour = 0; hour < 17; hour++)
        {
            _app.Clock.Advance(TimeSpan.FromHours(1));
            await RunAsync();
        }

        Assert.Empty(await BriefingsAsync(person, "review"));
    }

    [Fact]
    public async Task TwoRunsAtTheSameTime_SendTheBriefingOnce()
    {
        var person = await PersonAsync("Europe/Paris", "fr");
        await AddAsync(person, "/api/v1/tasks", new { title = "impôts", due = "2026-11-18" });
        _app.Clock.Advance(TimeSpan.FromMinutes(90));

        var tallies = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(RunAsync)));

        Assert.Equal(1, tallies.Sum(t => t.Sent));
        Assert.Single(await BriefingsAsync(person));
    }

    [Fact]
    public async Task MorningBriefing_MoreThanThreeHoursLateAfterDowntime_IsSkipped_AndTomorrowsComes()
    {
        var person = await PersonAsync("Europe/Paris", "en");
        await AddAsync(person, "/api/v1/tasks", new { title = "taxes", due = "2026-11-19" });

        _app.Clock.Advance(TimeSpan.FromHours(5)); // 12:00 in Paris: the host was down since 07:00
        var late = await RunAsync();
        Assert.Equal(1, late.SkippedLate);
        Assert.Empty(await BriefingsAsync(person));

        _app.Clock.Advance(TimeSpan.FromHours(20).Add(TimeSpan.FromMinutes(30))); // 07:30 UTC, 08:30 in Paris the next day
        await RunAsync();
        var briefing = Assert.Single(await BriefingsAsync(person));
        Assert.Equal("Morning! On your list: taxes. First small step: taxes.", briefing.GetProperty("text").GetString());
    }

    [Fact]
    public async Task MorningBriefing_CarriesTheRemindersHeldForIt()
    {
        var person = await PersonAsync("Europe/Paris", "en");
        await AddAsync(person, "/api/v1/reminders", new { text = "water the plants", when = "2026-11-18T10:00:00" });

        // the host was down from before 10:00 until 08:30 the next day: beyond the grace window, the reminder waits for the briefing
        _app.Clock.Advance(TimeSpan.FromHours(25).Add(TimeSpan.FromMinutes(30)));
        await Dispatch.RunAsync(_app);
        await RunAsync();

        var briefing = Assert.Single(await BriefingsAsync(person));
        Assert.Equal("Morning! Kept for this briefing: water the plants.", briefing.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Preview_SaysWhatTheBriefingWouldSay_WithoutSendingIt()
    {
        var person = await PersonAsync("Europe/Paris", "fr");
        await AddAsync(person, "/api/v1/tasks", new { title = "impôts", due = "2026-11-18" });
        using var client = (await Dispatch.FreshAsync(_app, person)).Client(_app);

        var morning = await client.GetFromJsonAsync<JsonElement>("/api/v1/briefings/preview");
        Assert.Equal("briefing", morning.GetProperty("kind").GetString());
        Assert.Equal("Bonjour ! Sur ta liste : impôts. Premier petit pas : impôts.", morning.GetProperty("text").GetString());
        var evening = await client.GetFromJsonAsync<JsonElement>("/api/v1/briefings/preview?kind=review");
        Assert.Equal("Pour demain : impôts (sans pression). Bonne soirée.", evening.GetProperty("text").GetString());
        Assert.Empty(await Dispatch.NotificationsAsync(_app, person));

        using var bad = await client.GetAsync("/api/v1/briefings/preview?kind=weekly");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var anonymous = _app.CreateClient();
        using var refused = await anonymous.GetAsync("/api/v1/briefings/preview");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<BriefingTally> RunAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BriefingJob>().RunAtAsync(_app.Clock.GetUtcNow(), CancellationToken.None);
    }

    private async Task<TestUser> PersonAsync(string zone, string locale, string? evening = null)
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        using var profile = await client.PatchAsJsonAsync("/api/v1/users/me", new { timeZone = zone, locale });
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        using var preferences = await client.PutAsJsonAsync("/api/v1/users/me/preferences", new
        {
            quietHoursStart = "22:00",
            quietHoursEnd = "08:00",
            dailyNudgeCap = 6,
            preferredChannels = new[] { "web" },
            replyStyle = "brief",
            morningBriefingTime = "08:30",
            eveningReviewTime = evening,
            defaultCurrency = "EUR",
            missesBeforeBreakdown = 3,
        });
        Assert.Equal(HttpStatusCode.OK, preferences.StatusCode);
        return user;
    }

    private async Task<Guid> AddAsync(TestUser user, string path, object body)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        using var created = await client.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task CompleteAsync(TestUser user, Guid task)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        using var completed = await client.PostAsync($"/api/v1/tasks/{task}/complete", null);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
    }

    private async Task<List<JsonElement>> BriefingsAsync(TestUser user, string kind = "briefing") =>
        [.. (await Dispatch.NotificationsAsync(_app, user)).Where(n => n.GetProperty("kind").GetString() == kind)];
}
