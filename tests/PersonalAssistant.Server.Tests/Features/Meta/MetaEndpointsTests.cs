using System.Net;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Meta;

[Trait("Category", "Integration")]
public sealed class MetaEndpointsTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    private sealed record Meta(string Name, string Version, string DatabaseProvider, string[] Channels, string Understanding);

    [Fact]
    public async Task GetMeta_Anonymous_ReturnsVersionProviderAndChannels()
    {
        using var client = app.CreateClient();

        var meta = await client.GetFromJsonAsync<Meta>("/api/v1/meta");

        Assert.NotNull(meta);
        Assert.Equal("Personal Assistant TDAH", meta.Name);
        Assert.Matches(@"^\d+\.\d+\.\d+$", meta.Version);
        Assert.Equal(AssistantApp.DatabaseProvider, meta.DatabaseProvider, ignoreCase: true);
        Assert.Contains("web", meta.Channels);
        Assert.Equal("offline", meta.Understanding); // the default: the built-in engine alone
    }

    [Fact]
    public async Task PostMeta_MethodNotAllowed_Returns405Problem()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/v1/meta", JsonContent.Create(new { }));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}
