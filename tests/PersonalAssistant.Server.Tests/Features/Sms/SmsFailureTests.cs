using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Sms;

/// <summary>
/// Texts Twilio would not deliver (issue 17), refused by the send call or reported by the status callback: 21610 opts the
/// number out as an inbound STOP does, and a permanent failure of the person's number is told to them once a day, in the
/// app. Sent through the real Twilio client against <see cref="FakeTwilio"/>.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class SmsFailureTests : IAsyncLifetime
{
    private const string Number = "+33612345678";

    private FakeTwilio _twilio = null!;
    private AssistantApp _app = null!;

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilio.StartAsync();
        _app = SmsStatusWebhookTests.Configure(new AssistantApp(), _twilio);
        await ((IAsyncLifetime)_app).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task Callback21610_OptsTheNumberOut_TellsThePersonInTheApp_AndANudgeIsNotTexted()
    {
        var user = await PersonWithNumberAsync();
        var sid = await SendAsync(user, "Done.");

        await SmsStatusWebhookTests.CallbackAsync(_app, sid, "undelivered", errorCode: 21610, to: Number);

        Assert.NotNull(await OptedOutAtAsync());
        var told = Assert.Single(await ToldAsync(user));
        Assert.Equal(
            "Texts to your number ending in 5678 are blocked: the number asked its carrier to stop our messages (STOP). Text START to our number to receive texts again. Until then, your reminders come here and on your other channels.",
            told);

        var sent = _twilio.Received.Count;
        var notificationId = await NudgeAsync(user, "take the pills");
        Assert.Equal(sent, _twilio.Received.Count); // nothing more went to Twilio
        Assert.Equal(
            [("sms", "failed-permanent"), ("sms", "fell-back"), ("email", "sent")],
            (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome)));
    }

    [Fact]
    public async Task ANudgeTexted_ThenReportedUndelivered_FallsBackToTheNextChannel_Once()
    {
        var user = await PersonWithNumberAsync();
        var notificationId = await NudgeAsync(user, "water the plants");
        var sid = Assert.Single(_twilio.Accepted).Sid!;
        var queued = DeliveryJobs(notificationId);

        await SmsStatusWebhookTests.CallbackAsync(_app, sid, "undelivered", errorCode: 30003, to: Number);
        await SmsStatusWebhookTests.CallbackAsync(_app, sid, "failed", errorCode: 30003, to: Number);

        Assert.Equal(queued + 1, DeliveryJobs(notificationId)); // the callback queued the delivery job once, and sent nothing itself
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChannelDeliveryService>().DeliverAsync(notificationId, 0, CancellationToken.None);
        }

        Assert.Single(_twilio.Received);
        Assert.Equal(
            [("sms", "failed-permanent", "twilio-30003"), ("sms", "fell-back", "twilio-30003"), ("sms", "sent", null), ("email", "sent", null)],
            (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome, a.Error)));
        Assert.Equal(["Reminder: water the plants"], await EmailsAsync(user));
        Assert.Empty(await ToldAsync(user)); // 30003 is the handset, not the number
    }

    [Fact]
    public async Task SendRefused21610_OptsTheNumberOut_TheSameWay()
    {
        var user = await PersonWithNumberAsync();
        _twilio.Script.Enqueue((21610, 400));

        await Assert.ThrowsAsync<SmsPermanentException>(() => SendAsync(user, "Done."));

        Assert.NotNull(await OptedOutAtAsync());
        Assert.Single(await ToldAsync(user));
    }

    [Fact]
    public async Task PermanentFailures_AreToldOncePerNumberPerDay_InThePersonsLanguage()
    {
        var user = await PersonWithNumberAsync("fr");
        var first = await SendAsync(user, "Un.");
        var second = await SendAsync(user, "Deux.");
        _twilio.Script.Enqueue((21211, 400));

        await SmsStatusWebhookTests.CallbackAsync(_app, first, "undelivered", errorCode: 30006, to: Number);
        await SmsStatusWebhookTests.CallbackAsync(_app, second, "failed", errorCode: 30006, to: Number);
        await SmsStatusWebhookTests.CallbackAsync(_app, second, "failed", errorCode: 30006, to: Number);
        await Assert.ThrowsAsync<SmsPermanentException>(() => SendAsync(user, "Trois."));

        var told = Assert.Single(await ToldAsync(user));
        Assert.StartsWith("Mes textos vers ton numéro finissant par 5678 n’ont pas pu être livrés", told, StringComparison.Ordinal);
        Assert.Null(await OptedOutAtAsync());

        _app.Clock.Advance(TimeSpan.FromHours(25));
        _twilio.Script.Enqueue((21211, 400));
        await Assert.ThrowsAsync<SmsPermanentException>(() => SendAsync(user, "Quatre."));
        Assert.Equal(2, (await ToldAsync(user)).Count);
        Assert.StartsWith("Mes textos vers ton numéro finissant par 5678 n’ont pas pu être livrés : ce n’est pas un numéro mobile valide", (await ToldAsync(user))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransientFailures_AndOtherPeoplesNumbers_AreNotTold()
    {
        var user = await PersonWithNumberAsync();
        var sid = await SendAsync(user, "Done.");
        _twilio.Script.Enqueue((30003, 400));

        await SmsStatusWebhookTests.CallbackAsync(_app, sid, "delivered", to: Number);
        await Assert.ThrowsAsync<SmsTransientException>(() => SendAsync(user, "Again."));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            // a number the person has not verified (a verification code, say) is not "their number"
            await scope.ServiceProvider.GetRequiredService<ISmsFailures>().FailedAsync("+33699999999", user.Id, 21211, permanent: true, CancellationToken.None);
        }

        Assert.Empty(await ToldAsync(user));
    }

    /// <summary>A person with <see cref="Number"/> verified, and web, sms then email turned on.</summary>
    private async Task<TestUser> PersonWithNumberAsync(string locale = "en")
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = await db.Users.SingleAsync(u => u.Id == user.Id);
        account.Preferences = new UserPreferences { PreferredChannels = ["web", "sms", "email"] };
        await Accounts.ConsentToChannelsAsync(scope.ServiceProvider, account);
        account.Locale = locale;
        db.PhoneNumbers.Add(new PhoneNumber { UserId = user.Id, E164 = Number, VerifiedAt = _app.Clock.GetUtcNow(), IsPrimary = true, CreatedAt = _app.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
        return user;
    }

    private async Task<string> SendAsync(TestUser user, string text)
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISmsSender>().SendAsync(new SmsMessage(Number, text, user.Id), CancellationToken.None);
        }

        return _twilio.Accepted[^1].Sid!;
    }

    private async Task<DateTimeOffset?> OptedOutAtAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().PhoneNumbers.AsNoTracking().Where(p => p.E164 == Number).Select(p => p.OptedOutAt).SingleAsync();
    }

    /// <summary>What the app told the person about their texts, newest first.</summary>
    private async Task<List<string>> ToldAsync(TestUser user) =>
        [.. (await Dispatch.NotificationsAsync(_app, user)).Where(n => n.GetProperty("kind").GetString() == "sms-undelivered").Select(n => n.GetProperty("text").GetString()!)];

    /// <summary>A reminder due in five minutes, dispatched, and its channel job run; answers the notification's id.</summary>
    private async Task<Guid> NudgeAsync(TestUser user, string text)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        var when = _app.Clock.GetUtcNow().AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        var notificationId = (await Dispatch.NotificationsAsync(_app, user)).First(n => n.GetProperty("kind").GetString() == "reminder").GetProperty("id").GetGuid();
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChannelDeliveryService>().DeliverAsync(notificationId, 0, CancellationToken.None);
        return notificationId;
    }

    private int DeliveryJobs(Guid notificationId) =>
        _app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().EnqueuedJobs("critical", 0, 1000).Select(j => j.Value.Job)
            .Count(job => job.Type == typeof(ChannelDeliveryService) && (Guid)job.Args[0] == notificationId);

    private async Task<List<string>> EmailsAsync(TestUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AsNoTracking()
            .Where(m => m.UserId == user.Id && m.Channel == "email" && m.Subject == "Reminder").OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
    }

    private async Task<List<DeliveryAttempt>> AttemptsAsync(Guid notificationId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var attempts = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<DeliveryAttempt>().AsNoTracking()
            .Where(a => a.NotificationId == notificationId).ToListAsync();
        string[] channels = ["push", "sms", "email"];
        string[] outcomes = ["no-consent", "failed-transient", "failed-permanent", "fell-back", "sent"];
        return [.. attempts.OrderBy(a => Array.IndexOf(channels, a.Channel)).ThenBy(a => a.Attempt).ThenBy(a => Array.IndexOf(outcomes, a.Outcome))];
    }
}
