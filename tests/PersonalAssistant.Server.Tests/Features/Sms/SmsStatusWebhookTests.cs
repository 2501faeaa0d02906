using System.Net;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Infrastructure;
using StoredSms = PersonalAssistant.Server.Features.Sms.SmsMessage;

namespace PersonalAssistant.Server.Tests.Features.Sms;

/// <summary>
/// Twilio's delivery status callback (issue 17): parts are sent by the real Twilio client against <see cref="FakeTwilio"/>
/// (so their rows carry Twilio's SIDs), then callbacks are posted as Twilio posts them, signed over the public URL.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class SmsStatusWebhookTests : IAsyncLifetime
{
    internal const string Path = "/webhooks/twilio/status";
    private const string To = "+33612345678";

    private FakeTwilio _twilio = null!;
    private AssistantApp _app = null!;

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilio.StartAsync();
        _app = Configure(new AssistantApp(), _twilio);
        await ((IAsyncLifetime)_app).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _twilio.DisposeAsync();
    }

    /// <summary>A host that sends through the real Twilio client to <paramref name="twilio"/> and takes its callbacks; jobs run by the test.</summary>
    internal static AssistantApp Configure(AssistantApp app, FakeTwilio twilio) => app
        .With("Reminders:Dispatch", "false").With("Jobs:Workers", "0").With("Jobs:RetryAttempts", "3")
        .With("Twilio:AccountSid", FakeTwilio.AccountSid).With("Twilio:AuthToken", FakeTwilio.AuthToken)
        .With("Twilio:PhoneNumber", TwilioWebhook.InstanceNumber).With("Twilio:PublicBaseUrl", TwilioWebhook.PublicBaseUrl)
        .With("Twilio:ApiBaseUrl", twilio.BaseUrl);

    [Fact]
    public async Task Callbacks_MoveTheStatusForward_AndALateSentIsIgnored()
    {
        var sid = await SendAsync("Done.");
        Assert.Equal("queued", (await RowAsync(sid)).Status);

        foreach (var status in new[] { "sending", "sent", "delivered", "sent", "delivered" })
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(1));
            await CallbackAsync(_app, sid, status);
        }

        var row = await RowAsync(sid);
        Assert.Equal(("delivered", (int?)null), (row.Status, row.ErrorCode));
        Assert.Equal(AssistantApp.Start.AddSeconds(3), row.UpdatedAt); // the late "sent" and the repeat changed nothing
    }

    [Fact]
    public async Task OutOfOrderCallbacks_KeepTheLatestStatus_AndFailuresAreFinal_WithTheirCode()
    {
        var delivered = await SendAsync("First.");
        var failed = await SendAsync("Second.");

        await CallbackAsync(_app, delivered, "delivered");
        await CallbackAsync(_app, delivered, "sending");
        await CallbackAsync(_app, delivered, "queued");
        await CallbackAsync(_app, failed, "undelivered", errorCode: 30003);
        await CallbackAsync(_app, failed, "delivered");
        await CallbackAsync(_app, failed, "sent");

        Assert.Equal("delivered", (await RowAsync(delivered)).Status);
        var row = await RowAsync(failed);
        Assert.Equal(("undelivered", (int?)30003), (row.Status, row.ErrorCode));
    }

    [Fact]
    public async Task UnknownMessageSid_Answers200_AndChangesNothing()
    {
        var sid = await SendAsync("Done.");

        await CallbackAsync(_app, "SM" + Guid.NewGuid().ToString("N"), "delivered");
        await CallbackAsync(_app, sid, "no-such-status");

        Assert.Equal("queued", (await RowAsync(sid)).Status);
    }

    [Fact]
    public async Task BadOrMissingSignature_OrAnotherAccount_Is403_AndChangesNothing()
    {
        var sid = await SendAsync("Done.");
        var form = Form(sid, "delivered");
        var url = TwilioWebhook.PublicBaseUrl + Path;

        using var wrongToken = await PostAsync(_app, form, TwilioWebhook.Sign(url, form, "another-token-000000000000000000"));
        using var overRequestHost = await PostAsync(_app, form, TwilioWebhook.Sign("http://localhost" + Path, form, FakeTwilio.AuthToken));
        using var tampered = await PostAsync(_app, Form(sid, "failed"), TwilioWebhook.Sign(url, form, FakeTwilio.AuthToken));
        using var missing = await PostAsync(_app, form, signature: null);
        var otherAccount = new Dictionary<string, string>(form) { ["AccountSid"] = "AC99999999999999999999999999999999" };
        using var fromOtherAccount = await PostAsync(_app, otherAccount, TwilioWebhook.Sign(url, otherAccount, FakeTwilio.AuthToken));

        foreach (var response in new[] { wrongToken, overRequestHost, tampered, missing, fromOtherAccount })
        {
            await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        Assert.Equal("queued", (await RowAsync(sid)).Status);
    }

    [Fact]
    public async Task Metrics_CountPartsSegmentsStatusesAndFailures_AndTimeBothWebhooks()
    {
        var delivered = await SendAsync("Done.");
        var failed = await SendAsync(string.Join(' ', Enumerable.Repeat("ça marche.", 20))); // UCS-2 (ç), 219 characters: 4 segments
        await CallbackAsync(_app, delivered, "delivered");
        await CallbackAsync(_app, failed, "failed", errorCode: 30008);
        var inbound = TwilioWebhook.Form("+14155550123", "hello", accountSid: FakeTwilio.AccountSid);
        using (var texted = await TwilioWebhook.PostAsync(_app, inbound, TwilioWebhook.Sign(TwilioWebhook.PublicBaseUrl + TwilioWebhook.Path, inbound, FakeTwilio.AuthToken)))
        {
            Assert.Equal(HttpStatusCode.OK, texted.StatusCode);
        }

        using var scraper = _app.CreateClient();
        var metrics = await MetricsScrape.UntilAsync(scraper, "pa_sms_outbound_total", "pa_sms_outbound_segments_total", "pa_sms_failures_total",
            "pa_sms_webhook_duration_seconds_bucket", "webhook=\"sms\"", "webhook=\"status\"");

        Assert.Matches("""pa_sms_outbound_total\{[^}]*status="queued"[^}]*\} [2-9]""", metrics);
        Assert.Matches("""pa_sms_outbound_total\{[^}]*status="delivered"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""pa_sms_outbound_total\{[^}]*status="failed"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""pa_sms_outbound_segments_total(\{[^}]*\})? ([4-9]|\d\d)""", metrics);
        Assert.Matches("""pa_sms_failures_total\{[^}]*code="30008"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""pa_sms_webhook_duration_seconds_count\{[^}]*webhook="status"[^}]*\} [2-9]""", metrics);
        Assert.Matches("""pa_sms_webhook_duration_seconds_count\{[^}]*webhook="sms"[^}]*\} [1-9]""", metrics);
    }

    /// <summary>Sends one short SMS through the real sender; answers its part's SID.</summary>
    private async Task<string> SendAsync(string text)
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISmsSender>().SendAsync(new SmsMessage(To, text, null), CancellationToken.None);
        }

        return _twilio.Accepted[^1].Sid!;
    }

    private async Task<StoredSms> RowAsync(string sid)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<StoredSms>().AsNoTracking().SingleAsync(m => m.MessageSid == sid);
    }

    /// <summary>Twilio's status callback form (what it posts for a message it sent).</summary>
    internal static Dictionary<string, string> Form(string sid, string status, int? errorCode = null, string to = To)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = FakeTwilio.AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["From"] = TwilioWebhook.InstanceNumber,
            ["MessageSid"] = sid,
            ["MessageStatus"] = status,
            ["SmsSid"] = sid,
            ["SmsStatus"] = status,
            ["To"] = to,
        };
        if (errorCode is { } code)
        {
            form["ErrorCode"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return form;
    }

    /// <summary>Posts a signed status callback and checks the 200 empty TwiML answer.</summary>
    internal static async Task CallbackAsync(AssistantApp app, string sid, string status, int? errorCode = null, string to = To)
    {
        var form = Form(sid, status, errorCode, to);
        using var response = await PostAsync(app, form, TwilioWebhook.Sign(TwilioWebhook.PublicBaseUrl + Path, form, FakeTwilio.AuthToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response></Response>""", await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostAsync(AssistantApp app, Dictionary<string, string> form, string? signature)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        return await client.SendAsync(request);
    }
}
