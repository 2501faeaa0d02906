using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>
/// What the attack run read without signing in or kept after signing out: the metrics scrape and the readiness
/// details are for operations networks only; API answers are never cached; a refused token is not explained.
/// The test hosts are reached from 127.0.0.1, so "a stranger" is a host whose operations network excludes loopback.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the hosts through IAsyncLifetime.")]
public sealed class OperatorSurfaceTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new();
    private readonly AssistantApp _remote = new AssistantApp().With("Operations:AllowedNetworks", "10.20.0.0/16");

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        await ((IAsyncLifetime)_remote).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await ((IAsyncLifetime)_remote).DisposeAsync();
    }

    [Fact]
    public async Task Metrics_FromOutsideTheOperationsNetworks_AreNotFound()
    {
        using var client = _remote.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("http_server", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthReady_FromOutsideTheOperationsNetworks_SaysOnlyTheStatus()
    {
        using var client = _remote.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ApiAnswers_AreNeverStored_SignedInOrNot()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        using var anonymous = _app.CreateClient();

        using var me = await client.GetAsync("/api/v1/users/me");
        using var tasks = await client.GetAsync("/api/v1/tasks");
        using var missing = await anonymous.GetAsync("/api/v1/tasks");

        Assert.All(new[] { me, tasks, missing }, response => Assert.True(response.Headers.CacheControl?.NoStore,
            $"{response.RequestMessage!.RequestUri}: Cache-Control {response.Headers.CacheControl}"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    public async Task RefusedToken_ChallengeSaysInvalidToken_ButNotWhy(string token)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task ExpiredToken_ChallengeSaysInvalidToken_ButNotWhen()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var services = _app.Services;
        var issuer = new TokenIssuer(services.GetRequiredService<ServerSecrets>(), services.GetRequiredService<IOptions<AuthOptions>>(),
            new FakeTimeProvider(_app.Clock.GetUtcNow().AddHours(-1)));
        var sessionId = Guid.Parse(new JsonWebToken(user.AccessToken).GetClaim(CurrentUser.SessionIdClaim).Value);
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.CreateAccessToken(user.Id, sessionId, []).Token);

        using var response = await client.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task RevokedSessionsToken_ChallengeSaysInvalidToken_ButNotWhy()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        (await client.PostAsync("/api/v1/auth/logout", null)).Dispose();

        using var response = await client.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString());
    }
}
