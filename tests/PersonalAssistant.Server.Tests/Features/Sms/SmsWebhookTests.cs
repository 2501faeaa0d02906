using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;
using Twilio.Security;

namespace PersonalAssistant.Server.Tests.Features.Sms;

/// <summary>
/// Twilio's inbound webhook (issue 17): signatures over the public URL, the account and number checks, idempotency on
/// MessageSid, and the handling job (STOP/START/HELP, unknown numbers, the assistant). The job server is off: each test
/// runs the queued handling jobs itself; replies land in the outbox (the SMS sender of simulator mode).
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class SmsWebhookTests : IAsyncLifetime
{
    private readonly AssistantApp _app = TwilioWebhook.Configure(new AssistantApp())
        .WithServices(services => services.Replace(ServiceDescriptor.Scoped<ISmsSender, FailingSmsSender>()));

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public void SignatureHelper_AgreesWithTwilioRequestValidator()
    {
        var form = TwilioWebhook.Form("+14155550123", "hello");
        var url = TwilioWebhook.PublicBaseUrl + TwilioWebhook.Path;
        Assert.True(new RequestValidator(TwilioWebhook.AuthToken).Validate(url, form, TwilioWebhook.Sign(url, form)));
        Assert.False(new RequestValidator(TwilioWebhook.AuthToken).Validate(url, form, TwilioWebhook.Sign(url, form, "another-token-000000000000000000")));
    }

    [Fact]
    public async Task Webhook_ValidSignature_AnswersEmptyTwiml_AndQueuesOneJob()
    {
        using var response = await TwilioWebhook.PostAsync(_app, TwilioWebhook.Form("+14155550123", "hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response></Response>""", await response.Content.ReadAsStringAsync());
        var recorded = Assert.Single(await TwilioWebhook.InboundAsync(_app));
        Assert.Equal(("received", "hello", (Guid?)null), (recorded.Status, recorded.Body, recorded.UserId));
        Assert.Equal([recorded.Id], await TwilioWebhook.WaitingAsync(_app));
    }

    [Fact]
    public async Task Webhook_ProxyRewrittenHost_IsStillValid_WhenSignedOverThePublicUrl()
    {
        using var response = await TwilioWebhook.PostAsync(_app, TwilioWebhook.Form("+14155550123", "hello"), host: "10.0.0.7:8080");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await TwilioWebhook.InboundAsync(_app));
    }

    [Fact]
    public async Task Webhook_InvalidOrMissingSignature_Is403_CountedAndRecordsNothing()
    {
        var form = TwilioWebhook.Form("+14155550123", "hello");
        // signed over the request's own host (what a proxy rewrite would make a naive check accept), by another token, or not at all
        using var overRequestHost = await TwilioWebhook.PostAsync(_app, form, TwilioWebhook.Sign("http://localhost" + TwilioWebhook.Path, form));
        using var wrongToken = await TwilioWebhook.PostAsync(_app, form, TwilioWebhook.Sign(TwilioWebhook.PublicBaseUrl + TwilioWebhook.Path, form, "another-token-000000000000000000"));
        var tampered = new Dictionary<string, string>(form) { ["Body"] = "tampered" };
        using var changedBody = await TwilioWebhook.PostAsync(_app, tampered, TwilioWebhook.Sign(TwilioWebhook.PublicBaseUrl + TwilioWebhook.Path, form));
        using var missing = await TwilioWebhook.PostAsync(_app, form, signature: null);

        foreach (var response in new[] { overRequestHost, wrongToken, changedBody, missing })
        {
            await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        Assert.Empty(await TwilioWebhook.InboundAsync(_app));
        Assert.Empty(await TwilioWebhook.WaitingAsync(_app));
        using var scraper = _app.CreateClient();
        var metrics = await MetricsScrape.UntilAsync(scraper, "pa_sms_signature_rejections_total");
        Assert.Matches("""pa_sms_signature_rejections_total\{[^}]*reason="bad-signature"[^}]*\} 3""", metrics);
        Assert.Matches("""pa_sms_signature_rejections_total\{[^}]*reason="missing-signature"[^}]*\} 1""", metrics);
    }

    [Fact]
    public async Task Webhook_WrongAccountSid_OrUnknownTo_Is403()
    {
        using var otherAccount = await TwilioWebhook.PostAsync(_app, TwilioWebhook.Form("+14155550123", "hello", accountSid: "AC99999999999999999999999999999999"));
        using var otherNumber = await TwilioWebhook.PostAsync(_app, TwilioWebhook.Form("+14155550123", "hello", to: "+15145550199"));

        await ProblemAssertions.AssertProblemAsync(otherAccount, HttpStatusCode.Forbidden);
        await ProblemAssertions.AssertProblemAsync(otherNumber, HttpStatusCode.Forbidden);
        Assert.Empty(await TwilioWebhook.InboundAsync(_app));
    }

    [Fact]
    public async Task Webhook_DuplicateMessageSid_Answers200_AndIsHandledOnce()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, user, Infrastructure.Mfa.NewUsNumber());
        var form = TwilioWebhook.Form(number, "help");

        using var first = await TwilioWebhook.PostAsync(_app, form);
        using var again = await TwilioWebhook.PostAsync(_app, form);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var id = Assert.Single(await TwilioWebhook.WaitingAsync(_app));
        await TwilioWebhook.RunJobsAsync(_app);

        // a second run of the same text (two replicas' sweeps queued it) does nothing more either
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PersonalAssistant.Server.Features.Sms.InboundSmsJob>().HandleAsync(id, CancellationToken.None);
        }

        var recorded = Assert.Single(await TwilioWebhook.InboundAsync(_app));
        Assert.Equal(("handled", (Guid?)user.Id), (recorded.Status, recorded.UserId));
        Assert.Single(await TwilioWebhook.RepliesToAsync(_app, number));
    }

    [Fact]
    public async Task ACaptureByText_SaysHowToUndoByText_AndUndoByTextTakesItBack()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, user, Infrastructure.Mfa.NewUsNumber());

        using (var capture = await TwilioWebhook.PostAsync(_app, TwilioWebhook.Form(number, "buy stamps")))
        {
            Assert.Equal(HttpStatusCode.OK, capture.StatusCode);
        }

        await TwilioWebhook.RunJobsAsync(_app);
        // The web app shows an Undo button beside the reply; a text message says the word to send instead.
        Assert.Equal("Got it: buy stamps. Reply UNDO to cancel.", Assert.Single(await TwilioWebhook.RepliesToAsync(_app, number)));

        using (var undo = await TwilioWebhook.PostAsync(_app, TwilioWebhook.Form(number, "UNDO")))
        {
            Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        }

        await TwilioWebhook.RunJobsAsync(_app);
        Assert.StartsWith("Undone: buy stamps", (await TwilioWebhook.RepliesToAsync(_app, number)).Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_AnswersInThePersonsLanguage_AndInEnglishForAnUnknownNumber()
    {
        var english = await Accounts.RegisterAndLoginAsync(_app);
        var (_, englishNumber) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, english, Infrastructure.Mfa.NewUsNumber());
        var french = await Accounts.RegisterAndLoginAsync(_app);
        await SetLocaleAsync(french, "fr");
        var (_, frenchNumber) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, french, Infrastructure.Mfa.NewUsNumber());
        const string stranger = "+14155550177";

        await TwilioWebhook.TextAsync(_app, englishNumber, "HELP");
        await TwilioWebhook.TextAsync(_app, frenchNumber, "Aide !");
        await TwilioWebhook.TextAsync(_app, stranger, "help.");
        await TwilioWebhook.RunJobsAsync(_app);

        var englishHelp = Assert.Single(await TwilioWebhook.RepliesToAsync(_app, englishNumber));
        Assert.StartsWith("Personal Assistant: text me what to remember", englishHelp, StringComparison.Ordinal);
        Assert.Contains("Text STOP to stop", englishHelp, StringComparison.Ordinal);
        var frenchHelp = Assert.Single(await TwilioWebhook.RepliesToAsync(_app, frenchNumber));
        Assert.StartsWith("Personal Assistant : écris-moi", frenchHelp, StringComparison.Ordinal);
        Assert.Contains("Envoie STOP pour arrêter", frenchHelp, StringComparison.Ordinal);
        Assert.Equal(englishHelp, Assert.Single(await TwilioWebhook.RepliesToAsync(_app, stranger)));
    }

    [Fact]
    public async Task Stop_OptsTheNumberOut_ANudgeIsNotTexted_AndStartRestores()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, user, Infrastructure.Mfa.NewUsNumber());
        await ChannelsAsync(user, "web", "sms");

        await TwilioWebhook.TextAsync(_app, number, "Arrêt!");
        await TwilioWebhook.RunJobsAsync(_app);
        Assert.StartsWith("You are unsubscribed", Assert.Single(await TwilioWebhook.RepliesToAsync(_app, number)), StringComparison.Ordinal);
        Assert.True(Assert.Single(await PhonesAsync(user)).GetProperty("optedOut").GetBoolean());

        // opted out: a question gets no reply, and a due reminder does not go by SMS (STOP withdrew the SMS consent)
        await TwilioWebhook.TextAsync(_app, number, "what's on today?");
        await TwilioWebhook.RunJobsAsync(_app);
        var notificationId = await NudgeAsync(user, "take the pills");
        Assert.Equal(
            [("sms", "no-consent", (string?)null)],
            (await AttemptsAsync(notificationId)).Select(a => (a.Channel, a.Outcome, a.Error)));
        Assert.Single(await TwilioWebhook.RepliesToAsync(_app, number));

        await TwilioWebhook.TextAsync(_app, number, "start");
        await TwilioWebhook.RunJobsAsync(_app);
        Assert.StartsWith("You are subscribed to Personal Assistant texts again", (await TwilioWebhook.RepliesToAsync(_app, number))[^1], StringComparison.Ordinal);
        Assert.False(Assert.Single(await PhonesAsync(user)).GetProperty("optedOut").GetBoolean());

        var next = await NudgeAsync(user, "water the plants");
        Assert.Equal([("sms", "sent")], (await AttemptsAsync(next)).Select(a => (a.Channel, a.Outcome)));
        Assert.Equal("Reminder: water the plants", (await TwilioWebhook.RepliesToAsync(_app, number))[^1]);
    }

    [Fact]
    public async Task Text_RemindMeAt2Pm_ReachesTheEngineUnchanged_AndMakesA1400Reminder()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, user, Infrastructure.Mfa.NewUsNumber());
        const string text = "remind me at 2 pm to call mom";

        await TwilioWebhook.TextAsync(_app, number, text);
        await TwilioWebhook.RunJobsAsync(_app);

        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        var conversation = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("items").EnumerateArray());
        Assert.Equal("sms", conversation.GetProperty("channel").GetString());
        var messages = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation.GetProperty("id").GetGuid()}/messages"))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(text, messages.Single(m => m.GetProperty("role").GetString() == "user").GetProperty("text").GetString());
        var reminder = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").EnumerateArray());
        Assert.Equal("14:00", reminder.GetProperty("when").GetString()![11..16]);
        Assert.Contains("call mom", reminder.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        var reply = Assert.Single(await TwilioWebhook.RepliesToAsync(_app, number));
        Assert.Equal(messages.Single(m => m.GetProperty("role").GetString() == "assistant").GetProperty("text").GetString(), reply);

        // a second text goes to the same SMS conversation
        await TwilioWebhook.TextAsync(_app, number, "thanks");
        await TwilioWebhook.RunJobsAsync(_app);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task UnknownNumber_GetsTheSignUpLinkOnce_AndAfterVerifyingImportsItsTexts()
    {
        var number = Infrastructure.Mfa.NewUsNumber();
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var e164 = await AddedNumberAsync(user, number);

        await TwilioWebhook.TextAsync(_app, e164, "remind me at 2 pm to call mom");
        await TwilioWebhook.TextAsync(_app, e164, "and buy milk");
        await TwilioWebhook.RunJobsAsync(_app);
        var onboarding = Assert.Single(await TwilioWebhook.RepliesToAsync(_app, e164));
        Assert.Contains("https://assistant.example.org/register", onboarding, StringComparison.Ordinal);
        Assert.All(await TwilioWebhook.InboundAsync(_app), m => Assert.Null(m.UserId));

        // before the number is verified nothing is imported
        using var client = user.Client(_app);
        using var early = await client.PostAsync("/api/v1/sms/imports", null);
        Assert.Equal(0, (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());

        await VerifyAsync(user, e164);
        using var imported = await client.PostAsync("/api/v1/sms/imports", null);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        using var twice = await client.PostAsync("/api/v1/sms/imports", null);
        Assert.Equal(0, (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        await RunImportJobAsync();

        Assert.All(await TwilioWebhook.InboundAsync(_app), m => Assert.Equal(user.Id, m.UserId));
        var conversation = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("items").EnumerateArray());
        var said = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation.GetProperty("id").GetGuid()}/messages"))
            .GetProperty("items").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal(["remind me at 2 pm to call mom", "and buy milk"], said);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").EnumerateArray());
        Assert.Single(await TwilioWebhook.RepliesToAsync(_app, e164)); // the import answers in the app, not by SMS
    }

    [Fact]
    public async Task UnknownTexts_OlderThan24Hours_AreNotImported()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var e164 = await AddedNumberAsync(user, Infrastructure.Mfa.NewUsNumber());
        await TwilioWebhook.TextAsync(_app, e164, "too old");
        await TwilioWebhook.RunJobsAsync(_app);

        _app.Clock.Advance(TimeSpan.FromHours(25));
        user = await Dispatch.FreshAsync(_app, user);
        await VerifyAsync(user, e164);
        using var client = user.Client(_app);
        using var imported = await client.PostAsync("/api/v1/sms/imports", null);
        Assert.Equal(0, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task DeactivatedAccount_GetsAShortNeutralReply_AndNoTurn()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, user, Infrastructure.Mfa.NewUsNumber());
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        }

        await TwilioWebhook.TextAsync(_app, number, "remind me at 2 pm to call mom");
        await TwilioWebhook.RunJobsAsync(_app);

        Assert.Equal(["This Personal Assistant account is not active."], await TwilioWebhook.RepliesToAsync(_app, number));
        await using var check = _app.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<AppDbContext>().Conversations.AnyAsync(c => c.UserId == user.Id));
    }

    [Fact]
    public async Task Stop_FromAnUnknownNumber_IsKept_SoTheNumberAddedLaterStartsOptedOut_AndGetsNoCodeUntilStart()
    {
        var number = Infrastructure.Mfa.NewUsNumber().Replace(" ", string.Empty, StringComparison.Ordinal);
        await TwilioWebhook.TextAsync(_app, number, "STOP");
        await TwilioWebhook.RunJobsAsync(_app);
        Assert.StartsWith("You are unsubscribed", Assert.Single(await TwilioWebhook.RepliesToAsync(_app, number)), StringComparison.Ordinal);

        var user = await Accounts.RegisterAndLoginAsync(_app);
        var e164 = await AddedNumberAsync(user, number);
        Assert.Equal(number, e164);
        Assert.True(Assert.Single(await PhonesAsync(user)).GetProperty("optedOut").GetBoolean());
        Assert.DoesNotContain(await AllTextsToAsync(e164), body => body.Contains("code", StringComparison.OrdinalIgnoreCase));

        // START from the phone opts it back in; a new code then reaches it and it verifies
        await TwilioWebhook.TextAsync(_app, e164, "START");
        await TwilioWebhook.RunJobsAsync(_app);
        Assert.False(Assert.Single(await PhonesAsync(user)).GetProperty("optedOut").GetBoolean());
        await VerifyAsync(user, e164);
    }

    [Fact]
    public async Task Sweep_QueuesAgainATextLeftReceived_HandledOnce_AndDeletesUnclaimedTextsAfterADay()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, user, Infrastructure.Mfa.NewUsNumber());
        var stranger = Infrastructure.Mfa.NewUsNumber();
        await TwilioWebhook.TextAsync(_app, stranger, "hello?");
        await TwilioWebhook.RunJobsAsync(_app);

        // a text whose handling failed (the reply could not be sent): given back as received
        await TwilioWebhook.TextAsync(_app, number, "remind me at 2 pm to call mom");
        var lost = Assert.Single(await TwilioWebhook.WaitingAsync(_app));
        FailingSmsSender.FailNext = 1;
        await TwilioWebhook.RunJobsAsync(_app);
        Assert.Equal([lost], await TwilioWebhook.WaitingAsync(_app));

        // a queue of its own with one worker (this host's has none: it sweeps nothing and keeps nothing in memory)
        using var queue = new InboundSmsQueue(
            _app.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new InboundSmsOptions { Workers = 1 }), _app.Clock,
            NullLogger<InboundSmsQueue>.Instance);
        Assert.Equal((0, 0), await queue.SweepAsync(CancellationToken.None)); // too fresh to be taken as stuck

        _app.Clock.Advance(InboundSmsQueue.StuckAfter + TimeSpan.FromSeconds(1));
        Assert.Equal((0, 0), await SweepAsync());
        Assert.Empty(_app.Services.GetRequiredService<InboundSmsQueue>().Pending);
        Assert.Equal((1, 0), await queue.SweepAsync(CancellationToken.None));
        Assert.Equal((0, 0), await queue.SweepAsync(CancellationToken.None)); // waiting or handled by now: not queued twice

        // the queue's worker handles it, and a second run (another replica's sweep took it too) does nothing: one reply, one reminder
        Assert.Empty(await Eventually.UntilAsync(() => Task.FromResult(queue.Pending), pending => pending.Count == 0));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InboundSmsJob>().HandleAsync(lost, CancellationToken.None);
        }

        Assert.Single(await TwilioWebhook.RepliesToAsync(_app, number));
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").EnumerateArray());

        // the stranger's text stays a day for an import, then goes; the person's texts stay
        Assert.Contains(await TwilioWebhook.InboundAsync(_app), m => m.From == stranger);
        _app.Clock.Advance(SmsService.UnknownKeptFor);
        Assert.Equal((0, 1), await SweepAsync());
        var left = await TwilioWebhook.InboundAsync(_app);
        Assert.DoesNotContain(left, m => m.From == stranger);
        Assert.Contains(left, m => m.Id == lost);
    }

    [Fact]
    public async Task Texts_AreHandledAtOnce_ByTheQueuesLanes_WhenWorkersRun()
    {
        var app = TwilioWebhook.Configure(new AssistantApp()).With("Sms:Workers", "2");
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            var user = await Accounts.RegisterAndLoginAsync(app);
            var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(app, user, Infrastructure.Mfa.NewUsNumber());

            await TwilioWebhook.TextAsync(app, number, "remind me at 2 pm to call mom");
            await TwilioWebhook.TextAsync(app, number, "help");

            // no test runs them: the lanes do, in the order the texts came (one number, one lane)
            var replies = await Eventually.UntilAsync(() => TwilioWebhook.RepliesToAsync(app, number), r => r.Count == 2);
            Assert.Equal(2, replies.Count);
            Assert.Contains("call mom", replies[0], StringComparison.OrdinalIgnoreCase);
            Assert.Equal(["handled", "handled"], (await TwilioWebhook.InboundAsync(app)).Select(m => m.Status));
            Assert.Empty(await TwilioWebhook.WaitingAsync(app));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Retry_AfterTheReplyCouldNotBeSent_AnswersTheStoredMessage_WithoutStoringOrRunningItTwice()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, user, Infrastructure.Mfa.NewUsNumber());
        await TwilioWebhook.TextAsync(_app, number, "remind me at 2 pm to call mom");
        var id = (await TwilioWebhook.WaitingAsync(_app)).Last();

        // the first run's reply fails (the provider is down): the text is given back and the failure thrown to the queue
        FailingSmsSender.FailNext = 1;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => scope.ServiceProvider.GetRequiredService<InboundSmsJob>().HandleAsync(id, CancellationToken.None));
        }

        Assert.Equal("received", (await TwilioWebhook.InboundAsync(_app)).Single(m => m.Id == id).Status);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InboundSmsJob>().HandleAsync(id, CancellationToken.None);
        }

        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        var conversation = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("items").EnumerateArray());
        var messages = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation.GetProperty("id").GetGuid()}/messages"))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").EnumerateArray());
        Assert.Equal([messages[1].GetProperty("text").GetString()!], await TwilioWebhook.RepliesToAsync(_app, number));
    }

    private Task<(int Requeued, int Deleted)> SweepAsync() => _app.Services.GetRequiredService<InboundSmsQueue>().SweepAsync(CancellationToken.None);

    private async Task<List<string>> AllTextsToAsync(string e164)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Channel == "sms" && m.Recipient == e164).Select(m => m.Body).ToListAsync();
    }

    private async Task SetLocaleAsync(TestUser user, string locale)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Locale, locale));
    }

    private async Task ChannelsAsync(TestUser user, params string[] channels)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = await db.Users.SingleAsync(u => u.Id == user.Id);
        account.Preferences = new UserPreferences { PreferredChannels = [.. channels] };
        await Accounts.ConsentToChannelsAsync(scope.ServiceProvider, account);
        await db.SaveChangesAsync();
    }

    private async Task<List<JsonElement>> PhonesAsync(TestUser user)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        return [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/phone-numbers")).EnumerateArray()];
    }

    /// <summary>A reminder due in five minutes, dispatched, and its channel job run; answers the notification's id.</summary>
    private async Task<Guid> NudgeAsync(TestUser user, string text)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        var when = _app.Clock.GetUtcNow().AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        var notificationId = (await Dispatch.NotificationsAsync(_app, user)).First(n => n.GetProperty("text").GetString()!.Contains(text, StringComparison.Ordinal)).GetProperty("id").GetGuid();
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChannelDeliveryService>().DeliverAsync(notificationId, 0, CancellationToken.None);
        return notificationId;
    }

    private async Task<List<DeliveryAttempt>> AttemptsAsync(Guid notificationId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var attempts = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<DeliveryAttempt>().AsNoTracking()
            .Where(a => a.NotificationId == notificationId).ToListAsync();
        string[] outcomes = ["no-consent", "failed-transient", "failed-permanent", "fell-back", "sent"];
        return [.. attempts.OrderBy(a => a.Attempt).ThenBy(a => Array.IndexOf(outcomes, a.Outcome))];
    }

    private async Task<string> AddedNumberAsync(TestUser user, string number)
    {
        using var client = user.Client(_app);
        using var added = await client.PostAsJsonAsync("/api/v1/users/me/phone-numbers", new { number });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    private async Task VerifyAsync(TestUser user, string e164)
    {
        using var client = user.Client(_app);
        var phone = (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/phone-numbers")).EnumerateArray().Single(p => p.GetProperty("number").GetString() == e164);
        var id = phone.GetProperty("id").GetGuid();
        using var resent = await client.PostAsync($"/api/v1/users/me/phone-numbers/{id}/resend", null);
        using var verified = await client.PostAsJsonAsync($"/api/v1/users/me/phone-numbers/{id}/verify", new { code = await LatestCodeAsync(e164) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    /// <summary>The latest code texted to the number (the sign-up reply may have come after it).</summary>
    private async Task<string> LatestCodeAsync(string e164)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var bodies = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Channel == "sms" && m.Recipient == e164).OrderByDescending(m => m.Id).Select(m => m.Body).ToListAsync();
        return bodies.Select(b => System.Text.RegularExpressions.Regex.Match(b, @"\b(\d{6})\b")).First(m => m.Success).Groups[1].Value;
    }

    private async Task RunImportJobAsync()
    {
        var monitoring = _app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var job = Assert.Single(monitoring.EnqueuedJobs("default", 0, 100).Select(j => j.Value.Job),
            j => j.Type == typeof(PersonalAssistant.Server.Features.Sms.InboundSmsJob) && j.Method.Name == "ImportAsync");
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PersonalAssistant.Server.Features.Sms.InboundSmsJob>()
            .ImportAsync((Guid)job.Args[0], (Guid[])job.Args[1], CancellationToken.None);
    }
}

/// <summary>The outbox sender, made to fail the next <see cref="FailNext"/> sends as a provider that is down would.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by the container.")]
internal sealed class FailingSmsSender(OutboxSender outbox) : ISmsSender
{
    private static int _failNext;

    public static int FailNext
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    public Task SendAsync(PersonalAssistant.Server.Messaging.SmsMessage message, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref _failNext) >= 0 ? throw new HttpRequestException("The SMS provider is down.") : outbox.SendAsync(message, cancellationToken);
}
