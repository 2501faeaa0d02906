using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Privacy;

/// <summary>
/// Consents (issue 20): recorded with the words shown and kept as a history; a proactive channel needs its consent,
/// checked by the channel delivery right before it sends, so a withdrawal stops the next message at once.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class ConsentTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false").With("Jobs:Workers", "0");
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
    public async Task SigningUp_RecordsTheTerms_WithTheWordsShown()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        var consents = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/consents");

        var current = consents.GetProperty("current").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!);
        Assert.Equal(["terms", "sms", "email", "push"], current.Keys);
        Assert.True(current["terms"].GetProperty("granted").GetBoolean());
        Assert.Equal(_app.Clock.GetUtcNow(), current["terms"].GetProperty("at").GetDateTimeOffset());
        Assert.All(["sms", "email", "push"], kind => Assert.False(current[kind].GetProperty("granted").GetBoolean()));
        Assert.Contains("Reply STOP", current["sms"].GetProperty("text").GetString(), StringComparison.Ordinal);
        var record = Assert.Single(consents.GetProperty("history").EnumerateArray());
        Assert.Equal(("terms", true, "sign-up", "en"), (record.GetProperty("kind").GetString(), record.GetProperty("granted").GetBoolean(),
            record.GetProperty("source").GetString(), record.GetProperty("locale").GetString()));
        Assert.Equal(current["terms"].GetProperty("text").GetString(), record.GetProperty("text").GetString());
    }

    [Fact]
    public async Task TurningAChannelOnOrOff_InTheSettingsOrHere_RecordsTheDecision_AndTheChannelFollowsIt()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        await SetChannelsAsync(client, "web", "email");
        Assert.True(await GrantedAsync(client, "email"));

        using var withdrawn = await client.PutAsJsonAsync("/api/v1/users/me/consents/email", new { granted = false });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(["web"], await ChannelsAsync(client));
        Assert.False(await GrantedAsync(client, "email"));

        using var again = await client.PutAsJsonAsync("/api/v1/users/me/consents/push", new { granted = true });
        Assert.Equal(["web", "push"], await ChannelsAsync(client));
        var history = (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/consents")).GetProperty("history").EnumerateArray()
            .Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("granted").GetBoolean(), r.GetProperty("source").GetString())).ToList();
        Assert.Equal([("push", true, "settings"), ("email", false, "settings"), ("email", true, "settings"), ("terms", true, "sign-up")], history);

        await SetChannelsAsync(client, "web", "push"); // the same answer again records nothing
        Assert.Equal(4, (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/consents")).GetProperty("history").GetArrayLength());

        await ProblemAssertions.AssertProblemAsync(await client.PutAsJsonAsync("/api/v1/users/me/consents/terms", new { granted = false }), HttpStatusCode.Conflict);
        await ProblemAssertions.AssertProblemAsync(await client.PutAsJsonAsync("/api/v1/users/me/consents/fax", new { granted = true }), HttpStatusCode.NotFound);
        await ProblemAssertions.AssertFieldErrorAsync(await client.PutAsJsonAsync("/api/v1/users/me/consents/sms", new { granted = true }), "granted");
        // a body without an answer is refused, never read as a withdrawal
        await ProblemAssertions.AssertFieldErrorAsync(await client.PutAsJsonAsync("/api/v1/users/me/consents/push", new { }), "granted");
        Assert.Equal(["web", "push"], await ChannelsAsync(client));
        await ProblemAssertions.AssertProblemAsync(await client.PutAsync("/api/v1/users/me/consents/sms",
            new StringContent("""{"granted":"maybe"}""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// For each proactive channel: turned on, with a target, but the consent withdrawn (the channel left on, as a STOP
    /// leaves SMS on): the nudge goes nowhere on it and the attempt says why; agreeing again sends the next one.
    /// </summary>
    [Theory]
    [InlineData("push")]
    [InlineData("sms")]
    [InlineData("email")]
    public async Task WithoutConsent_NothingProactiveGoesOnTheChannel_AndAgreeingAgainSendsTheNext(string channel)
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var browser = _push.NewBrowser();
        string? number = null;
        using (var client = user.Client(_app))
        {
            if (channel == "push")
            {
                using var subscribed = await client.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription("Firefox"));
                Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
            }
            else if (channel == "sms")
            {
                (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, user, Infrastructure.Mfa.NewUsNumber());
            }

            await SetChannelsAsync(client, "web", channel);
            using var withdrawn = await client.PutAsJsonAsync($"/api/v1/users/me/consents/{channel}", new { granted = false });
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        await TurnOnWithoutConsentAsync(user, channel);
        var refused = await NudgeAsync(user, "take the pills");
        Assert.Equal([(channel, "no-consent")], await AttemptsAsync(refused));
        Assert.Empty(_push.Delivered(browser));
        Assert.Equal(0, await SentOutsideTheAppAsync(user, number));

        using (var client = (await Dispatch.FreshAsync(_app, user)).Client(_app))
        {
            using var agreed = await client.PutAsJsonAsync($"/api/v1/users/me/consents/{channel}", new { granted = true });
            Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        }

        var sent = await NudgeAsync(user, "water the plants");
        Assert.Equal([(channel, "sent")], await AttemptsAsync(sent));
        Assert.Equal(1, channel == "push" ? _push.Delivered(browser).Count : await SentOutsideTheAppAsync(user, number));
    }

    private static async Task SetChannelsAsync(HttpClient client, params string[] channels)
    {
        var preferences = await client.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/users/me/preferences");
        var body = preferences!.ToDictionary(p => p.Key, p => (object?)p.Value);
        body["preferredChannels"] = channels;
        using var saved = await client.PutAsJsonAsync("/api/v1/users/me/preferences", body);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }

    private static async Task<List<string>> ChannelsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/preferences")).GetProperty("preferredChannels").EnumerateArray().Select(c => c.GetString()!)];

    private static async Task<bool> GrantedAsync(HttpClient client, string kind) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/consents")).GetProperty("current").EnumerateArray()
        .Single(c => c.GetProperty("kind").GetString() == kind).GetProperty("granted").GetBoolean();

    /// <summary>Puts the channel back in the preferences behind the consents' back: only the delivery's own check stands in the way.</summary>
    private async Task TurnOnWithoutConsentAsync(TestUser user, string channel)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = await db.Users.SingleAsync(u => u.Id == user.Id);
        account.Preferences.PreferredChannels = ["web", channel];
        await db.SaveChangesAsync();
    }

    /// <summary>A reminder due now, dispatched, and its channel delivery run; the notification's id.</summary>
    private async Task<Guid> NudgeAsync(TestUser user, string text)
    {
        using (var client = (await Dispatch.FreshAsync(_app, user)).Client(_app))
        {
            var when = _app.Clock.GetUtcNow().AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        var notificationId = (await Dispatch.NotificationsAsync(_app, user))[0].GetProperty("id").GetGuid();
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChannelDeliveryService>().DeliverAsync(notificationId, 0, CancellationToken.None);
        return notificationId;
    }

    private async Task<List<(string, string)>> AttemptsAsync(Guid notificationId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<DeliveryAttempt>().AsNoTracking()
            .Where(a => a.NotificationId == notificationId).OrderBy(a => a.Id).Select(a => new ValueTuple<string, string>(a.Channel, a.Outcome)).ToListAsync();
    }

    /// <summary>Reminder texts and emails in the outbox (the simulator's record of what went out); codes and confirmations aside.</summary>
    private async Task<int> SentOutsideTheAppAsync(TestUser user, string? number)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Outbox.AsNoTracking().CountAsync(m => m.UserId == user.Id && m.Body.StartsWith("Reminder:")
                                                             && ((m.Channel == "email" && m.Recipient == user.Email) || (m.Channel == "sms" && m.Recipient == number)));
    }
}
