using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Auth;

/// <summary>Forged and stale access tokens, each written as the attack it stops.</summary>
[Trait("Category", "Integration")]
public sealed class TokenAttackTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task ValidToken_ReadsMe()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        using var response = await client.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NoToken_Is401Problem()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/v1/users/me");

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TamperedSignature_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var parts = user.AccessToken.Split('.');
        var signature = parts[2].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';

        await AssertRejectedAsync($"{parts[0]}.{parts[1]}.{new string(signature)}");
    }

    [Fact]
    public async Task TamperedPayload_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        // Someone else's claims with this user's signature.
        var mine = user.AccessToken.Split('.');
        var theirs = other.AccessToken.Split('.');

        await AssertRejectedAsync($"{mine[0]}.{theirs[1]}.{mine[2]}");
    }

    [Fact]
    public async Task AlgNone_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var payload = user.AccessToken.Split('.')[1];
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");

        await AssertRejectedAsync($"{header}.{payload}.");
    }

    [Fact]
    public async Task Expired_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var token = Forge(user, issuer: null, audience: null, issuedAt: app.Clock.GetUtcNow().UtcDateTime.AddHours(-2), lifetime: TimeSpan.FromMinutes(15));

        await AssertRejectedAsync(token);
    }

    [Fact]
    public async Task WrongAudience_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);

        await AssertRejectedAsync(Forge(user, issuer: null, audience: "someone-else", app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public async Task WrongIssuer_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);

        await AssertRejectedAsync(Forge(user, issuer: "evil", audience: null, app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public async Task CorrectlySignedToken_ForAnUnknownSession_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);

        await AssertRejectedAsync(Forge(user, null, null, app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(15), sessionId: Guid.NewGuid()));
    }

    [Fact]
    public async Task KeyFromAnotherInstance_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var key = new SymmetricSecurityKey(new byte[32]);

        await AssertRejectedAsync(Forge(user, null, null, app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(15), key: key));
    }

    private string Forge(TestUser user, string? issuer, string? audience, DateTime issuedAt, TimeSpan lifetime,
        Guid? sessionId = null, SecurityKey? key = null)
    {
        var issuerService = app.Services.GetRequiredService<TokenIssuer>();
        var real = new JsonWebToken(user.AccessToken);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? real.Issuer,
            Audience = audience ?? real.Audiences.First(),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", user.Id.ToString()),
                new Claim("sid", (sessionId ?? Guid.Parse(real.GetClaim("sid").Value)).ToString()),
                new Claim("role", "administrator"),
            ]),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(key ?? issuerService.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task AssertRejectedAsync(string token)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync("/api/v1/users/me");

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
