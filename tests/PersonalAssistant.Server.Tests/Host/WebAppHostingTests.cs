using System.Net;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>SPA hosting against a small built app in a temp folder, so the test does not depend on the web build.</summary>
[Trait("Category", "Integration")]
public sealed class WebAppHostingTests : IClassFixture<WebAppHostingTests.HostWithApp>
{
    private readonly HostWithApp _app;

    public WebAppHostingTests(HostWithApp app) => _app = app;

    public sealed class HostWithApp : IAsyncLifetime
    {
        private readonly string _root = Directory.CreateTempSubdirectory("pa-web-").FullName;

        public HostWithApp()
        {
            Directory.CreateDirectory(Path.Combine(_root, "assets"));
            File.WriteAllText(Path.Combine(_root, "index.html"), "<!doctype html><title>app shell</title>");
            File.WriteAllText(Path.Combine(_root, "assets", "index-abc123.js"), "console.log('ok')");
            App = new AssistantApp().With("WebApp:RootPath", _root);
        }

        public AssistantApp App { get; }

        public Task InitializeAsync() => ((IAsyncLifetime)App).InitializeAsync();

        public async Task DisposeAsync()
        {
            await ((IAsyncLifetime)App).DisposeAsync();
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/status")]
    [InlineData("/some/deep/client/route")]
    public async Task ClientRoute_ServesTheAppShell(string path)
    {
        using var client = _app.App.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("app shell", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task FingerprintedAsset_IsServedImmutable()
    {
        using var client = _app.App.CreateClient();

        using var response = await client.GetAsync("/assets/index-abc123.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_Returns404NotTheAppShell()
    {
        using var client = _app.App.CreateClient();

        using var response = await client.GetAsync("/assets/missing.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnknownApiPath_IsNotServedTheAppShell()
    {
        using var client = _app.App.CreateClient();

        using var response = await client.GetAsync("/api/v1/unknown");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
