using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Auth;

/// <summary>Registration rules, lockout, forgotten and reset passwords, email confirmation.</summary>
[Trait("Category", "Integration")]
public sealed class PasswordAndLockoutTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Theory]
    [InlineData("short", "password")]
    [InlineData("password123", "password")]
    [InlineData("qwertyuiop12", "password")]
    public async Task Register_RejectsShortOrGuessablePasswords_NamingTheField(string password, string field)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = Accounts.NewEmail(), password, displayName = "Weak" });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Register_RejectsTooLongPasswords_AndUnknownTimeZones()
    {
        using var client = app.CreateClient();

        using var tooLong = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = Accounts.NewEmail(), password = new string('x', 129), displayName = "Long" });
        using var badZone = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = Accounts.NewEmail(), password = Accounts.StrongPassword, displayName = "Zone", timeZone = "Mars/Olympus" });

        await ProblemAssertions.AssertProblemAsync(tooLong, HttpStatusCode.BadRequest);
        var zone = await ProblemAssertions.AssertProblemAsync(badZone, HttpStatusCode.BadRequest);
        Assert.True(zone.GetProperty("errors").TryGetProperty("timeZone", out _));
    }

    [Fact]
    public async Task Register_AcceptsAPassphraseWithoutCompositionRules_AndReturnsNoSecrets()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = Accounts.NewEmail(), password = "purple cactus dances slowly", displayName = "Pass Phrase", timeZone = "Europe/Paris" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stamp", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"id\"", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Lockout_HoldsEvenWhenTheNextPasswordIsCorrect()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the password at all" });
            await ProblemAssertions.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        }

        using var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });

        var problem = await ProblemAssertions.AssertProblemAsync(right, HttpStatusCode.Unauthorized);
        Assert.Equal("Account locked", problem.GetProperty("title").GetString());
        Assert.False(problem.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task UnknownEmail_AndWrongPassword_LookTheSame()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();

        using var unknown = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Accounts.NewEmail(), password = "whatever it is 1" });
        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "whatever it is 1" });

        var a = await ProblemAssertions.AssertProblemAsync(unknown, HttpStatusCode.Unauthorized);
        var b = await ProblemAssertions.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ForgotPassword_IsIndistinguishableForUnknownEmails_AndNeverReturnsAToken()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();

        using var known = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = user.Email });
        using var unknown = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.NewEmail() });

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        var knownBody = await known.Content.ReadAsStringAsync();
        Assert.Equal(knownBody, await unknown.Content.ReadAsStringAsync());
        Assert.Empty(knownBody);
        Assert.Equal(known.Content.Headers.ContentType?.ToString(), unknown.Content.Headers.ContentType?.ToString());
        Assert.Equal(known.Headers.Select(h => h.Key).Where(k => k != "X-Request-Id").Order(),
            unknown.Headers.Select(h => h.Key).Where(k => k != "X-Request-Id").Order());
    }

    [Fact]
    public async Task ResetToken_WorksOnce_EndsEverySession_AndLiftsTheLockout()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();
        using var forgot = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = user.Email });
        var token = Accounts.LinkParameter(await Accounts.LatestOutboxBodyAsync(app, user.Email), "token");
        const string newPassword = "harbor velvet compass 93";

        using var reset = await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { email = user.Email, token, newPassword });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        using var again = await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { email = user.Email, token, newPassword = "another fresh phrase 12" });
        await ProblemAssertions.AssertProblemAsync(again, HttpStatusCode.BadRequest);

        using var oldSession = user.Client(app);
        using var me = await oldSession.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        await Accounts.LoginAsync(app, user.Email, newPassword, user.Id);
    }

    [Fact]
    public async Task ForgedResetToken_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();

        using var reset = await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { email = user.Email, token = "CfDJ8forged", newPassword = "harbor velvet compass 93" });

        await ProblemAssertions.AssertProblemAsync(reset, HttpStatusCode.BadRequest);
        await Accounts.LoginAsync(app, user.Email, user.Password, user.Id);
    }

    [Fact]
    public async Task VerifyEmail_ConfirmsTheAddressFromTheEmailedLink()
    {
        var user = await Accounts.RegisterAndLoginAsync(app, confirmEmail: false);
        var link = await Accounts.LatestOutboxBodyAsync(app, user.Email);
        using var client = app.CreateClient();

        using var verified = await client.PostAsJsonAsync("/api/v1/auth/verify-email",
            new { email = Accounts.LinkParameter(link, "email"), token = Accounts.LinkParameter(link, "token") });

        Assert.Equal(HttpStatusCode.NoContent, verified.StatusCode);
        using var authed = user.Client(app);
        var me = await authed.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.True(me.GetProperty("emailConfirmed").GetBoolean());
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentOne_AndEndsOtherSessions()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.LoginAsync(app, user.Email, user.Password, user.Id);
        using var client = user.Client(app);

        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/change-password",
            new { currentPassword = "not it at all 123", newPassword = "harbor velvet compass 93" });
        var problem = await ProblemAssertions.AssertProblemAsync(wrong, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("currentPassword", out _));

        using var changed = await client.PostAsJsonAsync("/api/v1/auth/change-password",
            new { currentPassword = user.Password, newPassword = "harbor velvet compass 93" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        using var otherClient = app.CreateClient();
        using var refresh = await otherClient.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = other.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);
    }
}

/// <summary>Reset links that expire: a host whose email tokens live one second, and a clock moved past it.</summary>
[Trait("Category", "Integration")]
public sealed class ExpiredResetTokenTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Auth:EmailTokenLifetimeSeconds", "1");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task ExpiredResetToken_IsRejected()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = _app.CreateClient();
        using var forgot = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = user.Email });
        var token = Accounts.LinkParameter(await Accounts.LatestOutboxBodyAsync(_app, user.Email), "token");

        _app.Clock.Advance(TimeSpan.FromSeconds(2));
        using var reset = await client.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { email = user.Email, token, newPassword = "harbor velvet compass 93" });

        await ProblemAssertions.AssertProblemAsync(reset, HttpStatusCode.BadRequest);
    }
}

/// <summary>Malformed or incomplete bodies get a 400 naming the fields, never a 500, and write nothing.</summary>
[Trait("Category", "Integration")]
public sealed class AuthInputValidationTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Theory]
    [InlineData("/api/v1/auth/login", "{}", "email")]
    [InlineData("/api/v1/auth/register", """{"email":"not-an-email","password":"purple cactus dances slowly","displayName":"X"}""", "email")]
    [InlineData("/api/v1/auth/register", """{"email":"a@example.test","password":"purple cactus dances slowly","displayName":""}""", "displayName")]
    [InlineData("/api/v1/auth/login/mfa", """{"mfaToken":"x"}""", "method")]
    [InlineData("/api/v1/auth/forgot-password", "{}", "email")]
    [InlineData("/api/v1/auth/reset-password", """{"email":"a@example.test"}""", "token")]
    public async Task MissingOrInvalidFields_Are400NamingTheField(string path, string json, string field)
    {
        using var client = app.CreateClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(path, content);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task OversizedDisplayName_Is400_AndCreatesNoAccount()
    {
        using var client = app.CreateClient();
        var email = Accounts.NewEmail();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = Accounts.StrongPassword, displayName = new string('x', 5000) });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Accounts.StrongPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }
}
