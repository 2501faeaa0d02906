using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// The few calls of the public API that the two-replica checks and the people load make (register, sign in, a chat
/// turn...), and the clients they make them with: nginx's certificate is self-signed, on loopback only.
/// </summary>
internal static class AssistantApi
{
    public const string Password = "maple orbit lantern 47";

    /// <summary>
    /// A client for one base address: HTTP/2 when the server offers it (nginx), HTTP/1.1 otherwise (a replica); the
    /// self-signed certificate of the loopback nginx is accepted. <paramref name="source"/> binds the client's end of
    /// every connection to that loopback address (127.0.0.2: a second client address on one machine).
    /// </summary>
    public static HttpClient Client(string baseUrl, int connections = 16, IPAddress? source = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = AcceptLoopbackCertificate },
        };
        if (source is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler)
        {
            BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = baseUrl.StartsWith("https:", StringComparison.Ordinal) ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    /// <summary>
    /// The loopback nginx's self-signed certificate (its fullchain.pem, from <c>--cert FILE</c>): a TLS server is
    /// believed when it presents exactly this certificate, and a chain error is ignored for it alone.
    /// </summary>
    public static X509Certificate2? PinnedCertificate { get; set; }

    public static bool AcceptLoopbackCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (PinnedCertificate is not null && certificate is not null
            && certificate.GetCertHashString(HashAlgorithmName.SHA256) == PinnedCertificate.GetCertHashString(HashAlgorithmName.SHA256));

    /// <summary>Reads <c>--cert FILE</c> (PEM) into <see cref="PinnedCertificate"/>.</summary>
    public static void PinFrom(string[] args)
    {
        if (Array.IndexOf(args, "--cert") is var i and >= 0 && i + 1 < args.Length)
        {
            PinnedCertificate = X509Certificate2.CreateFromPem(File.ReadAllText(args[i + 1]));
        }
    }

    /// <summary>Registers a new person and signs them in; returns the access token.</summary>
    public static async Task<string> SignUpAsync(HttpClient client, string email, CancellationToken cancellationToken = default)
    {
        using var register = await client.PostAsJsonAsync("api/v1/auth/register",
            new { email, password = Password, displayName = "Replica check", timeZone = "UTC" }, cancellationToken);
        await EnsureAsync(register, "register", cancellationToken);
        return await SignInAsync(client, email, cancellationToken);
    }

    public static async Task<string> SignInAsync(HttpClient client, string email, CancellationToken cancellationToken = default)
    {
        using var login = await client.PostAsJsonAsync("api/v1/auth/login", new { email, password = Password, tokenDelivery = "body" }, cancellationToken);
        await EnsureAsync(login, "login", cancellationToken);
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("accessToken").GetString() ?? throw new InvalidOperationException("login answered no accessToken");
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string token, object? json = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return request;
    }

    public static async Task<JsonElement> SendJsonAsync(HttpClient client, HttpMethod method, string path, string token, object? json = null,
        CancellationToken cancellationToken = default)
    {
        using var request = Request(method, path, token, json);
        using var response = await client.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"{method} {path}", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string> NewConversationAsync(HttpClient client, string token, CancellationToken cancellationToken = default) =>
        (await SendJsonAsync(client, HttpMethod.Post, "api/v1/conversations", token, new { }, cancellationToken)).GetProperty("id").GetString()!;

    public static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}", null, response.StatusCode);
        }
    }

    /// <summary>A hub connection to <c>/hubs/assistant</c> over WebSockets only (no fallback that would hide a broken upgrade).</summary>
    public static HubConnection Hub(string baseUrl, string token) =>
        new HubConnectionBuilder()
            .WithUrl(baseUrl.TrimEnd('/') + "/hubs/assistant", options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
                options.HttpMessageHandlerFactory = inner =>
                {
                    if (inner is HttpClientHandler handler)
                    {
                        handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => AcceptLoopbackCertificate(request, certificate, chain, errors);
                    }

                    return inner;
                };
                options.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = AcceptLoopbackCertificate;
            })
            .Build();
}
