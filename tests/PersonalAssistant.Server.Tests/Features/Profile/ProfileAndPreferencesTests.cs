using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Profile;

[Trait("Category", "Integration")]
public sealed class ProfileAndPreferencesTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task Preferences_HaveCalmDefaults_AndRoundTrip()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var defaults = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/preferences");
        Assert.Equal("22:00", defaults.GetProperty("quietHoursStart").GetString());
        Assert.Equal("brief", defaults.GetProperty("replyStyle").GetString());

        var wanted = new
        {
            quietHoursStart = "21:30",
            quietHoursEnd = "07:15",
            dailyNudgeCap = 3,
            preferredChannels = new[] { "email", "web" },
            replyStyle = "detailed",
            morningBriefingTime = "08:00",
            eveningReviewTime = (string?)null,
            defaultCurrency = "eur",
            missesBeforeBreakdown = 2,
        };
        using var put = await client.PutAsJsonAsync("/api/v1/users/me/preferences", wanted);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var saved = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/preferences");
        Assert.Equal("21:30", saved.GetProperty("quietHoursStart").GetString());
        Assert.Equal("EUR", saved.GetProperty("defaultCurrency").GetString());
        Assert.Equal(["email", "web"], saved.GetProperty("preferredChannels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("eveningReviewTime").ValueKind);
    }

    [Fact]
    public async Task Preferences_InvalidValues_Are400NamingEachField_AndChangeNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        using var put = await client.PutAsJsonAsync("/api/v1/users/me/preferences", new
        {
            quietHoursStart = "25:00",
            quietHoursEnd = "07:00",
            dailyNudgeCap = 3,
            preferredChannels = new[] { "pigeon" },
            replyStyle = "chatty",
            morningBriefingTime = "8am",
            eveningReviewTime = (string?)null,
            defaultCurrency = "XYZ",
            missesBeforeBreakdown = 3,
        });

        var problem = await ProblemAssertions.AssertProblemAsync(put, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "quietHoursStart", "preferredChannels", "replyStyle", "morningBriefingTime", "defaultCurrency" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        }

        Assert.Equal("brief", (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/preferences")).GetProperty("replyStyle").GetString());
    }

    [Fact]
    public async Task Preferences_OutOfRangeNumbers_Are400()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        using var put = await client.PutAsJsonAsync("/api/v1/users/me/preferences", new
        {
            quietHoursStart = (string?)null,
            quietHoursEnd = (string?)null,
            dailyNudgeCap = 500,
            preferredChannels = new[] { "web" },
            replyStyle = "brief",
            morningBriefingTime = (string?)null,
            eveningReviewTime = (string?)null,
            defaultCurrency = "USD",
            missesBeforeBreakdown = 0,
        });

        var problem = await ProblemAssertions.AssertProblemAsync(put, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.Contains("dailyNudgeCap", StringComparison.OrdinalIgnoreCase)), problem.ToString());
    }

    [Fact]
    public async Task UpdateMe_ChangesNameZoneAndLanguage_AndRejectsUnknownOnes()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        using var ok = await client.PatchAsJsonAsync("/api/v1/users/me", new { displayName = "Sam", timeZone = "Europe/Paris", locale = "fr" });
        var me = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Sam", me.GetProperty("displayName").GetString());
        Assert.Equal("fr", me.GetProperty("locale").GetString());

        using var bad = await client.PatchAsJsonAsync("/api/v1/users/me", new { timeZone = "Nowhere/Land", locale = "de" });
        var problem = await ProblemAssertions.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("locale", out _));
        Assert.Equal("Europe/Paris", (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("timeZone").GetString());
    }
}
