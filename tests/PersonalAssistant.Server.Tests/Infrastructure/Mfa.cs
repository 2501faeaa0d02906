using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using PersonalAssistant.Server.Persistence;

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
        using var enable = await client.PostAsJsonAsync("/api/v1/mfa/totp/enable", new { code = Totp(secret) });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var codes = (await enable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return (secret, codes);
    }

    /// <summary>
    /// A code the server will accept: the current step's, or, when that step was already used, the next step's
    /// (the server allows one step of drift), as an authenticator app a few seconds later would show.
    /// </summary>
    public static string Totp(string secret, long? after = null)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var now = DateTime.UtcNow;
        return after is { } used && CurrentStep() <= used ? totp.ComputeTotp(now.AddSeconds(30)) : totp.ComputeTotp(now);
    }

    public static long CurrentStep() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    /// <summary>Adds a number and verifies it with the code from the outbox; returns its id and E.164 form.</summary>
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

    public static async Task ExpireCodesAsync(AssistantApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var codes = await db.VerificationCodes.ToListAsync();
        foreach (var code in codes)
        {
            code.ExpiresAt = code.CreatedAt.AddMinutes(-1);
        }

        await db.SaveChangesAsync();
    }
}
