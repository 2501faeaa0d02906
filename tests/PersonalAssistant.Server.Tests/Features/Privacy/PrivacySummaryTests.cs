using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Privacy;

/// <summary>
/// The privacy page's facts (issue 20): retention as configured, and where words go as this instance is configured; the
/// terms' words for the sign-up form. (The counts are checked against the export in <c>DataExportTests</c>.)
/// </summary>
[Trait("Category", "Integration")]
public sealed class PrivacySummaryTests
{
    [Fact]
    public async Task EmbeddedDefault_KeepsEveryWordOnThisServer_ButPush_AndSaysHowLongEachKindIsKept()
    {
        await using var app = new AssistantApp().With("Jobs:Workers", "0").With("Retention:AuditDays", "180").With("Privacy:DeletionGraceDays", "3");
        await ((IAsyncLifetime)app).InitializeAsync();
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        var summary = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/privacy");

        var services = Services(summary);
        Assert.Equal(["sms", "email", "model", "push"], services.Keys);
        Assert.All(["sms", "email", "model"], kind => Assert.False(services[kind].GetProperty("leavesServer").GetBoolean()));
        Assert.True(services["push"].GetProperty("leavesServer").GetBoolean());
        Assert.Contains("never leaves this server", services["model"].GetProperty("description").GetString(), StringComparison.Ordinal);
        var retention = summary.GetProperty("retention").EnumerateArray().ToDictionary(r => r.GetProperty("kind").GetString()!, r => r.GetProperty("days").GetInt32());
        Assert.Equal(new Dictionary<string, int>
        {
            ["conversations"] = 365,
            ["notifications"] = 90,
            ["deliveries"] = 90,
            ["outbox"] = 30,
            ["audit"] = 180,
            ["sessions"] = 30,
        }, retention);
        Assert.Equal(3, summary.GetProperty("deletionGraceDays").GetInt32());
        Assert.Equal(24, summary.GetProperty("exportHoursAvailable").GetInt32());
        Assert.Equal(1, summary.GetProperty("stored").EnumerateArray().Single(s => s.GetProperty("file").GetString() == "profile.json").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ConfiguredServices_AreNamedWithTheirHost_InThePersonsLanguage()
    {
        await using var app = new AssistantApp().With("Jobs:Workers", "0")
            .With("Email:SmtpHost", "smtp.example.org")
            .With("Assistant:Provider", "OpenAI").With("Assistant:Model", "small").With("Assistant:BaseUrl", "https://models.example.net/v1");
        await ((IAsyncLifetime)app).InitializeAsync();
        // (with a mail server configured, the confirmation email leaves instead of landing in the outbox)
        var user = await Accounts.RegisterAndLoginAsync(app, locale: "fr", confirmEmail: false);
        using var client = user.Client(app);

        var services = Services(await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/privacy"));

        Assert.True(services["email"].GetProperty("leavesServer").GetBoolean());
        Assert.Equal("smtp.example.org", services["email"].GetProperty("host").GetString());
        Assert.Contains("smtp.example.org", services["email"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(services["model"].GetProperty("leavesServer").GetBoolean());
        Assert.Equal("models.example.net", services["model"].GetProperty("host").GetString());
        Assert.StartsWith("Ce que tu écris", services["model"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(services["sms"].GetProperty("leavesServer").GetBoolean());
    }

    [Fact]
    public async Task TheTermsWords_AreReadableBeforeSigningUp_InTheLanguageAskedFor_AndAreWhatSigningUpRecords()
    {
        await using var app = new AssistantApp().With("Jobs:Workers", "0");
        await ((IAsyncLifetime)app).InitializeAsync();
        using var anonymous = app.CreateClient();

        var french = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/privacy/terms?locale=fr");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/privacy/terms");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr-CA"));
        using var byHeader = await anonymous.SendAsync(request);
        var english = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/privacy/terms?locale=xx");

        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Equal(french.GetProperty("text").GetString(), (await byHeader.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());
        Assert.StartsWith("I agree", english.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(english.GetProperty("text").GetString(), french.GetProperty("text").GetString());

        var user = await Accounts.RegisterAndLoginAsync(app, locale: "fr");
        using var client = user.Client(app);
        var record = (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/consents")).GetProperty("history")[0];
        Assert.Equal(french.GetProperty("text").GetString(), record.GetProperty("text").GetString());
        Assert.Equal(french.GetProperty("version").GetString(), record.GetProperty("version").GetString());
    }

    private static Dictionary<string, JsonElement> Services(JsonElement summary) =>
        summary.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("kind").GetString()!);
}
