using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PersonalAssistant.Server.Tests.Fakes;

/// <summary>
/// A push service on loopback that speaks the real protocol: it takes RFC 8030 message requests (POST to a
/// subscription's endpoint, with a <c>TTL</c> header), checks the VAPID authorization (RFC 8292:
/// <c>vapid t=&lt;ES256 JWT&gt;, k=&lt;public key&gt;</c>, audience and expiry), and decrypts the aes128gcm body (RFC 8188,
/// RFC 8291) with the P-256 key pair and auth secret it generated for each "browser". It answers from a per-browser
/// script of status codes (201 when the script is empty) and keeps what it received.
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeBrowser> _browsers = new(StringComparer.Ordinal);

    private FakePushService(WebApplication app) => _app = app;

    /// <summary>Every message request, in arrival order, whatever was answered.</summary>
    public ConcurrentQueue<ReceivedPush> Received { get; } = new();

    public string BaseUrl => _app.Urls.First();

    /// <summary>What was answered and why, for assertion messages.</summary>
    public string Log => string.Join("; ", Received.Select(r => $"{r.Status} {r.Problem}"));

    public static async Task<FakePushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new FakePushService(app);
        app.MapPost("/push/{id}", service.ReceiveAsync);
        await app.StartAsync();
        return service;
    }

    /// <summary>A new browser: its endpoint and keys, as <c>PushSubscription.toJSON()</c> would give them.</summary>
    public FakeBrowser NewBrowser()
    {
        var browser = new FakeBrowser($"{BaseUrl}/push/{Guid.NewGuid():N}");
        _browsers[browser.Id] = browser;
        return browser;
    }

    /// <summary>The messages a browser received and decrypted (the ones answered 201).</summary>
    public IReadOnlyList<JsonElement> Delivered(FakeBrowser browser)
    {
        ArgumentNullException.ThrowIfNull(browser);
        return [.. Received.Where(r => r.BrowserId == browser.Id && r.Status == 201 && r.Payload is not null).Select(r => r.Payload!.Value)];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var browser in _browsers.Values)
        {
            browser.Dispose();
        }
    }

    private async Task<IResult> ReceiveAsync(string id, HttpContext context)
    {
        if (!_browsers.TryGetValue(id, out var browser))
        {
            Received.Enqueue(new ReceivedPush(id, 404, null, null, "unknown subscription"));
            return Results.StatusCode(404);
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var problem = CheckHeaders(context.Request, browser, out var vapidKey);
        JsonElement? payload = null;
        if (problem is null)
        {
            try
            {
                payload = JsonDocument.Parse(browser.Decrypt(body.ToArray())).RootElement.Clone();
            }
            catch (Exception exception) when (exception is CryptographicException or JsonException or ArgumentException or InvalidDataException)
            {
                problem = "decryption failed: " + exception.Message;
            }
        }

        if (problem is not null)
        {
            Received.Enqueue(new ReceivedPush(id, 400, null, vapidKey, problem));
            return Results.StatusCode(400);
        }

        var status = browser.Script.TryDequeue(out var scripted) ? scripted : 201;
        Received.Enqueue(new ReceivedPush(id, status, payload, vapidKey, null));
        return Results.StatusCode(status);
    }

    /// <summary>The RFC 8030 and RFC 8292 checks; null when the request is well formed and signed.</summary>
    private static string? CheckHeaders(HttpRequest request, FakeBrowser browser, out string? vapidKey)
    {
        vapidKey = null;
        if (!request.Headers.TryGetValue("TTL", out var ttl) || !int.TryParse(ttl, out _))
        {
            return "no TTL header";
        }

        if (!string.Equals(request.Headers.ContentEncoding, "aes128gcm", StringComparison.OrdinalIgnoreCase))
        {
            return "content encoding is not aes128gcm";
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return "no vapid authorization";
        }

        var parts = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var jwt) || !parts.TryGetValue("k", out var key))
        {
            return "vapid authorization without t or k";
        }

        vapidKey = key;
        var segments = jwt.Split('.');
        if (segments.Length != 3)
        {
            return "t is not a JWT";
        }

        var point = Base64Url.DecodeFromChars(key);
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        var signed = Encoding.ASCII.GetBytes(segments[0] + "." + segments[1]);
        if (!verifier.VerifyData(signed, Base64Url.DecodeFromChars(segments[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return "bad VAPID signature";
        }

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(segments[0]));
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(segments[1]));
        if (header.RootElement.GetProperty("alg").GetString() != "ES256")
        {
            return "VAPID JWT is not ES256";
        }

        // The audience is the push service's origin. Lib.Net.Http.WebPush leaves out the port (it builds scheme://host),
        // which is the same origin for every real push service (all on 443); this one listens on a loopback port.
        var endpoint = new Uri(browser.Endpoint);
        var audience = claims.RootElement.GetProperty("aud").GetString();
        if (audience != $"{endpoint.Scheme}://{endpoint.Authority}" && audience != $"{endpoint.Scheme}://{endpoint.Host}")
        {
            return $"VAPID audience {audience} is not the push service's origin";
        }

        // The push service checks expiry against its own (real) clock: at most 24 hours ahead.
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        var now = DateTimeOffset.UtcNow;
        if (expires <= now || expires > now.AddHours(24).AddMinutes(5))
        {
            return "VAPID expiry out of range";
        }

        return claims.RootElement.TryGetProperty("sub", out var sub) && sub.GetString() is { Length: > 0 } ? null : "VAPID without sub";
    }
}

