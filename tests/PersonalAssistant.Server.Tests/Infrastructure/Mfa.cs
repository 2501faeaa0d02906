using System.Net;
using System.Text.Json;
using OtpNet;

namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>Second factors and phone numbers set up through the real API, as a person would.</summary>
public static class Mfa
{
    /// <summary>Sets up and enables TOTP; returns the secret and the recovery codes.</summary>
    public static async Task<(string Secret, IReadOnlyList<string> RecoveryCodes)> EnableTotpAsync(AssistantApp app, TestUser user)
    {
        using var client = user.Client(app);
        var setup = await (await client.PostAsync("/api/v1/mfa/totp/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var secret = setup.GetProperty("secret").GetString()!;
        using var enable = await client.PostAsJsonAsync("/api/v1/mfa/totp/enable", new { code = Totp(app, secret) });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var codes = (await enable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return (secret, codes);
    }

    /// <summary>
    /// The code an authenticator app shows at the host's clock. The server takes each time step once: a test that
    /// needs a second code advances <see cref="AssistantApp.Clock"/> by 30 seconds first.
    /// </summary>
    public static string Totp(AssistantApp app, string secret) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Adds a number and verifies it with the code from the outbox; returns its id and E.164 form.</summary>
    /// <summary>Signs in again with the password and a TOTP code (of the next 30-second step: a code works once).</summary>
    public static async Task<TestUser> LoginWithTotpAsync(AssistantApp app, TestUser user, string secret)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        using var client = app.CreateClient();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password, tokenDelivery = "body" });
        var challenge = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mfaToken").GetString();
        using var verified = await client.PostAsJsonAsync("/api/v1/auth/login/mfa", new { mfaToken = challenge, method = "totp", code = Totp(app, secret) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var body = await verified.Content.ReadFromJsonAsync<JsonElement>();
        return user with { AccessToken = body.GetProperty("accessToken").GetString()!, RefreshToken = body.TryGetProperty("refreshToken", out var refresh) ? refresh.GetString() : null };
    }

    public static async Task<(Guid Id, string E164)> AddVerifiedPhoneAsync(AssistantApp app, TestUser user, string number)
    {
        using var client = user.Client(app);
        using var added = await client.PostAsJsonAsync("/api/v1/users/me/phone-numbers", new { number });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var phone = await added.Content.ReadFromJsonAsync<JsonElement>();
        var e164 = phone.GetProperty("number").GetString()!;
        var id = phone.GetProperty("id").GetGuid();
        using var verified = await client.PostAsJsonAsync($"/api/v1/users/me/phone-numbers/{id}/verify", new { code = await LatestCodeAsync(app, e164) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        return (id, e164);
    }

    public static async Task<string> LatestCodeAsync(AssistantApp app, string e164)
    {
        var body = await Accounts.LatestOutboxBodyAsync(app, e164);
        return System.Text.RegularExpressions.Regex.Match(body, @"\b(\d{6})\b").Groups[1].Value;
    }

    /// <summary>A unique, valid North American number (555-01xx is reserved for fiction, so use real-looking ones).</summary>
    public static string NewUsNumber() => $"+1 415 {Random.Shared.Next(200, 999)} {Random.Shared.Next(1000, 9999)}";
}
