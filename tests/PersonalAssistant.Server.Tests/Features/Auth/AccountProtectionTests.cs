using System.Diagnostics;
using System.Net;
using PersonalAssistant.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PersonalAssistant.Server.Tests.Features.Auth;

/// <summary>
/// Security issue 13: strangers can neither keep the owner out nor learn who has an account. Other source addresses
/// are real: the client binds its socket to 127.0.0.x (see <see cref="AssistantApp.CreateClientFrom"/>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class AccountProtectionTests(AssistantApp app, ITestOutputHelper output) : IClassFixture<AssistantApp>
{
    private static readonly IPAddress Stranger = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Login_StrangerFailingFromAnotherAddress_DoesNotStopTheOwner()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var stranger = app.CreateClientFrom(Stranger);
        for (var i = 0; i < 6; i++)
        {
            using var wrong = await stranger.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the password at all" });
            await ProblemAssertions.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        }

        using var strangerRight = await stranger.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });
        var locked = await ProblemAssertions.AssertProblemAsync(strangerRight, HttpStatusCode.Unauthorized);
        Assert.Equal("Account locked", locked.GetProperty("title").GetString());

        await Accounts.LoginAsync(app, user.Email, user.Password, user.Id);
    }

    [Fact]
    public async Task Login_SameAddressAfterFiveFailures_IsLockedOutEvenWithTheRightPassword()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var attacker = app.CreateClientFrom(IPAddress.Parse("127.0.0.3"));
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the password at all" });
            await ProblemAssertions.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        }

        using var right = await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });

        var problem = await ProblemAssertions.AssertProblemAsync(right, HttpStatusCode.Unauthorized);
        Assert.Equal("Account locked", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Register_TakenEmail_AnswersLikeANewOne_AndEmailsTheOwner()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();

        using var fresh = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = Accounts.NewEmail(), password = "copper meadow violin 52", displayName = "New" });
        using var taken = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = owner.Email, password = "copper meadow violin 52", displayName = "Intruder" });

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await taken.Content.ReadAsStringAsync());
        Assert.Equal(fresh.Content.Headers.ContentType?.ToString(), taken.Content.Headers.ContentType?.ToString());
        Assert.Equal(fresh.Headers.Select(h => h.Key).Where(k => k != "X-Request-Id").Order(),
            taken.Headers.Select(h => h.Key).Where(k => k != "X-Request-Id").Order());
        Assert.Contains("tried to create an account with your address", await Accounts.LatestOutboxBodyAsync(app, owner.Email), StringComparison.Ordinal);
        await Accounts.LoginAsync(app, owner.Email, owner.Password, owner.Id);
    }

    [Fact]
    public async Task Register_TakenEmailWithAWeakPassword_AnswersLikeANewOne()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();

        using var fresh = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = Accounts.NewEmail(), password = "password123", displayName = "New" });
        using var taken = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = owner.Email, password = "password123", displayName = "New" });

        var a = await ProblemAssertions.AssertProblemAsync(fresh, HttpStatusCode.BadRequest);
        var b = await ProblemAssertions.AssertProblemAsync(taken, HttpStatusCode.BadRequest);
        Assert.Equal(a.GetProperty("errors").ToString(), b.GetProperty("errors").ToString());
    }

    [Fact]
    public async Task VerifyEmail_SecondUseOfTheLink_IsRefusedLikeAnInvalidLink()
    {
        var user = await Accounts.RegisterAndLoginAsync(app, confirmEmail: false);
        var link = await Accounts.LatestOutboxBodyAsync(app, user.Email);
        var body = new { email = Accounts.LinkParameter(link, "email"), token = Accounts.LinkParameter(link, "token") };
        using var client = app.CreateClient();

        using var first = await client.PostAsJsonAsync("/api/v1/auth/verify-email", body);
        using var second = await client.PostAsJsonAsync("/api/v1/auth/verify-email", body);
        using var forged = await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { body.email, token = "CfDJ8forged" });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var again = await ProblemAssertions.AssertProblemAsync(second, HttpStatusCode.BadRequest);
        var invalid = await ProblemAssertions.AssertProblemAsync(forged, HttpStatusCode.BadRequest);
        Assert.Equal(invalid.GetProperty("detail").GetString(), again.GetProperty("detail").GetString());
    }

    /// <summary>
    /// The answers are identical; the mean times of 30 calls each are printed (not asserted: a shared CI machine
    /// is too noisy for a timing assertion). Run with <c>--logger "console;verbosity=detailed"</c> to read them.
    /// </summary>
    [Fact]
    public async Task ForgotPasswordAndResendVerification_ExistingAndUnknownEmails_AnswerAlike()
    {
        var known = await Accounts.RegisterAndLoginAsync(app, confirmEmail: false);
        using var client = app.CreateClient();
        foreach (var path in new[] { "/api/v1/auth/forgot-password", "/api/v1/auth/resend-verification" })
        {
            for (var i = 0; i < 5; i++)
            {
                (await client.PostAsJsonAsync(path, new { email = Accounts.NewEmail() })).Dispose();
            }

            var existing = new List<double>();
            var unknown = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                existing.Add(await TimeAsync(client, path, known.Email));
                unknown.Add(await TimeAsync(client, path, Accounts.NewEmail()));
            }

            output.WriteLine($"{path} ({AssistantApp.DatabaseProvider}): existing {existing.Average():F2} ms, unknown {unknown.Average():F2} ms (mean of 30)");
        }
    }

    private static async Task<double> TimeAsync(HttpClient client, string path, string email)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync(path, new { email });
        var elapsed = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        return elapsed;
    }
}

/// <summary>The failure ceiling of one account across many addresses: new addresses wait, known ones do not.</summary>
[Trait("Category", "Integration")]
public sealed class SignInFailureCeilingTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp()
        .With("RateLimits:SignInFailuresPerAccount:PermitLimit", "3")
        .With("RateLimits:SignInFailuresPerAccount:WindowSeconds", "3600");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Login_AboveTheAccountsFailureCeiling_RefusesNewAddresses_ButNotTheOwnersKnownOne()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        foreach (var address in new[] { "127.0.0.11", "127.0.0.12", "127.0.0.12" })
        {
            using var stranger = _app.CreateClientFrom(IPAddress.Parse(address));
            using var wrong = await stranger.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "guess number one" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var newcomer = _app.CreateClientFrom(IPAddress.Parse("127.0.0.13"));
        using var refused = await newcomer.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });

        await ProblemAssertions.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
        await Accounts.LoginAsync(_app, user.Email, user.Password, user.Id);
    }
}
