using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Sms;

/// <summary>The number modes and the simulator (issue 17): each test starts the host its configuration needs.</summary>
[Trait("Category", "Integration")]
public sealed class SmsModesTests
{
    [Fact]
    public async Task DedicatedMode_RoutesByTheToNumber_WhateverPhoneTexts()
    {
        var app = TwilioWebhook.Configure(new AssistantApp(), mode: "dedicated");
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            var user = await Accounts.RegisterAndLoginAsync(app);
            const string dedicated = "+15145550142";
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Set<SmsNumber>().Add(new SmsNumber { UserId = user.Id, E164 = dedicated, CreatedAt = app.Clock.GetUtcNow() });
                await db.SaveChangesAsync();
            }

            // a phone nobody verified, texting the person's own number: it is the person
            const string phone = "+14155550188";
            await TwilioWebhook.TextAsync(app, phone, "remind me at 2 pm to call mom", to: dedicated);
            await TwilioWebhook.RunJobsAsync(app);

            var recorded = Assert.Single(await TwilioWebhook.InboundAsync(app));
            Assert.Equal((user.Id, dedicated), (recorded.UserId!.Value, recorded.To));
            using var client = user.Client(app);
            Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").EnumerateArray());
            Assert.DoesNotContain("/register", Assert.Single(await TwilioWebhook.RepliesToAsync(app, phone)), StringComparison.Ordinal);

            // a number of the instance nobody holds is not ours
            using var stray = await TwilioWebhook.PostAsync(app, TwilioWebhook.Form(phone, "hello", to: "+15145550143"));
            Assert.Equal(HttpStatusCode.Forbidden, stray.StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Simulator_RoundTrip_TextAsMyNumber_RunTheJob_SeeTheReplyInTheThread()
    {
        var app = new AssistantApp().With("Reminders:Dispatch", "false").With("Jobs:Workers", "0").With("Sms:Workers", "0");
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            await Accounts.RegisterAndLoginAsync(app, Accounts.NewEmail("first")); // the instance's first account is its administrator
            var user = await Accounts.RegisterAndLoginAsync(app);
            var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(app, user, Infrastructure.Mfa.NewUsNumber());
            var other = await Accounts.RegisterAndLoginAsync(app);
            var (_, othersNumber) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(app, other, Infrastructure.Mfa.NewUsNumber());
            using var client = user.Client(app);
            app.Clock.Advance(TimeSpan.FromMinutes(1)); // after the verification code, which is in the thread too

            using var posted = await client.PostAsJsonAsync("/api/v1/sms/simulator/messages", new { from = number, text = "remind me at 2 pm to call mom" });
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            Assert.Equal([id], await TwilioWebhook.WaitingAsync(app)); // queued for the same handling as a real text
            await TwilioWebhook.RunJobsAsync(app);

            var thread = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/sms/simulator/messages?number={Uri.EscapeDataString(number)}")).EnumerateArray().ToList();
            Assert.Equal(["inbound", "outbound"], thread.Skip(thread.Count - 2).Select(m => m.GetProperty("direction").GetString()));
            Assert.Equal("remind me at 2 pm to call mom", thread[^2].GetProperty("text").GetString());
            Assert.Equal((await TwilioWebhook.RepliesToAsync(app, number))[^1], thread[^1].GetProperty("text").GetString());
            Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").EnumerateArray());

            // someone else's number: neither texting as it nor reading its thread
            using var asOther = await client.PostAsJsonAsync("/api/v1/sms/simulator/messages", new { from = othersNumber, text = "hello" });
            await ProblemAssertions.AssertProblemAsync(asOther, HttpStatusCode.Forbidden);
            using var othersThread = await client.GetAsync($"/api/v1/sms/simulator/messages?number={Uri.EscapeDataString(othersNumber)}");
            await ProblemAssertions.AssertProblemAsync(othersThread, HttpStatusCode.Forbidden);
            using var empty = await client.PostAsJsonAsync("/api/v1/sms/simulator/messages", new { from = number, text = "" });
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Simulator_WithTwilioConfigured_Is404()
    {
        var app = TwilioWebhook.Configure(new AssistantApp());
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            var user = await Accounts.RegisterAndLoginAsync(app);
            var (_, number) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(app, user, Infrastructure.Mfa.NewUsNumber());
            using var client = user.Client(app);
            using var posted = await client.PostAsJsonAsync("/api/v1/sms/simulator/messages", new { from = number, text = "hello" });
            await ProblemAssertions.AssertProblemAsync(posted, HttpStatusCode.NotFound);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
