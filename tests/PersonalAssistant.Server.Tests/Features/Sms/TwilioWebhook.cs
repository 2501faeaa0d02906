using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;
using ISmsSender = PersonalAssistant.Server.Messaging.ISmsSender;
using OutboxSender = PersonalAssistant.Server.Messaging.OutboxSender;

namespace PersonalAssistant.Server.Tests.Features.Sms;

/// <summary>Posts texts to the webhook as Twilio does (form fields, signed), runs the handling jobs, and reads the replies.</summary>
internal static partial class TwilioWebhook
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "12345678901234567890123456789012";
    public const string PublicBaseUrl = "https://assistant.example.org";
    public const string InstanceNumber = "+15145550100";
    public const string Path = "/webhooks/twilio/sms";

    /// <summary>A host configured for Twilio (shared number unless told), jobs and inbound texts handled by the test.</summary>
    public static AssistantApp Configure(AssistantApp app, string mode = "shared") => app
        .With("Twilio:AccountSid", AccountSid).With("Twilio:AuthToken", AuthToken).With("Twilio:PhoneNumber", InstanceNumber)
        .With("Twilio:PublicBaseUrl", PublicBaseUrl).With("Twilio:NumberMode", mode)
        .With("Reminders:Dispatch", "false").With("Jobs:Workers", "0").With("Sms:Workers", "0")
        // replies are read from the outbox here; the Twilio REST side is TwilioSmsSenderTests' (against FakeTwilio)
        .WithServices(services => services.Replace(ServiceDescriptor.Scoped<ISmsSender>(provider => provider.GetRequiredService<OutboxSender>())));

    /// <summary>Twilio's signature: base64 HMAC-SHA1 with the auth token over the URL followed by each parameter's name and value, sorted by name.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Twilio's webhook signature is HMAC-SHA1; the test signs as Twilio does.")]
    public static string Sign(string url, IReadOnlyDictionary<string, string> form, string token = AuthToken)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
    }

    public static Dictionary<string, string> Form(string from, string body, string? sid = null, string to = InstanceNumber, string accountSid = AccountSid) => new()
    {
        ["AccountSid"] = accountSid,
        ["MessageSid"] = sid ?? "SM" + Guid.NewGuid().ToString("N"),
        ["From"] = from,
        ["To"] = to,
        ["Body"] = body,
        ["NumMedia"] = "0",
        ["ApiVersion"] = "2010-04-01",
    };

    /// <summary>Posts the form signed over the public URL (or <paramref name="signature"/> as given; null sends none).</summary>
    public static async Task<HttpResponseMessage> PostAsync(AssistantApp app, Dictionary<string, string> form, string? signature = "sign", string? host = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new FormUrlEncodedContent(form) };
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature == "sign" ? Sign(PublicBaseUrl + Path, form) : signature);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts a signed text and checks the empty TwiML answer.</summary>
    public static async Task TextAsync(AssistantApp app, string from, string body, string to = InstanceNumber)
    {
        using var response = await PostAsync(app, Form(from, body, to: to));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response></Response>""", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The inbound texts recorded and waiting for their handling (status received), oldest first.</summary>
    public static async Task<List<Guid>> WaitingAsync(AssistantApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<SmsMessage>().AsNoTracking()
            .Where(m => m.Direction == "inbound" && m.Status == "received").OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
    }

    /// <summary>Handles every waiting text, as a lane of the queue would (with <c>Sms:Workers</c> at 0 nothing else does).</summary>
    public static async Task RunJobsAsync(AssistantApp app)
    {
        var queue = app.Services.GetRequiredService<InboundSmsQueue>();
        foreach (var id in await WaitingAsync(app))
        {
            await queue.HandleAsync(id, CancellationToken.None);
        }
    }

    /// <summary>The SMS texted to <paramref name="number"/> (the outbox), oldest first, without the verification codes.</summary>
    public static async Task<List<string>> RepliesToAsync(AssistantApp app, string number)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var bodies = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Channel == "sms" && m.Recipient == number).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
        return [.. bodies.Where(body => !Code().IsMatch(body))];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d{6}\b")]
    private static partial System.Text.RegularExpressions.Regex Code();

    public static async Task<List<SmsMessage>> InboundAsync(AssistantApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<SmsMessage>().AsNoTracking()
            .Where(m => m.Direction == "inbound").OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
    }
}
