using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Host;

[Trait("Category", "Integration")]
public sealed class PipelineTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    public static TheoryData<string> Paths => ["/api/v1/meta", "/api/v1/nothing-here", "/health/live", "/openapi/v1.json", "/metrics"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task AnyResponse_CarriesSecurityHeaders(string path)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Request_WithSaneRequestId_EchoesIt()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/meta");
        request.Headers.Add("X-Request-Id", "proxy-7f3a.42:abc_DEF");

        using var response = await client.SendAsync(request);

        Assert.Equal("proxy-7f3a.42:abc_DEF", response.Headers.GetValues("X-Request-Id").Single());
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task Request_WithHostileRequestId_ReplacesIt(string hostile)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/meta");
        request.Headers.TryAddWithoutValidation("X-Request-Id", hostile);

        using var response = await client.SendAsync(request);

        var echoed = response.Headers.GetValues("X-Request-Id").Single();
        Assert.NotEqual(hostile, echoed);
        Assert.Matches("^[0-9a-f]{32}$", echoed);
    }

    [Fact]
    public async Task Request_WithoutRequestId_GetsOne()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task UnknownApiPath_Returns404ProblemWithTraceId()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/v1/does-not-exist");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("/api/v1/does-not-exist", problem.GetProperty("instance").GetString());
        Assert.Contains("/docs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiPath_PostedTo_ReturnsAProblemNotTheAppShell()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/v2/whatever", new StringContent("{}"));

        // Routing sees the GET-only client-route fallback and answers 405; either way it is a problem, not a page.
        await response.AssertProblemAsync(response.StatusCode == HttpStatusCode.NotFound
            ? HttpStatusCode.NotFound
            : HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task HealthLive_Returns200Json()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthReady_ChecksDatabaseMigrationsAndRedisWhenConfigured()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var checks = JsonDocument.Parse(text).RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("migrations").GetProperty("status").GetString());
        Assert.Equal(AssistantApp.HasRedis, checks.TryGetProperty("redis", out var redis));
        if (AssistantApp.HasRedis)
        {
            Assert.Equal("Healthy", redis.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Metrics_ArePrometheusTextWithHttpAndRuntimeMeters()
    {
        using var client = app.CreateClient();
        (await client.GetAsync("/api/v1/meta")).Dispose();

        var text = await MetricsScrape.UntilAsync(client, "http_server_request_duration_seconds");

        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
    }
}
