using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Mfa;

/// <summary>Once MFA is on, a password alone never yields a token, whatever the method.</summary>
[Trait("Category", "Integration")]
public sealed class MfaLoginTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task Totp_PasswordAloneGivesNoToken_ACorrectCodeDoes_AndTheCodeCannotBeReplayed()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var (secret, recovery) = await Infrastructure.Mfa.EnableTotpAsync(app, user);
        Assert.Equal(10, recovery.Count);

        var (challenge, methods) = await PasswordStepAsync(user);
        Assert.Contains("totp", methods);

        var code = NextStepCode(secret);
        using var client = app.CreateClient();
        using var ok = await client.PostAsJsonAsync("/api/v1/auth/login/mfa", new { mfaToken = challenge, method = "totp", code });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((await ok.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("accessToken", out _));

        var (second, _) = await PasswordStepAsync(user);
        using var replay = await client.PostAsJsonAsync("/api/v1/auth/login/mfa", new { mfaToken = second, method = "totp", code });
        await ProblemAssertions.AssertProblemAsync(replay, HttpStatusCode.Unauthorized);
        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login/mfa", new { mfaToken = second, method = "totp", code = "000000" });
        await ProblemAssertions.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_AndNeverAgain()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var (_, recovery) = await Infrastructure.Mfa.EnableTotpAsync(app, user);
        using var client = app.CreateClient();

        var (first, _) = await PasswordStepAsync(user);
        using var used = await client.PostAsJsonAsync("/api/v1/auth/login/mfa", new { mfaToken = first, method = "recovery", code = recovery[0].ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);

        var (second, _) = await PasswordStepAsync(user);
        using var reused = await client.PostAsJsonAsync("/api/v1/auth/login/mfa", new { mfaToken = second, method = "recovery", code = recovery[0] });
        await ProblemAssertions.AssertProblemAsync(reused, HttpStatusCode.Unauthorized);

        using var me = user.Client(app);
        var status = await me.GetFromJsonAsync<JsonElement>("/api/v1/mfa");
        Assert.Equal(9, status.GetProperty("recoveryCodesRemaining").GetInt32());
    }

    [Fact]
    public async Task Sms_PasswordAloneGivesNoToken_TheTextedCodeDoes()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var (_, e164) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(app, user, Infrastructure.Mfa.NewUsNumber());
        using var authed = user.Client(app);
        Assert.Equal(HttpStatusCode.Accepted, (await authed.PostAsync("/api/v1/mfa/sms/setup", null)).StatusCode);
        using var enabled = await authed.PostAsJsonAsync("/api/v1/mfa/sms/enable", new { code = await Infrastructure.Mfa.LatestCodeAsync(app, e164) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);

        // SMS is the only method: the code is texted with the password step.
        var (challenge, methods) = await PasswordStepAsync(user);
        Assert.Equal(["sms", "recovery"], methods);
        using var client = app.CreateClient();
        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login/mfa", new { mfaToken = challenge, method = "sms", code = "999999" });
        await ProblemAssertions.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        using var ok = await client.PostAsJsonAsync("/api/v1/auth/login/mfa",
            new { mfaToken = challenge, method = "sms", code = await Infrastructure.Mfa.LatestCodeAsync(app, e164) });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var again = await client.PostAsJsonAsync("/api/v1/auth/login/mfa",
            new { mfaToken = challenge, method = "sms", code = await Infrastructure.Mfa.LatestCodeAsync(app, e164) });
        await ProblemAssertions.AssertProblemAsync(again, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SmsCode_Expires_AndAllowsFiveAttempts()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var (_, e164) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(app, user, Infrastructure.Mfa.NewUsNumber());
        using var authed = user.Client(app);
        Assert.Equal(HttpStatusCode.Accepted, (await authed.PostAsync("/api/v1/mfa/sms/setup", null)).StatusCode);
        var code = await Infrastructure.Mfa.LatestCodeAsync(app, e164);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await authed.PostAsJsonAsync("/api/v1/mfa/sms/enable", new { code = code == "123456" ? "654321" : "123456" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var tooLate = await authed.PostAsJsonAsync("/api/v1/mfa/sms/enable", new { code });
        var problem = await ProblemAssertions.AssertProblemAsync(tooLate, HttpStatusCode.BadRequest);
        Assert.Equal("Too many attempts", problem.GetProperty("title").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await authed.PostAsync("/api/v1/mfa/sms/setup", null)).StatusCode);
        var fresh = await Infrastructure.Mfa.LatestCodeAsync(app, e164);
        app.Clock.Advance(PersonalAssistant.Server.Identity.VerificationCodes.Lifetime);
        using var expired = await authed.PostAsJsonAsync("/api/v1/mfa/sms/enable", new { code = fresh });
        var expiredProblem = await ProblemAssertions.AssertProblemAsync(expired, HttpStatusCode.BadRequest);
        Assert.Equal("Code expired", expiredProblem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Secrets_AreNotStoredInPlaintext_AndNoResponseCarriesACode()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var (secret, recovery) = await Infrastructure.Mfa.EnableTotpAsync(app, user);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
        Assert.NotNull(row.TotpSecretProtected);
        Assert.DoesNotContain(secret, row.TotpSecretProtected, StringComparison.OrdinalIgnoreCase);
        var stored = await db.RecoveryCodes.AsNoTracking().Where(c => c.UserId == user.Id).Select(c => c.CodeHash).ToListAsync();
        Assert.Equal(10, stored.Count);
        Assert.All(recovery, code => Assert.DoesNotContain(stored, hash => hash.Contains(code.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal)));

        using var client = user.Client(app);
        var status = await client.GetStringAsync("/api/v1/mfa");
        Assert.DoesNotContain(secret, status, StringComparison.Ordinal);
        Assert.All(recovery, code => Assert.DoesNotContain(code, status, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisableMfa_NeedsThePasswordAndACode()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var (_, recovery) = await Infrastructure.Mfa.EnableTotpAsync(app, user);
        using var client = user.Client(app);

        using var noPassword = await DeleteMfaAsync(client, new { password = "not my password 1", method = "recovery", code = recovery[0] });
        await ProblemAssertions.AssertProblemAsync(noPassword, HttpStatusCode.BadRequest);
        using var noCode = await DeleteMfaAsync(client, new { password = user.Password, method = "recovery", code = "aaaaa-bbbbb" });
        await ProblemAssertions.AssertProblemAsync(noCode, HttpStatusCode.BadRequest);
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/v1/mfa")).GetProperty("totpEnabled").GetBoolean());

        using var off = await DeleteMfaAsync(client, new { password = user.Password, method = "recovery", code = recovery[1] });
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        await Accounts.LoginAsync(app, user.Email, user.Password, user.Id);
    }

    [Fact]
    public async Task RegenerateRecoveryCodes_NeedsACurrentCode_AndRetiresTheOldOnes()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var (secret, old) = await Infrastructure.Mfa.EnableTotpAsync(app, user);
        using var client = user.Client(app);

        using var refused = await client.PostAsJsonAsync("/api/v1/mfa/recovery-codes", new { method = "totp", code = "000000" });
        await ProblemAssertions.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        using var regenerated = await client.PostAsJsonAsync("/api/v1/mfa/recovery-codes",
            new { method = "totp", code = NextStepCode(secret) });
        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);

        var (challenge, _) = await PasswordStepAsync(user);
        using var anonymous = app.CreateClient();
        using var oldCode = await anonymous.PostAsJsonAsync("/api/v1/auth/login/mfa", new { mfaToken = challenge, method = "recovery", code = old[0] });
        await ProblemAssertions.AssertProblemAsync(oldCode, HttpStatusCode.Unauthorized);
    }

    private async Task<(string MfaToken, List<string> Methods)> PasswordStepAsync(TestUser user)
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password, tokenDelivery = "body" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("mfaRequired").GetBoolean());
        Assert.False(body.TryGetProperty("accessToken", out _));
        Assert.False(body.TryGetProperty("refreshToken", out _));
        return (body.GetProperty("mfaToken").GetString()!, body.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToList());
    }

    private static async Task<HttpResponseMessage> DeleteMfaAsync(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/mfa") { Content = JsonContent.Create(body) };
        return await client.SendAsync(request);
    }

    /// <summary>The code of the next time step: the current one was spent enabling TOTP.</summary>
    private string NextStepCode(string secret)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        return Infrastructure.Mfa.Totp(app, secret);
    }
}
