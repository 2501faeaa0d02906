using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Sms;

/// <summary>
/// The number manager (issue 17) through the official Twilio client against FakeTwilio's real paths: search, buy with
/// the webhooks pointed here, assign, verify, release, every change audited; a number bought and given to a person in
/// dedicated mode routes texts to it by To; Twilio's refusals are 422/503 problems.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class SmsNumberManagerTests : IAsyncLifetime
{
    private const string Numbers = "/api/v1/admin/sms/numbers";

    private FakeTwilio _twilio = null!;
    private AssistantApp _app = null!;

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilio.StartAsync();
        _app = TwilioWebhook.Configure(new AssistantApp(), mode: "dedicated")
            .With("Twilio:AccountSid", FakeTwilio.AccountSid).With("Twilio:AuthToken", FakeTwilio.AuthToken).With("Twilio:ApiBaseUrl", _twilio.BaseUrl);
        await ((IAsyncLifetime)_app).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task NumberManager_SearchBuyAssignVerifyRelease_ThroughTwilio_Audited_AndTheNumberRoutesByTo()
    {
        var admin = await Accounts.RegisterAndLoginAsync(_app, Accounts.NewEmail("admin"));
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var other = await Accounts.RegisterAndLoginAsync(_app);
        using var client = admin.Client(_app);

        // search
        var available = (await client.GetFromJsonAsync<JsonElement>($"{Numbers}/available?country=CA&areaCode=514")).EnumerateArray().ToList();
        Assert.Equal(["+15145550100", "+15145550110"], available.Select(n => n.GetProperty("phoneNumber").GetString()));
        Assert.Equal("Montreal", available[0].GetProperty("locality").GetString());
        var search = Assert.Single(_twilio.NumberRequests);
        Assert.StartsWith($"GET /2010-04-01/Accounts/{FakeTwilio.AccountSid}/AvailablePhoneNumbers/CA/Local.json?", search, StringComparison.Ordinal);
        Assert.Contains("AreaCode=514", search, StringComparison.Ordinal);
        Assert.Contains("SmsEnabled=true", search, StringComparison.Ordinal);

        // buy, given to the person at once
        const string bought = "+15145550110";
        using var buy = await client.PostAsJsonAsync(Numbers, new { phoneNumber = bought, assignTo = user.Id });
        Assert.Equal(HttpStatusCode.Created, buy.StatusCode);
        var number = await buy.Content.ReadFromJsonAsync<JsonElement>();
        var twilioNumber = Assert.Single(_twilio.Numbers.Values);
        Assert.Equal((bought, "https://assistant.example.org/webhooks/twilio/sms", "POST", "https://assistant.example.org/webhooks/twilio/status"),
            (twilioNumber.PhoneNumber, twilioNumber.SmsUrl, twilioNumber.SmsMethod, twilioNumber.StatusCallback));
        Assert.Equal((twilioNumber.Sid, user.Id, true), (number.GetProperty("twilioSid").GetString(), number.GetProperty("assignedTo").GetGuid(), number.GetProperty("pointsHere").GetBoolean()));
        var id = number.GetProperty("id").GetGuid();
        using (var again = await client.PostAsJsonAsync(Numbers, new { phoneNumber = bought }))
        {
            await ProblemAssertions.AssertProblemAsync(again, HttpStatusCode.Conflict);
        }

        // a text to it, from a phone nobody verified, is the person's
        var form = TwilioWebhook.Form("+14155550188", "remind me at 2 pm to call mom", to: bought, accountSid: FakeTwilio.AccountSid);
        using (var text = await TwilioWebhook.PostAsync(_app, form, TwilioWebhook.Sign(TwilioWebhook.PublicBaseUrl + TwilioWebhook.Path, form, FakeTwilio.AuthToken)))
        {
            Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        }

        await TwilioWebhook.RunJobsAsync(_app);
        Assert.Equal(user.Id, Assert.Single(await TwilioWebhook.InboundAsync(_app)).UserId);
        using (var userClient = user.Client(_app))
        {
            Assert.Single((await userClient.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").EnumerateArray());
        }

        // assignment: someone else's number is a 409 until taken back
        using (var taken = await client.PutAsJsonAsync($"{Numbers}/{id}/assignment", new { assignTo = other.Id }))
        {
            await ProblemAssertions.AssertProblemAsync(taken, HttpStatusCode.Conflict);
        }

        using (var back = await client.PutAsJsonAsync($"{Numbers}/{id}/assignment", new { assignTo = (Guid?)null }))
        {
            Assert.Equal(JsonValueKind.Null, (await back.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignedTo").ValueKind);
        }

        using (var given = await client.PutAsJsonAsync($"{Numbers}/{id}/assignment", new { assignTo = other.Id }))
        {
            Assert.Equal(other.Id, (await given.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignedTo").GetGuid());
        }

        using (var nobody = await client.PutAsJsonAsync($"{Numbers}/{Guid.NewGuid()}/assignment", new { assignTo = other.Id }))
        {
            await ProblemAssertions.AssertProblemAsync(nobody, HttpStatusCode.NotFound);
        }

        // verify: someone pointed the number elsewhere in Twilio's console
        twilioNumber.SmsUrl = "https://elsewhere.example.org/sms";
        var clockAtVerify = _app.Clock.GetUtcNow();
        using (var verified = await client.PostAsync($"{Numbers}/{id}/verify", null))
        {
            var body = await verified.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(body.GetProperty("pointsHere").GetBoolean());
            Assert.Equal(clockAtVerify, body.GetProperty("lastVerifiedAt").GetDateTimeOffset());
        }

        var listed = Assert.Single((await client.GetFromJsonAsync<JsonElement>(Numbers)).EnumerateArray());
        Assert.Equal((bought, other.Id, false), (listed.GetProperty("phoneNumber").GetString(), listed.GetProperty("assignedTo").GetGuid(), listed.GetProperty("pointsHere").GetBoolean()));

        // release
        using (var released = await client.DeleteAsync($"{Numbers}/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        }

        Assert.Empty(_twilio.Numbers);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>(Numbers)).EnumerateArray());
        using (var gone = await client.DeleteAsync($"{Numbers}/{id}"))
        {
            await ProblemAssertions.AssertProblemAsync(gone, HttpStatusCode.NotFound);
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action.StartsWith("admin.sms_number")).OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorUserId }).ToListAsync();
        Assert.Equal(
            ["admin.sms_number_bought", "admin.sms_number_assigned", "admin.sms_number_assigned", "admin.sms_number_verified", "admin.sms_number_released"],
            actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal(admin.Id, a.ActorUserId));
    }

    [Fact]
    public async Task NumberManager_TwilioRefusing_Is422_Unreachable_Is503_NotAdmin_Is403()
    {
        var admin = await Accounts.RegisterAndLoginAsync(_app, Accounts.NewEmail("admin"));
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = admin.Client(_app);

        _twilio.NumberScript.Enqueue((21422, 400)); // the number is not available any more
        using (var refused = await client.PostAsJsonAsync(Numbers, new { phoneNumber = "+15145550120" }))
        {
            await ProblemAssertions.AssertProblemAsync(refused, (HttpStatusCode)422);
        }

        _twilio.NumberScript.Enqueue((20503, 503));
        using (var down = await client.PostAsJsonAsync(Numbers, new { phoneNumber = "+15145550120" }))
        {
            await ProblemAssertions.AssertProblemAsync(down, HttpStatusCode.ServiceUnavailable);
        }

        Assert.Empty((await client.GetFromJsonAsync<JsonElement>(Numbers)).EnumerateArray());
        using (var bad = await client.PostAsJsonAsync(Numbers, new { phoneNumber = "514-555" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var badCountry = await client.GetAsync($"{Numbers}/available?country=Canada"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badCountry.StatusCode);
        }

        using var userClient = user.Client(_app);
        foreach (var path in new[] { Numbers, $"{Numbers}/available?country=US" })
        {
            using var forbidden = await userClient.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using var forbiddenBuy = await userClient.PostAsJsonAsync(Numbers, new { phoneNumber = "+15145550120" });
        Assert.Equal(HttpStatusCode.Forbidden, forbiddenBuy.StatusCode);
        Assert.Empty(_twilio.Numbers);
    }
}
