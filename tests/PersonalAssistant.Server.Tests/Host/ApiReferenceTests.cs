using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Host;

[Trait("Category", "Integration")]
public sealed class ApiReferenceTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    private static readonly string CheckedInDocument =
        Path.Combine(TestEnvironment.RepositoryRoot, "web", "src", "api", "openapi.json");

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        using var client = app.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Personal Assistant TDAH API", document.GetProperty("info").GetProperty("title").GetString());
        var meta = document.GetProperty("paths").GetProperty("/api/v1/meta").GetProperty("get");
        Assert.Equal("GetMeta", meta.GetProperty("operationId").GetString());
    }

    /// <summary>
    /// The web app's typed client is generated from a checked-in copy of the document; this fails when the API
    /// changed without regenerating it (run <c>scripts/update-api-client.sh</c>).
    /// </summary>
    [Fact]
    public async Task OpenApiDocument_MatchesTheWebAppsCheckedInCopy()
    {
        using var client = app.CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        if (Environment.GetEnvironmentVariable("PA_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CheckedInDocument, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(CheckedInDocument))!;
        Assert.True(JsonNode.DeepEquals(Normalise(served), Normalise(checkedIn)),
            "web/src/api/openapi.json is stale: run scripts/update-api-client.sh and commit the result.");
    }

    [Fact]
    public async Task Docs_RendersTheInteractiveReference()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Personal Assistant TDAH API", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }

    // The version changes with every release and would make the copy stale for no reason.
    private static JsonNode Normalise(JsonNode document)
    {
        var copy = document.DeepClone();
        copy["info"]!["version"] = "x";
        return copy;
    }
}
