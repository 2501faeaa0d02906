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
        app.MapGet("/2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers/{country}/Local.json", fake.ListAvailable);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json", fake.BuyNumberAsync);
        app.MapGet("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{sid}.json", fake.FetchNumber);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{sid}.json", fake.UpdateNumberAsync);
        app.MapDelete("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{sid}.json", fake.ReleaseNumber);
        await app.StartAsync();
        return fake;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>The account's numbers (IncomingPhoneNumbers) by SID: what was bought, with its webhook URLs; tests may change them.</summary>
    public ConcurrentDictionary<string, IncomingNumber> Numbers { get; } = new(StringComparer.Ordinal);

    /// <summary>Every number-API request as "METHOD path?query", in arrival order.</summary>
    public ConcurrentQueue<string> NumberRequests { get; } = new();

    /// <summary>Answers for the next number purchases (a Twilio error code and HTTP status), in order; 201 once empty.</summary>
    public ConcurrentQueue<(int Code, int Status)> NumberScript { get; } = new();

    private IResult ListAvailable(string accountSid, string country, HttpContext context)
    {
        NumberRequests.Enqueue($"GET {context.Request.Path}{context.Request.QueryString}");
        if (!Authorized(context, accountSid))
        {
            return Error(20003, 401, "Authenticate");
        }

        var area = context.Request.Query["AreaCode"].ToString();
        area = area.Length == 3 ? area : "415";
        var prefix = country == "CA" || country == "US" ? "+1" : "+33";
        var numbers = Enumerable.Range(0, 2).Select(i => new Dictionary<string, object?>
        {
            ["friendly_name"] = $"({area}) 555-01{i}0",
            ["phone_number"] = $"{prefix}{area}55501{i}0",
            ["lata"] = "730",
            ["locality"] = "Montreal",
            ["rate_center"] = "MONTREAL",
            ["latitude"] = "45.500000",
            ["longitude"] = "-73.560000",
            ["region"] = "QC",
            ["postal_code"] = null,
            ["iso_country"] = country,
            ["address_requirements"] = "none",
            ["beta"] = false,
            ["capabilities"] = new Dictionary<string, bool> { ["voice"] = true, ["SMS"] = true, ["MMS"] = true },
        }).ToList();
        var uri = $"/2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers/{country}/Local.json";
        return Results.Json(new Dictionary<string, object?>
        {
            ["available_phone_numbers"] = numbers,
            ["uri"] = uri,
            ["first_page_uri"] = uri,
            ["next_page_uri"] = null,
            ["previous_page_uri"] = null,
            ["page"] = 0,
            ["page_size"] = 50,
            ["start"] = 0,
            ["end"] = numbers.Count - 1,
        });
    }

    private async Task<IResult> BuyNumberAsync(string accountSid, HttpContext context)
    {
        NumberRequests.Enqueue($"POST {context.Request.Path}");
        if (!Authorized(context, accountSid))
        {
            return Error(20003, 401, "Authenticate");
        }

        var form = await context.Request.ReadFormAsync();
        if (NumberScript.TryDequeue(out var scripted) && scripted.Status != 201)
        {
            return Error(scripted.Code, scripted.Status, "Scripted failure");
        }

        if (string.IsNullOrEmpty(form["PhoneNumber"]))
        {
            return Error(21452, 400, "PhoneNumber or AreaCode is required.");
        }

        var number = new IncomingNumber("PN" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), form["PhoneNumber"].ToString())
        {
            SmsUrl = form["SmsUrl"].ToString(),
            SmsMethod = form["SmsMethod"].ToString(),
            StatusCallback = form["StatusCallback"].ToString(),
        };
        Numbers[number.Sid] = number;
        return Results.Json(NumberJson(accountSid, number), statusCode: 201);
    }

    private IResult FetchNumber(string accountSid, string sid, HttpContext context)
    {
        NumberRequests.Enqueue($"GET {context.Request.Path}");
        return !Authorized(context, accountSid) ? Error(20003, 401, "Authenticate")
            : Numbers.TryGetValue(sid, out var number) ? Results.Json(NumberJson(accountSid, number))
            : Error(20404, 404, "The requested resource was not found");
    }

    private async Task<IResult> UpdateNumberAsync(string accountSid, string sid, HttpContext context)
    {
        NumberRequests.Enqueue($"POST {context.Request.Path}");
        if (!Authorized(context, accountSid) || !Numbers.TryGetValue(sid, out var number))
        {
            return Error(20404, 404, "The requested resource was not found");
        }

        var form = await context.Request.ReadFormAsync();
        number.SmsUrl = form.TryGetValue("SmsUrl", out var smsUrl) ? smsUrl.ToString() : number.SmsUrl;
        number.StatusCallback = form.TryGetValue("StatusCallback", out var status) ? status.ToString() : number.StatusCallback;
        return Results.Json(NumberJson(accountSid, number));
    }

    private IResult ReleaseNumber(string accountSid, string sid, HttpContext context)
    {
        NumberRequests.Enqueue($"DELETE {context.Request.Path}");
        return !Authorized(context, accountSid) ? Error(20003, 401, "Authenticate")
            : Numbers.TryRemove(sid, out _) ? Results.StatusCode(204)
            : Error(20404, 404, "The requested resource was not found");
    }

    private static bool Authorized(HttpContext context, string accountSid)
    {
        BasicUser(context.Request, out var authenticated);
        return authenticated && accountSid == AccountSid;
    }

    /// <summary>Twilio's IncomingPhoneNumber resource as its API writes it.</summary>
    private static Dictionary<string, object?> NumberJson(string accountSid, IncomingNumber number)
    {
        const string now = "Wed, 18 Nov 2026 14:00:00 +0000";
        return new Dictionary<string, object?>
        {
            ["account_sid"] = accountSid,
            ["address_requirements"] = "none",
            ["address_sid"] = null,
            ["api_version"] = "2010-04-01",
            ["beta"] = false,
            ["capabilities"] = new Dictionary<string, bool> { ["voice"] = true, ["sms"] = true, ["mms"] = true, ["fax"] = false },
            ["date_created"] = now,
            ["date_updated"] = now,
            ["friendly_name"] = number.PhoneNumber,
            ["identity_sid"] = null,
            ["origin"] = "twilio",
            ["phone_number"] = number.PhoneNumber,
            ["sid"] = number.Sid,
            ["sms_application_sid"] = "",
            ["sms_fallback_method"] = "POST",
            ["sms_fallback_url"] = "",
            ["sms_method"] = number.SmsMethod,
            ["sms_url"] = number.SmsUrl,
            ["status_callback"] = number.StatusCallback,
            ["status_callback_method"] = "POST",
            ["status"] = "in-use",
            ["uri"] = $"/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{number.Sid}.json",
            ["voice_method"] = "POST",
            ["voice_url"] = null,
        };
    }

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

/// <summary>A number the fake account holds.</summary>
public sealed record IncomingNumber(string Sid, string PhoneNumber)
{
    public string? SmsUrl { get; set; }

    public string? SmsMethod { get; set; }

    public string? StatusCallback { get; set; }
}
