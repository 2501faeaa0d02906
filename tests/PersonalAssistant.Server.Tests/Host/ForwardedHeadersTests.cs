using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>Behind nginx: the client's address, scheme and host come from the trusted proxy's headers, and only from it.</summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.7");
    private static readonly IPAddress Stranger = IPAddress.Parse("127.0.0.9");
    private readonly AssistantApp _app = new AssistantApp().With("Proxy:TrustedNetworks", "127.0.0.7/32");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task TheTrustedProxysHeaders_GiveTheClientsAddress_AForgedHeaderFromAnyoneElseIsIgnored()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);

        await SignInFromAsync(Proxy, user, forwardedFor: "198.51.100.23");
        await SignInFromAsync(Stranger, user, forwardedFor: "203.0.113.5");

        using var client = user.Client(_app);
        var addresses = (await client.GetFromJsonAsync<JsonElement>("/api/v1/sessions")).EnumerateArray()
            .Select(s => s.GetProperty("ipAddress").GetString()).ToList();
        Assert.Contains("198.51.100.23", addresses); // through the proxy: the client nginx saw
        Assert.Contains("127.0.0.9", addresses); // directly: the connection's own address, whatever it claims
        Assert.DoesNotContain("203.0.113.5", addresses);
    }

    [Fact]
    public async Task TheTrustedProxysSchemeAndHost_AreTheRequests_SoHttpsAnswersCarryHsts()
    {
        using var throughProxy = ForwardedRequest("https", "assistant.example.org");
        using var fromProxy = await SendFromAsync(Proxy, throughProxy);
        using var forged = ForwardedRequest("https", "assistant.example.org");
        using var fromStranger = await SendFromAsync(Stranger, forged);

        Assert.Equal(HttpStatusCode.OK, fromProxy.StatusCode);
        Assert.True(fromProxy.Headers.Contains("Strict-Transport-Security")); // the request was https on a real host name
        Assert.Equal(HttpStatusCode.OK, fromStranger.StatusCode);
        Assert.False(fromStranger.Headers.Contains("Strict-Transport-Security")); // plain http on loopback, as it really was
    }

    private static HttpRequestMessage ForwardedRequest(string scheme, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Forwarded-For", "198.51.100.23");
        request.Headers.Add("X-Forwarded-Proto", scheme);
        request.Headers.Add("X-Forwarded-Host", host);
        return request;
    }

    private async Task<HttpResponseMessage> SendFromAsync(IPAddress source, HttpRequestMessage request)
    {
        using var client = _app.CreateClientFrom(source);
        return await client.SendAsync(request);
    }

    private async Task SignInFromAsync(IPAddress source, TestUser user, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = user.Email, password = user.Password, tokenDelivery = "body" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await SendFromAsync(source, request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