/// <summary>One message request as the fake push service saw it.</summary>
public sealed record ReceivedPush(string BrowserId, int Status, JsonElement? Payload, string? VapidPublicKey, string? Problem);

/// <summary>A browser's side of a subscription: its ECDH key pair and auth secret, and what its push service should answer.</summary>
public sealed class FakeBrowser : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _auth = RandomNumberGenerator.GetBytes(16);

    public FakeBrowser(string endpoint)
    {
        Endpoint = endpoint;
        Id = endpoint[(endpoint.LastIndexOf('/') + 1)..];
        var q = _key.ExportParameters(false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
    }

    public string Id { get; }

    public string Endpoint { get; }

    public byte[] PublicKey { get; }

    public string P256dh => Base64Url.EncodeToString(PublicKey);

    public string Auth => Base64Url.EncodeToString(_auth);

    /// <summary>Status codes to answer, in order; 201 once empty.</summary>
    public ConcurrentQueue<int> Script { get; } = new();

    /// <summary>The subscription as a browser posts it to the server.</summary>
    public object Subscription(string? label = null) => new { endpoint = Endpoint, keys = new { p256dh = P256dh, auth = Auth }, label };

    /// <summary>RFC 8291 (Web Push encryption) over RFC 8188 (aes128gcm), one record.</summary>
    public byte[] Decrypt(byte[] body)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        var senderKey = body[21..(21 + idLength)];
        var ciphertext = body[(21 + idLength)..];
        if (idLength != 65 || ciphertext.Length > recordSize || ciphertext.Length < 17)
        {
            throw new InvalidDataException("unexpected aes128gcm header");
        }

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..] },
        });
        var shared = _key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. senderKey];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, _auth, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());
        var plaintext = new byte[ciphertext.Length - 16];
        using (var aes = new AesGcm(cek, 16))
        {
            aes.Decrypt(nonce, ciphertext[..^16], ciphertext[^16..], plaintext);
        }

        // The last record ends with the delimiter 0x02, then zero padding.
        var end = plaintext.Length - 1;
        while (end >= 0 && plaintext[end] == 0)
        {
            end--;
        }

        if (end < 0 || plaintext[end] != 0x02)
        {
            throw new InvalidDataException("no last-record delimiter");
        }

        return plaintext[..end];
    }

    public void Dispose() => _key.Dispose();
}
