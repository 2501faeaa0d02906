using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>A person registered through the real API, with the tokens their last sign-in returned.</summary>
public sealed record TestUser(string Email, string Password, Guid Id, string AccessToken, string? RefreshToken, string? RefreshCookie)
{
    public HttpClient Client(AssistantApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return client;
    }
}

/// <summary>Registration and sign-in through HTTP, as a client would do them.</summary>
public static partial class Accounts
{
    public const string StrongPassword = "maple orbit lantern 47";

    public static string NewEmail(string name = "person") => $"{name}-{Guid.NewGuid():N}@example.test";

    /// <summary>
    /// Registers (200, the same answer for any address), confirms the address from the emailed link unless told
    /// not to (adding a phone number needs it), signs in, and reads the account id from <c>users/me</c>.
    /// </summary>
    public static async Task<TestUser> RegisterAndLoginAsync(AssistantApp app, string? email = null, string password = StrongPassword,
        string tokenDelivery = "body", bool confirmEmail = true, string locale = "en")
    {
        ArgumentNullException.ThrowIfNull(app);
        email ??= NewEmail();
        using var client = app.CreateClient();
        using var registered = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password, displayName = "Test Person", timeZone = "America/Toronto", locale });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        if (confirmEmail)
        {
            var link = await LatestOutboxBodyAsync(app, email);
            using var verified = await client.PostAsJsonAsync("/api/v1/auth/verify-email",
                new { email = LinkParameter(link, "email"), token = LinkParameter(link, "token") });
            Assert.Equal(HttpStatusCode.NoContent, verified.StatusCode);
        }

        var user = await LoginAsync(app, email, password, Guid.Empty, tokenDelivery);
        using var authed = user.Client(app);
        var me = await authed.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        return user with { Id = me.GetProperty("id").GetGuid() };
    }

    public static async Task<TestUser> LoginAsync(AssistantApp app, string email, string password, Guid id, string tokenDelivery = "body")
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password, tokenDelivery });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TestUser(email, password, id, body.GetProperty("accessToken").GetString()!,
            body.TryGetProperty("refreshToken", out var refresh) ? refresh.GetString() : null, RefreshCookieOf(response));
    }

    /// <summary>A sign-in with email and password, whatever its answer (the caller disposes it).</summary>
    public static async Task<HttpResponseMessage> TryLoginAsync(AssistantApp app, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password, tokenDelivery = "body" });
    }

    /// <summary>The value of the refresh cookie a response set (HttpClient drops Secure cookies over http).</summary>
    public static string? RefreshCookieOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => RefreshCookie().Match(c)).Where(m => m.Success).Select(m => m.Groups[1].Value).FirstOrDefault(v => v.Length > 0)
            : null;
    }

    /// <summary>The newest outbox message to a recipient, read straight from the database of the host.</summary>
    public static async Task<string> LatestOutboxBodyAsync(AssistantApp app, string recipient)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PersonalAssistant.Server.Persistence.AppDbContext>();
        var messages = db.Outbox.Where(m => m.Recipient == recipient).ToList();
        // The host's clock may not have moved between two messages: the time-ordered id breaks the tie.
        return messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => m.Body).First();
    }

    public static string LinkParameter(string body, string name)
    {
        var match = Regex.Match(body ?? string.Empty, $@"[?&]{name}=([^&\s]+)");
        Assert.True(match.Success, $"No {name} in: {body}");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    /// <summary>The issue's bound: once a session ends (or its roles change), its access token stops working within 5 seconds.</summary>
    public static async Task AssertTokenDiesWithinFiveSecondsAsync(AssistantApp app, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var client = user.Client(app);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await client.GetAsync("/api/v1/users/me");
            status = response.StatusCode;
            if (status == HttpStatusCode.Unauthorized)
            {
                return;
            }

            await Task.Delay(250);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Fail($"The access token still worked 5 seconds after its session ended (last status {status}).");
    }

    [GeneratedRegex("^pa_refresh=([^;]*)")]
    private static partial Regex RefreshCookie();
}
