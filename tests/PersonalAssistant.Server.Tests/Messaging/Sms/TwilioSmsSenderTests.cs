using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;
using Twilio.Exceptions;

namespace PersonalAssistant.Server.Tests.Messaging.Sms;

/// <summary>
/// Outbound SMS through the official Twilio client against a local fake of Twilio's REST API (issue 17), through the
/// host: one host per test (its Twilio settings differ), the dispatcher's loop and the job server off; the channel job
/// is run by hand with the retry number Hangfire would give it, as in PushDeliveryTests.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class TwilioSmsSenderTests : IAsyncLifetime
{
    private const string From = "+15005550006";
    private const string To = "+33612345678";
    private const string PublicBaseUrl = "https://assistant.example.org";

    private readonly RecordingSendLog _sendLog = new();
    private bool _logInTheTable;
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
    public async Task LongReply_IsSentThroughTwilio_InNumberedParts_InOrder_WithTheStatusCallback()
    {
        await StartAsync();
        var reply = string.Join(' ', Enumerable.Range(1, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"Sentence number {i} of the reply.")));
        reply = reply[..reply.LastIndexOf('.', 700)] + ".";
        Assert.InRange(reply.Length, 680, 700);
        var userId = Guid.NewGuid();

        var results = await SendAsync(new SmsMessage(To, reply, userId));

        var accepted = _twilio.Accepted;
        Assert.Equal(3, accepted.Count);
        Assert.Equal(accepted.Count, _twilio.Received.Count);
        for (var i = 0; i < accepted.Count; i++)
        {
            var part = accepted[i];
            Assert.StartsWith($"({i + 1}/3) ", part.Body, StringComparison.Ordinal);
            Assert.InRange(part.Body!.Length, 1, 320);
            Assert.Equal((To, From, null), (part.To, part.From, part.MessagingServiceSid));
            Assert.Equal(PublicBaseUrl + "/webhooks/twilio/status", part.StatusCallback);
            Assert.Equal(FakeTwilio.AccountSid, part.User); // basic authentication with the account SID and auth token
        }

        Assert.Equal(
            reply.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            accepted.SelectMany(p => p.Body![(p.Body!.IndexOf(' ', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)));

        // what the sender answers and records: Twilio's SIDs in order, segments, encoding, status
        Assert.Equal(accepted.Select(a => a.Sid), results.Select(r => r.Sid));
        Assert.All(results, r => Assert.Matches("^SM[0-9a-f]{32}$", r.Sid));
        Assert.Equal([1, 2, 3], results.Select(r => r.Part));
        Assert.All(results, r => Assert.Equal((3, SmsEncoding.Gsm7, "queued", userId), (r.Parts, r.Encoding, r.Status, r.UserId)));
        Assert.Equal(accepted.Select(a => SmsSegments.Count(a.Body!)), results.Select(r => r.Segments));
        Assert.Equal(2, results[0].Segments);
        Assert.Equal(results, _sendLog.Parts);
    }

    [Fact]
    public async Task FrenchReply_WithAccentsOutsideGsm_IsUcs2_AndCountedAsTwilioCountsIt()
    {
        await StartAsync();
        var results = await SendAsync(new SmsMessage(To, "Ça y est : c'est noté pour vendredi, je te le rappelle à 9 h. Bonne fête ! 🎉", null));

        var result = Assert.Single(results);
        Assert.Equal((1, SmsEncoding.Ucs2, 2), (result.Parts, result.Encoding, result.Segments));
        Assert.Equal("Ça y est : c'est noté pour vendredi, je te le rappelle à 9 h. Bonne fête ! 🎉", Assert.Single(_twilio.Accepted).Body);
    }

    [Fact]
    public async Task ApiKeyAndMessagingService_AreUsedWhenSet()
    {
        await StartAsync(("Twilio:ApiKeySid", FakeTwilio.ApiKeySid), ("Twilio:ApiKeySecret", FakeTwilio.ApiKeySecret),
            ("Twilio:MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"));

        var result = Assert.Single(await SendAsync(new SmsMessage(To, "Done.", null)));

        var request = Assert.Single(_twilio.Accepted);
        Assert.Equal(FakeTwilio.ApiKeySid, request.User);
        Assert.Equal(FakeTwilio.AccountSid, request.AccountSid);
        Assert.Equal((null, "MG0123456789abcdef0123456789abcdef"), (request.From, request.MessagingServiceSid));
        Assert.Equal(PublicBaseUrl + "/webhooks/twilio/status", request.StatusCallback);
        Assert.Equal("accepted", result.Status);
    }

    [Fact]
    public async Task WrongCredentials_AreRefused_AndThatIsPermanent()
    {
        await StartAsync(("Twilio:AuthToken", "not-the-token"));

        var refused = await Assert.ThrowsAsync<SmsPermanentException>(() => SendAsync(new SmsMessage(To, "Done.", null)));

        Assert.Equal(20003, refused.Code);
        Assert.Equal(401, Assert.Single(_twilio.Received).Status);
        Assert.Empty(_sendLog.Parts);
        Assert.DoesNotContain(To, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30003, 400)]
    [InlineData(20429, 429)]
    [InlineData(20500, 500)]
    [InlineData(20503, 503)]
    public async Task CarrierTroubleRateLimitsAndServerErrors_AreTransient(int code, int status)
    {
        await StartAsync();
        _twilio.Script.Enqueue((code, status));

        var failed = await Assert.ThrowsAsync<SmsTransientException>(() => SendAsync(new SmsMessage(To, "Done.", null)));

        Assert.Equal(code, failed.Code);
        Assert.Equal(status, Assert.Single(_twilio.Received).Status);
    }

    [Fact]
    public async Task EveryPartSent_IsLoggedInTheSmsTable_WithItsSidSegmentsAndStatus_WithoutTheText()
    {
        _logInTheTable = true;
        await StartAsync();
        var reply = string.Join(' ', Enumerable.Repeat("This sentence is forty characters long.", 16));
        var results = await SendAsync(new SmsMessage(To, reply, null));

        await using var scope = App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>()
            .Set<PersonalAssistant.Server.Features.Sms.SmsMessage>().AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
        Assert.Equal(results.Select(r => r.Sid), rows.Select(r => r.MessageSid));
        Assert.All(rows, row =>
        {
            Assert.Equal("outbound", row.Direction);
            Assert.Equal((From, To, "gsm7", string.Empty), (row.From, row.To, row.Encoding, row.Body));
        });
        Assert.Equal(results.Select(r => r.Segments), rows.Select(r => r.Segments));
    }

    [Theory]
    [InlineData(30003, 400, HttpStatusCode.ServiceUnavailable)]
    [InlineData(0, 500, HttpStatusCode.ServiceUnavailable)]
    [InlineData(21614, 400, HttpStatusCode.UnprocessableEntity)]
    public async Task AVerificationCode_TheProviderCannotTake_IsAClearProblem_NotAServerError(int code, int status, HttpStatusCode expected)
    {
        await StartAsync();
        var user = await Accounts.RegisterAndLoginAsync(App);
        _twilio.Script.Enqueue((code, status));
        using var client = user.Client(App);
        using var added = await client.PostAsJsonAsync("/api/v1/users/me/phone-numbers", new { number = To });

        var problem = await added.AssertProblemAsync(expected);
        Assert.Contains("text message", problem.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task APartThatFails_StopsTheReply_AfterThePartsAlreadySent()
    {
        await StartAsync();
        _twilio.Script.Enqueue((0, 201)); // part 1 goes
        _twilio.Script.Enqueue((30001, 400)); // part 2 meets a queue overflow
        var reply = string.Join(' ', Enumerable.Repeat("This sentence is forty characters long.", 16));

        await Assert.ThrowsAsync<SmsTransientException>(() => SendAsync(new SmsMessage(To, reply, null)));

        Assert.Equal([201, 400], _twilio.Received.Select(r => r.Status));
        Assert.StartsWith("(1/", _twilio.Received.First().Body, StringComparison.Ordinal);
        Assert.StartsWith("(2/", _twilio.Received.Last().Body, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(_sendLog.Parts).Part);
    }

    [Fact]
    public async Task ARetry_OfAKeyedReply_SendsOnlyThePartsNotYetAccepted()
    {
        _logInTheTable = true;
        await StartAsync();
        _twilio.Script.Enqueue((0, 201));
        _twilio.Script.Enqueue((0, 201));
        _twilio.Script.Enqueue((30001, 400)); // part 3 of 4 meets a queue overflow
        var reply = string.Join(' ', Enumerable.Repeat("This sentence is forty characters long.", 26));
        var message = new SmsMessage(To, reply, null, "reply-" + Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<SmsTransientException>(() => SendAsync(message));
        var retried = await SendAsync(message);

        Assert.Equal([201, 201, 400, 201, 201], _twilio.Received.Select(r => r.Status));
        Assert.Equal(["(1/4)", "(2/4)", "(3/4)", "(3/4)", "(4/4)"], _twilio.Received.Select(r => r.Body![..5]));
        Assert.Equal([3, 4], retried.Select(r => r.Part));
        await using var scope = App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>()
            .Set<PersonalAssistant.Server.Features.Sms.SmsMessage>().AsNoTracking().OrderBy(m => m.Part).ToListAsync();
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Part));
        Assert.Equal(_twilio.Accepted.Select(a => a.Sid), rows.Select(r => r.MessageSid));
        Assert.All(rows, row => Assert.StartsWith(message.Key + "#", row.SendKey, StringComparison.Ordinal));

        // the same key with another text (a turn answered again differently) is a new text: every part goes
        await SendAsync(message with { Body = "Something else." });
        Assert.Equal("Something else.", _twilio.Received.Last().Body);
    }

    [Theory]
    [InlineData(30001, true)]
    [InlineData(30005, true)]
    [InlineData(21211, false)]
    [InlineData(21610, false)]
    [InlineData(21614, false)]
    [InlineData(30006, false)]
    [InlineData(30007, false)]
    [InlineData(30008, false)]
    public void TwilioCodes_AreClassified(int code, bool transient)
    {
        var classified = TwilioSmsSender.Classify(new ApiException(code, 400, "error", "https://www.twilio.com/docs/errors/" + code), 1, 1);
        Assert.IsType(transient ? typeof(SmsTransientException) : typeof(SmsPermanentException), classified);
    }

    [Fact]
    public void ConnectionErrorsAndTimeouts_AreTransient()
    {
        var timeout = TwilioSmsSender.Classify(new ApiConnectionException("Connection Error: POST", new TaskCanceledException("timeout")), 2, 3);
        Assert.Equal(0, Assert.IsType<SmsTransientException>(timeout).Code);
        Assert.IsType<SmsTransientException>(TwilioSmsSender.Classify(new HttpRequestException("refused"), 1, 1));
    }

    [Fact]
    public async Task CarrierUnreachable_IsRetriedByTheChannelJob_ThenSentOnce()
    {
        await StartAsync();
        _twilio.Script.Enqueue((30003, 400));
        var (user, notificationId) = await DueReminderWithSmsAsync("take the pills");

        await Assert.ThrowsAsync<TransientDeliveryException>(() => RunJobAsync(notificationId, retry: 0));
        await RunJobAsync(notificationId, retry: 1);
        await RunJobAsync(notificationId, retry: 2);

        Assert.Equal([400, 201], _twilio.Received.Select(r => r.Status));
        Assert.Equal("Reminder: take the pills", Assert.Single(_twilio.Accepted).Body);
        Assert.Equal(
            [("sms", "failed-transient", 1, "twilio-30003"), ("sms", "sent", 2, null)],
            (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome, a.Attempt, a.Error)));
        Assert.Empty(await OutboxAsync(user, "email"));
    }

    [Fact]
    public async Task InvalidNumber_IsPermanent_AndFallsBackToTheNextChannelAtOnce()
    {
        await StartAsync();
        _twilio.Script.Enqueue((21211, 400));
        var (user, notificationId) = await DueReminderWithSmsAsync("water the plants");

        await RunJobAsync(notificationId, retry: 0);

        Assert.Equal(400, Assert.Single(_twilio.Received).Status);
        Assert.Equal(
            [("sms", "failed-permanent", "twilio-21211"), ("sms", "fell-back", "twilio-21211"), ("email", "sent", null)],
            (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome, a.Error)));
        Assert.Equal(["Reminder: water the plants"], await OutboxAsync(user, "email"));
    }

    [Fact]
    public async Task WithoutTwilio_EverySmsGoesToTheOutbox()
    {
        _app = new AssistantApp().With("Reminders:Dispatch", "false").With("Jobs:Workers", "0");
        await ((IAsyncLifetime)_app).InitializeAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.IsType<OutboxSender>(scope.ServiceProvider.GetRequiredService<ISmsSender>());
            Assert.Null(scope.ServiceProvider.GetService<TwilioSmsSender>());
        }

        var (user, notificationId) = await DueReminderWithSmsAsync("buy bread");
        await RunJobAsync(notificationId, retry: 0);

        Assert.Empty(_twilio.Received);
        Assert.Equal(["Reminder: buy bread"], await OutboxAsync(user, "sms"));
        Assert.Equal(("sms", "sent"), (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome)).Single());
    }

    [Fact]
    public void PartlySetOrOutOfRangeSettings_FailValidation()
    {
        var validator = new TwilioOptions.Validator();
        Assert.True(validator.Validate(null, new TwilioOptions()).Succeeded);
        Assert.True(validator.Validate(null, new TwilioOptions { AccountSid = FakeTwilio.AccountSid, AuthToken = "t", PhoneNumber = From, PublicBaseUrl = PublicBaseUrl }).Succeeded);
        Assert.True(validator.Validate(null, new TwilioOptions { AccountSid = FakeTwilio.AccountSid, AuthToken = "t", PhoneNumber = From }).Failed); // webhooks need it

        var failed = validator.Validate(null, new TwilioOptions { AccountSid = FakeTwilio.AccountSid, ReplyLimit = 5, ApiKeySid = "SK1", ApiBaseUrl = "ftp://x" });
        Assert.True(failed.Failed);
        var message = string.Join("; ", failed.Failures!);
        Assert.Contains("Twilio: is partly set", message, StringComparison.Ordinal);
        Assert.Contains("Twilio:ReplyLimit", message, StringComparison.Ordinal);
        Assert.Contains("Twilio:ApiKeySid", message, StringComparison.Ordinal);
        Assert.Contains("Twilio:ApiBaseUrl", message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTwilio.AccountSid, message, StringComparison.Ordinal);
    }

    private async Task StartAsync(params (string Key, string? Value)[] overrides)
    {
        var app = new AssistantApp()
            .With("Reminders:Dispatch", "false").With("Jobs:Workers", "0").With("Jobs:RetryAttempts", "3")
            .With("Twilio:AccountSid", FakeTwilio.AccountSid).With("Twilio:AuthToken", FakeTwilio.AuthToken)
            .With("Twilio:PhoneNumber", From).With("Twilio:PublicBaseUrl", PublicBaseUrl).With("Twilio:ApiBaseUrl", _twilio.BaseUrl)
            .WithServices(services =>
            {
                if (!_logInTheTable)
                {
                    services.Replace(ServiceDescriptor.Singleton<ISmsSendLog>(_sendLog));
                }
            });
        foreach (var (key, value) in overrides)
        {
            app.With(key, value);
        }

        _app = app;
        await ((IAsyncLifetime)app).InitializeAsync();
    }

    private async Task<IReadOnlyList<SmsPartResult>> SendAsync(SmsMessage message)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var sender = Assert.IsType<TwilioSmsSender>(scope.ServiceProvider.GetRequiredService<ISmsSender>());
        return await sender.SendPartsAsync(message, CancellationToken.None);
    }

    /// <summary>A person with a verified number, sms then email turned on, and a reminder due and dispatched.</summary>
    private async Task<(TestUser User, Guid NotificationId)> DueReminderWithSmsAsync(string text)
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var account = await db.Users.SingleAsync(u => u.Id == user.Id);
            account.Preferences = new UserPreferences { PreferredChannels = ["web", "sms", "email"] };
            await Accounts.ConsentToChannelsAsync(scope.ServiceProvider, account);
            db.PhoneNumbers.Add(new PhoneNumber { UserId = user.Id, E164 = To, VerifiedAt = App.Clock.GetUtcNow(), IsPrimary = true, CreatedAt = App.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        using var client = (await Dispatch.FreshAsync(App, user)).Client(App);
        var when = App.Clock.GetUtcNow().AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(App);
        return (user, Assert.Single(await Dispatch.NotificationsAsync(App, user)).GetProperty("id").GetGuid());
    }

    private async Task RunJobAsync(Guid notificationId, int retry)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChannelDeliveryService>().DeliverAsync(notificationId, retry, CancellationToken.None);
    }

    private async Task<List<DeliveryAttempt>> AttemptsAsync(Guid notificationId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var attempts = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<DeliveryAttempt>().AsNoTracking()
            .Where(a => a.NotificationId == notificationId).ToListAsync();
        string[] channels = ["push", "sms", "email"];
        string[] outcomes = ["no-consent", "failed-transient", "failed-permanent", "fell-back", "sent"];
        return [.. attempts.OrderBy(a => Array.IndexOf(channels, a.Channel)).ThenBy(a => a.Attempt).ThenBy(a => Array.IndexOf(outcomes, a.Outcome))];
    }

    private async Task<List<string>> OutboxAsync(TestUser user, string channel)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AsNoTracking()
            .Where(m => m.UserId == user.Id && m.Channel == channel && (channel == "sms" || m.Subject == "Reminder"))
            .OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
    }

    private sealed class RecordingSendLog : ISmsSendLog
    {
        private readonly ConcurrentQueue<SmsPartResult> _parts = new();

        public IReadOnlyList<SmsPartResult> Parts => [.. _parts];

        public Task RecordAsync(SmsMessage message, SmsPartResult part, CancellationToken cancellationToken)
        {
            _parts.Enqueue(part);
            return Task.CompletedTask;
        }

        public Task<IReadOnlySet<int>> SentPartsAsync(string sendKey, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<int>>(_parts.Where(p => p.SendKey == sendKey).Select(p => p.Part).ToHashSet());
    }
}
