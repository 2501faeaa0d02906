using System.Net;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Auth;

/// <summary>
/// Two hosts that act as replicas of one instance (same counter namespace). With Redis (the PostgreSQL run) they
/// share one limit; without it each host counts alone, which the second half of each test states explicitly.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly string _sharedPrefix = $"pa-test-replicas:{Guid.NewGuid():N}";
    private readonly AssistantApp _first;
    private readonly AssistantApp _second;

    public RateLimitTests()
    {
        _first = Replica();
        _second = Replica();
    }

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_first).InitializeAsync();
        await ((IAsyncLifetime)_second).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_first).DisposeAsync();
        await ((IAsyncLifetime)_second).DisposeAsync();
    }

    [Fact]
    public async Task PerIpLimit_Returns429WithRetryAfter_AcrossReplicasSharingRedis()
    {
        using var first = _first.CreateClient();
        using var second = _second.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await first.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.NewEmail() });
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }

        using var third = await second.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.NewEmail() });
        if (!AssistantApp.HasRedis)
        {
            // Without Redis each replica counts alone: the other host still has its own 3 permits.
            Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
            using var local = await first.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.NewEmail() });
            Assert.Equal(HttpStatusCode.Accepted, local.StatusCode);
            using var refusedLocally = await first.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.NewEmail() });
            await AssertTooManyAsync(refusedLocally);
            return;
        }

        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        using var refused = await second.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.NewEmail() });
        await AssertTooManyAsync(refused);
        using var refusedOnFirst = await first.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.NewEmail() });
        await AssertTooManyAsync(refusedOnFirst);
    }

    [Fact]
    public async Task FailedSignIns_OfOneAccountAndAddress_LockThatAddress()
    {
        var user = await Accounts.RegisterAndLoginAsync(_first, confirmEmail: false);
        // Another address than the registration's, which spent most of 127.0.0.1's per-IP permits.
        var source = IPAddress.Parse("127.0.0.5");
        // The replicas keep separate databases here, so the account exists on the first only: the counters are in
        // Redis (the PostgreSQL run) or memory, keyed by the account id, and are exercised through the first host.
        using var first = _first.CreateClientFrom(source);
        using var other = _first.CreateClientFrom(source);
        // Failures only are counted, per account and address (2 here); the per-IP limit (3) is not what stops it.
        using var one = await first.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password 1" });
        using var two = await other.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password 2" });
        Assert.Equal("Sign-in failed", (await ProblemAssertions.AssertProblemAsync(one, HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
        Assert.Equal("Account locked", (await ProblemAssertions.AssertProblemAsync(two, HttpStatusCode.Unauthorized)).GetProperty("title").GetString());

        using var three = await first.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });

        Assert.Equal("Account locked", (await ProblemAssertions.AssertProblemAsync(three, HttpStatusCode.Unauthorized)).GetProperty("title").GetString());
    }

    private AssistantApp Replica() => new AssistantApp()
        .With("RateLimits:KeyPrefix", _sharedPrefix)
        .With("RateLimits:AuthPerIp:PermitLimit", "3")
        .With("RateLimits:AuthPerIp:WindowSeconds", "300")
        .With("RateLimits:AuthPerAccount:PermitLimit", "2")
        .With("RateLimits:AuthPerAccount:WindowSeconds", "300")
        .With("Auth:MaxFailedAccessAttempts", "2")
        .With("RateLimits:MessagesPerAccount:PermitLimit", "100");

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Try again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
