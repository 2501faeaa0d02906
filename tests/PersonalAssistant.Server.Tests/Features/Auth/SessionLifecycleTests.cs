using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Auth;

/// <summary>Refresh rotation and reuse detection, logout, the session list and the session cap.</summary>
[Trait("Category", "Integration")]
public sealed class SessionLifecycleTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task Refresh_RotatesTheToken_AndTheOldOneNoLongerWorks()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();

        using var first = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rotated = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        Assert.NotEqual(user.RefreshToken, rotated);

        using var second = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task ReusedRefreshToken_RevokesTheWholeSession()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();
        using var legit = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        var legitBody = await legit.Content.ReadFromJsonAsync<JsonElement>();
        var newRefresh = legitBody.GetProperty("refreshToken").GetString();
        var newAccess = legitBody.GetProperty("accessToken").GetString()!;

        // An attacker replays the stolen (already used) token.
        using var replay = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        await ProblemAssertions.AssertProblemAsync(replay, HttpStatusCode.Unauthorized);

        // The legitimate client's fresh tokens die with the session.
        using var afterReuse = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = newRefresh });
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
        await Accounts.AssertTokenDiesWithinFiveSecondsAsync(app, user with { AccessToken = newAccess });
    }

    [Fact]
    public async Task CookieDelivery_SetsAStrictHttpOnlyCookie_AndRefreshReadsIt()
    {
        var email = Accounts.NewEmail();
        var registered = await Accounts.RegisterAndLoginAsync(app, email);
        var user = await Accounts.LoginAsync(app, email, registered.Password, registered.Id, tokenDelivery: "cookie");
        Assert.Null(user.RefreshToken);
        Assert.NotNull(user.RefreshCookie);

        using var client = app.CreateClient();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = registered.Password });
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pa_refresh=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/v1/auth/refresh", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.False((await login.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("refreshToken", out _));

        using var refresh = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh");
        refresh.Headers.Add("Cookie", $"pa_refresh={Accounts.RefreshCookieOf(login)}");
        using var refreshed = await client.SendAsync(refresh);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotNull(Accounts.RefreshCookieOf(refreshed));
    }

    [Fact]
    public async Task Logout_KillsTheAccessTokenWithinFiveSeconds()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);

        using var logout = await client.PostAsync("/api/v1/auth/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Accounts.AssertTokenDiesWithinFiveSecondsAsync(app, user);
        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Sessions_ListsDevices_AndRevokingOneEndsIt()
    {
        var first = await Accounts.RegisterAndLoginAsync(app);
        var second = await Accounts.LoginAsync(app, first.Email, first.Password, first.Id);
        using var client = second.Client(app);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0");

        var sessions = await client.GetFromJsonAsync<JsonElement>("/api/v1/sessions");
        Assert.Equal(2, sessions.GetArrayLength());
        var current = sessions.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean());
        var other = sessions.EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean());

        using var revoke = await client.DeleteAsync($"/api/v1/sessions/{other.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await Accounts.AssertTokenDiesWithinFiveSecondsAsync(app, first);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.NotEqual(Guid.Empty, current.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task AnotherPersonsSession_Is404()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var intruder = await Accounts.RegisterAndLoginAsync(app);
        using var ownerClient = owner.Client(app);
        var ownerSession = (await ownerClient.GetFromJsonAsync<JsonElement>("/api/v1/sessions"))[0].GetProperty("id").GetGuid();

        using var intruderClient = intruder.Client(app);
        using var response = await intruderClient.DeleteAsync($"/api/v1/sessions/{ownerSession}");

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task EleventhSession_RevokesTheFirst()
    {
        var first = await Accounts.RegisterAndLoginAsync(app);
        var later = new List<TestUser>();
        for (var i = 0; i < 10; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1)); // each sign-in a minute after the last, so "the first" is well defined
            later.Add(await Accounts.LoginAsync(app, first.Email, first.Password, first.Id));
        }

        await Accounts.AssertTokenDiesWithinFiveSecondsAsync(app, first);
        using var newest = later[^1].Client(app);
        var sessions = await newest.GetFromJsonAsync<JsonElement>("/api/v1/sessions");
        Assert.Equal(10, sessions.GetArrayLength());
        using var oldest = later[0].Client(app);
        Assert.Equal(HttpStatusCode.OK, (await oldest.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task RevokeOtherSessions_KeepsTheCurrentOne()
    {
        var first = await Accounts.RegisterAndLoginAsync(app);
        var second = await Accounts.LoginAsync(app, first.Email, first.Password, first.Id);
        using var client = second.Client(app);

        var result = await (await client.DeleteAsync("/api/v1/sessions")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, result.GetProperty("revoked").GetInt32());
        await Accounts.AssertTokenDiesWithinFiveSecondsAsync(app, first);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);
    }
}
