using System.Net;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Mfa;

/// <summary>Turning a second factor on ends the other sessions; turning MFA off always asks for the password (issue 13, finding 9).</summary>
[Trait("Category", "Integration")]
public sealed class MfaSessionTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task EnableTotp_EndsTheOtherSessions_AndKeepsTheOneThatTurnedItOn()
    {
        var stolen = await Accounts.RegisterAndLoginAsync(app);
        var own = await Accounts.LoginAsync(app, stolen.Email, stolen.Password, stolen.Id);

        await Infrastructure.Mfa.EnableTotpAsync(app, own);

        await Accounts.AssertTokenDiesWithinFiveSecondsAsync(app, stolen);
        using var anonymous = app.CreateClient();
        using var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = stolen.RefreshToken });
        await ProblemAssertions.AssertProblemAsync(refresh, HttpStatusCode.Unauthorized);
        using var client = own.Client(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);
        using var ownRefresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = own.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, ownRefresh.StatusCode);
    }

    [Fact]
    public async Task DisableMfa_WrongPasswordWhileMfaIsOff_AnswersAsWhenMfaIsOn()
    {
        var off = await Accounts.RegisterAndLoginAsync(app);
        var on = await Accounts.RegisterAndLoginAsync(app);
        var (_, recovery) = await Infrastructure.Mfa.EnableTotpAsync(app, on);
        using var offClient = off.Client(app);
        using var onClient = on.Client(app);

        using var whenOff = await DeleteMfaAsync(offClient, new { password = "not my password 1", method = "totp", code = "123456" });
        using var whenOn = await DeleteMfaAsync(onClient, new { password = "not my password 1", method = "recovery", code = recovery[0] });

        var offProblem = await ProblemAssertions.AssertProblemAsync(whenOff, HttpStatusCode.BadRequest);
        var onProblem = await ProblemAssertions.AssertProblemAsync(whenOn, HttpStatusCode.BadRequest);
        Assert.Equal(onProblem.GetProperty("title").GetString(), offProblem.GetProperty("title").GetString());
        Assert.Equal(onProblem.GetProperty("detail").GetString(), offProblem.GetProperty("detail").GetString());
        using var rightPassword = await DeleteMfaAsync(offClient, new { password = off.Password, method = "totp", code = "123456" });
        Assert.Equal(HttpStatusCode.NoContent, rightPassword.StatusCode);
    }

    private static async Task<HttpResponseMessage> DeleteMfaAsync(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/mfa") { Content = JsonContent.Create(body) };
        return await client.SendAsync(request);
    }
}
