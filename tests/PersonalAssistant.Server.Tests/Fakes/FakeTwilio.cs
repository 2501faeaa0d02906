using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace PersonalAssistant.Server.Tests.Fakes;

/// <summary>
/// Twilio's REST API on loopback, for the part the server uses: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>
/// with Twilio's form body (To, From or MessagingServiceSid, Body, StatusCallback) and basic authentication (the account
/// SID and auth token, or an API key SID and its secret). It answers 201 with Twilio's JSON message resource (a fresh
/// "SM…" SID, status "queued", num_segments), or what the script says: a Twilio error JSON with its HTTP status. It keeps
/// every request it received.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "fake-auth-token-0123456789abcdef";
    public const string ApiKeySid = "SK0123456789abcdef0123456789abcdef";
    public const string ApiKeySecret = "fake-api-key-secret-0123456789";

    private readonly WebApplication _app;

    private FakeTwilio(WebApplication app) => _app = app;

    /// <summary>Every message request, in arrival order, whatever was answered.</summary>
    public ConcurrentQueue<TwilioRequest> Received { get; } = new();

    /// <summary>Answers for the next requests, in order (a Twilio error code and HTTP status; status 201 accepts); 201 once empty.</summary>
    public ConcurrentQueue<(int Code, int Status)> Script { get; } = new();

    public string BaseUrl => _app.Urls.First();

    /// <summary>The messages accepted (answered 201), in order.</summary>
    public IReadOnlyList<TwilioRequest> Accepted => [.. Received.Where(r => r.Status == 201)];

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", fake.CreateMessageAsync);
        await app.StartAsync();
        return fake;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> CreateMessageAsync(string accountSid, HttpContext context)
    {
        var user = BasicUser(context.Request, out var authenticated);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        string? Field(string name) => form is not null && form.TryGetValue(name, out var value) ? value.ToString() : null;
        var request = new TwilioRequest(accountSid, user, Field("To"), Field("From"), Field("MessagingServiceSid"), Field("Body"), Field("StatusCallback"));

        if (!authenticated || accountSid != AccountSid)
        {
            Received.Enqueue(request with { Status = 401 });
            return Error(20003, 401, "Authenticate");
        }

        if (request.To is null || request.Body is null || (request.From is null && request.MessagingServiceSid is null))
        {
            Received.Enqueue(request with { Status = 400 });
            return Error(21604, 400, "A 'To' phone number, a 'Body' and a 'From' or 'MessagingServiceSid' are required.");
        }

        if (Script.TryDequeue(out var scripted) && scripted.Status != 201)
        {
            Received.Enqueue(request with { Status = scripted.Status });
            return Error(scripted.Code, scripted.Status, "Scripted failure");
        }

        var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Received.Enqueue(request with { Status = 201, Sid = sid });
        const string now = "Wed, 18 Nov 2026 14:00:00 +0000"; // Twilio's RFC 2822 dates; the server does not read them
        return Results.Json(
            new Dictionary<string, object?>
            {
                ["sid"] = sid,
                ["account_sid"] = accountSid,
                ["api_version"] = "2010-04-01",
                ["body"] = request.Body,
                ["date_created"] = now,
                ["date_updated"] = now,
                ["date_sent"] = null,
                ["direction"] = "outbound-api",
                ["error_code"] = null,
                ["error_message"] = null,
                ["from"] = request.From,
                ["messaging_service_sid"] = request.MessagingServiceSid,
                ["num_media"] = "0",
                ["num_segments"] = Segments(request.Body!).ToString(CultureInfo.InvariantCulture),
                ["price"] = null,
                ["price_unit"] = "USD",
                ["status"] = request.MessagingServiceSid is null ? "queued" : "accepted",
                ["subresource_uris"] = new Dictionary<string, string> { ["media"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}/Media.json" },
                ["to"] = request.To,
                ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json",
            },
            statusCode: 201);
    }

    private static IResult Error(int code, int status, string message) =>
        Results.Json(
            new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status },
            statusCode: status);

    /// <summary>The basic-auth user name, and whether its password is the one Twilio has for it.</summary>
    private static string? BasicUser(HttpRequest request, out bool authenticated)
    {
        authenticated = false;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        if (pair.Length != 2)
        {
            return null;
        }

        authenticated = (pair[0] == AccountSid && pair[1] == AuthToken) || (pair[0] == ApiKeySid && pair[1] == ApiKeySecret);
        return pair[0];
    }

    /// <summary>Twilio's own count, independent of the server's code: GSM-7 when every character is in the basic set.</summary>
    private static int Segments(string body)
    {
        const string gsm = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
        const string extension = "\f^{}\\[~]|€";
        if (body.All(c => gsm.Contains(c, StringComparison.Ordinal) || extension.Contains(c, StringComparison.Ordinal)))
        {
            var septets = body.Sum(c => extension.Contains(c, StringComparison.Ordinal) ? 2 : 1);
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }

        return body.Length <= 70 ? 1 : (body.Length + 66) / 67;
    }
}

/// <summary>One message request as the fake Twilio saw it.</summary>
public sealed record TwilioRequest(string AccountSid, string? User, string? To, string? From, string? MessagingServiceSid, string? Body, string? StatusCallback)
{
    public int Status { get; init; }

    public string? Sid { get; init; }
}
