using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;
using ISmsSender = PersonalAssistant.Server.Messaging.ISmsSender;
using OutgoingSms = PersonalAssistant.Server.Messaging.SmsMessage;

namespace PersonalAssistant.Server.Tests.Features.Sms;

/// <summary>
/// SMS allowances per role (issue 17): a nudge past the allowance goes to the next channel, 80% is told once, a reply
/// past the allowance is one short text then nothing (the turn still runs), and administrators see and change them.
/// Defaults: user 20 segments a day, 300 a month. The instance's first account is its administrator (unlimited), so
/// each test registers one before the person.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class SmsAllowanceTests : IAsyncLifetime
{
    private const string Phone = "+15145550177";

    private FakeTwilio _twilio = null!;
    private AssistantApp? _app;

    private AssistantApp App => _app ?? throw new InvalidOperationException("Start a host first.");

    public async Task InitializeAsync() => _twilio = await FakeTwilio.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await ((IAsyncLifetime)_app).DisposeAsync();
        }

        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task Nudge_PastTheDailyAllowance_SkipsSms_AndFallsBackToTheNextChannel()
    {
        await StartWithFakeTwilioAsync();
        await Accounts.RegisterAndLoginAsync(App, Accounts.NewEmail("admin"));
        var (user, notificationId) = await DueReminderWithSmsAsync("water the plants", sentTodayBefore: 20);

        await RunDeliveryAsync(notificationId);

        Assert.Empty(_twilio.Received);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var attempts = await db.Set<DeliveryAttempt>().AsNoTracking().Where(a => a.NotificationId == notificationId).ToListAsync();
        Assert.Equal(
            [("email", "sent", null), ("sms", "failed-permanent", "sms-allowance"), ("sms", "fell-back", "sms-allowance")],
            attempts.Select(a => (a.Channel, a.Outcome, a.Error)).Order());
        Assert.Equal(["Reminder: water the plants"], await db.Outbox.AsNoTracking().Where(m => m.UserId == user.Id && m.Channel == "email" && m.Subject == "Reminder").Select(m => m.Body).ToListAsync());
    }

    [Fact]
    public async Task Nudge_UnderTheAllowance_GoesBySms_AndAt80PercentThePersonIsToldOnce()
    {
        await StartWithFakeTwilioAsync();
        await Accounts.RegisterAndLoginAsync(App, Accounts.NewEmail("admin"));
        var (user, notificationId) = await DueReminderWithSmsAsync("take the pills", sentTodayBefore: 15);

        await RunDeliveryAsync(notificationId); // 15 + 1 = 16 of 20: 80%

        Assert.Equal("Reminder: take the pills", Assert.Single(_twilio.Accepted).Body);
        var notices = await AllowanceNoticesAsync(user);
        Assert.Equal(["You have used 16 of your 20 texts for today. Past that, reminders reach you in the app and on your other channels instead."], notices);

        // more texts the same day: no second notice
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISmsSender>().SendAsync(new OutgoingSms(Phone, "Noted.", user.Id), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<ISmsSender>().SendAsync(new OutgoingSms(Phone, "Done.", user.Id), CancellationToken.None);
        }

        Assert.Equal(3, _twilio.Accepted.Count);
        Assert.Single(await AllowanceNoticesAsync(user));

        // and the person sees where they stand
        using var client = (await Dispatch.FreshAsync(App, user)).Client(App);
        var allowance = (await client.GetFromJsonAsync<JsonElement>("/api/v1/sms/usage")).GetProperty("allowance");
        Assert.Equal((20, 18, 2, 300, 18, 282), (allowance.GetProperty("daily").GetInt32(), allowance.GetProperty("usedToday").GetInt32(),
            allowance.GetProperty("leftToday").GetInt32(), allowance.GetProperty("monthly").GetInt32(), allowance.GetProperty("usedThisMonth").GetInt32(),
            allowance.GetProperty("leftThisMonth").GetInt32()));
    }

    [Fact]
    public async Task Reply_PastTheAllowance_IsOneShortTextThenNothing_AndTheTurnStillRuns()
    {
        _app = TwilioWebhook.Configure(new AssistantApp());
        await ((IAsyncLifetime)_app).InitializeAsync();
        await Accounts.RegisterAndLoginAsync(App, Accounts.NewEmail("admin"));
        var user = await Accounts.RegisterAndLoginAsync(App);
        var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(App, user, Infrastructure.Mfa.NewUsNumber());
        await SeedSentAsync(user.Id, 20);

        await TwilioWebhook.TextAsync(App, number, "remind me at 2 pm to call mom");
        await TwilioWebhook.RunJobsAsync(App);
        await TwilioWebhook.TextAsync(App, number, "remind me at 3 pm to call dad");
        await TwilioWebhook.RunJobsAsync(App);

        Assert.Equal(["You are out of texts for today. The assistant’s answer is in the app."], await TwilioWebhook.RepliesToAsync(App, number));
        using var client = user.Client(App);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Allowances_AdministratorSeesAndChangesThem_Audited_AndTheyApply()
    {
        _app = TwilioWebhook.Configure(new AssistantApp());
        await ((IAsyncLifetime)_app).InitializeAsync();
        var admin = await Accounts.RegisterAndLoginAsync(App, Accounts.NewEmail("admin"));
        var user = await Accounts.RegisterAndLoginAsync(App);
        var premium = await Accounts.RegisterAndLoginAsync(App);
        using var adminClient = admin.Client(App);
        using (var granted = await adminClient.PostAsJsonAsync($"/api/v1/admin/users/{premium.Id}/roles", new { role = "premium" }))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        Assert.Equal(
            [("user", 20, 300, "configuration"), ("premium", 100, 1500, "configuration"), ("administrator", -1, -1, "unlimited")],
            Rows(await adminClient.GetFromJsonAsync<JsonElement>("/api/v1/admin/sms/allowances")));

        using var changed = await adminClient.PutAsJsonAsync("/api/v1/admin/sms/allowances", new { userDaily = 2, userMonthly = 10 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(
            [("user", 2, 10, "override"), ("premium", 100, 1500, "configuration"), ("administrator", -1, -1, "unlimited")],
            Rows(await changed.Content.ReadFromJsonAsync<JsonElement>()));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var audit = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
                .SingleAsync(e => e.Action == "admin.sms_allowances_updated");
            Assert.Equal(admin.Id, audit.ActorUserId);
            Assert.Contains("user=2/10", AuditDetail.FromStored(audit.Detail)!.Values);
        }

        using var userClient = user.Client(App);
        var mine = (await userClient.GetFromJsonAsync<JsonElement>("/api/v1/sms/usage")).GetProperty("allowance");
        Assert.Equal((2, 10, false), (mine.GetProperty("daily").GetInt32(), mine.GetProperty("monthly").GetInt32(), mine.GetProperty("unlimited").GetBoolean()));
        using var premiumClient = (await Dispatch.FreshAsync(App, premium)).Client(App);
        var theirs = (await premiumClient.GetFromJsonAsync<JsonElement>("/api/v1/sms/usage")).GetProperty("allowance");
        Assert.Equal(100, theirs.GetProperty("daily").GetInt32());
        var adminsOwn = (await adminClient.GetFromJsonAsync<JsonElement>("/api/v1/sms/usage")).GetProperty("allowance");
        Assert.True(adminsOwn.GetProperty("unlimited").GetBoolean());

        using var half = await adminClient.PutAsJsonAsync("/api/v1/admin/sms/allowances", new { premiumDaily = 5 });
        await ProblemAssertions.AssertFieldErrorAsync(half, "premiumMonthly");
        using var negative = await adminClient.PutAsJsonAsync("/api/v1/admin/sms/allowances", new { userDaily = -1, userMonthly = 10 });
        await ProblemAssertions.AssertFieldErrorAsync(negative, "userDaily");
        using var refused = await userClient.PutAsJsonAsync("/api/v1/admin/sms/allowances", new { userDaily = 1000, userMonthly = 1000 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var refusedRead = await userClient.GetAsync("/api/v1/admin/sms/allowances");
        Assert.Equal(HttpStatusCode.Forbidden, refusedRead.StatusCode);

        // back to the configuration
        using var reset = await adminClient.PutAsJsonAsync("/api/v1/admin/sms/allowances", new { });
        Assert.Equal(("user", 20, 300, "configuration"), Rows(await reset.Content.ReadFromJsonAsync<JsonElement>())[0]);
    }

    private static List<(string, int, int, string)> Rows(JsonElement list) =>
    [
        .. list.EnumerateArray().Select(r => (r.GetProperty("role").GetString()!,
            r.GetProperty("daily").ValueKind == JsonValueKind.Null ? -1 : r.GetProperty("daily").GetInt32(),
            r.GetProperty("monthly").ValueKind == JsonValueKind.Null ? -1 : r.GetProperty("monthly").GetInt32(),
            r.GetProperty("source").GetString()!)),
    ];

    private async Task StartWithFakeTwilioAsync()
    {
        _app = new AssistantApp()
            .With("Reminders:Dispatch", "false").With("Jobs:Workers", "0").With("Jobs:RetryAttempts", "3")
            .With("Twilio:AccountSid", FakeTwilio.AccountSid).With("Twilio:AuthToken", FakeTwilio.AuthToken)
            .With("Twilio:PhoneNumber", "+15005550006").With("Twilio:PublicBaseUrl", "https://assistant.example.org").With("Twilio:ApiBaseUrl", _twilio.BaseUrl);
        await ((IAsyncLifetime)_app).InitializeAsync();
    }

    /// <summary>A person with a verified number, sms then email turned on, segments already sent today, and a reminder due and dispatched.</summary>
    private async Task<(TestUser User, Guid NotificationId)> DueReminderWithSmsAsync(string text, int sentTodayBefore)
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var account = await db.Users.SingleAsync(u => u.Id == user.Id);
            account.Preferences = new UserPreferences { PreferredChannels = ["web", "sms", "email"] };
            await Accounts.ConsentToChannelsAsync(scope.ServiceProvider, account);
            db.PhoneNumbers.Add(new PhoneNumber { UserId = user.Id, E164 = Phone, VerifiedAt = App.Clock.GetUtcNow(), IsPrimary = true, CreatedAt = App.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        await SeedSentAsync(user.Id, sentTodayBefore);
        using var client = (await Dispatch.FreshAsync(App, user)).Client(App);
        var when = App.Clock.GetUtcNow().AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(App);
        return (user, Assert.Single(await Dispatch.NotificationsAsync(App, user)).GetProperty("id").GetGuid());
    }

    /// <summary>Outbound parts already sent to the person an hour ago (the same local day in Toronto: the clock is at 9:00 there).</summary>
    private async Task SeedSentAsync(Guid userId, int segments)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var at = App.Clock.GetUtcNow().AddHours(-1);
        db.Set<SmsMessage>().Add(new SmsMessage
        {
            Direction = "outbound",
            UserId = userId,
            From = "+15005550006",
            To = Phone,
            Segments = segments,
            Status = "delivered",
            MessageSid = "SM" + Guid.NewGuid().ToString("N"),
            CreatedAt = at,
            UpdatedAt = at,
        });
        await db.SaveChangesAsync();
    }

    private async Task RunDeliveryAsync(Guid notificationId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChannelDeliveryService>().DeliverAsync(notificationId, 0, CancellationToken.None);
    }

    private async Task<List<string>> AllowanceNoticesAsync(TestUser user) =>
        [.. (await Dispatch.NotificationsAsync(App, user)).Where(n => n.GetProperty("kind").GetString() == "sms-allowance").Select(n => n.GetProperty("text").GetString()!)];
}
