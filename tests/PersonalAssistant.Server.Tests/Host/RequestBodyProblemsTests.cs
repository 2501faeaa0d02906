using System.Net;
using System.Text;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>
/// How the pipeline answers bad bodies, on a probe endpoint mapped onto the real host (the same pipeline, options
/// and JSON settings every feature's endpoints get). Field validation (AddValidation) is generated per assembly,
/// so it is proven on the features' own endpoints, not on this probe.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RequestBodyProblemsTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    [Fact]
    public async Task Post_MalformedJson_Returns400ProblemNamingTheBody()
    {
        using var response = await host.Client.PostAsync("/api/v1/probe", Json("{\"name\": \"ab"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The request body is not valid JSON.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_WrongJsonType_Returns400ProblemNamingThePath()
    {
        using var response = await host.Client.PostAsync("/api/v1/probe", Json("{\"name\": \"ab\", \"count\": \"many\"}"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("$.count", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WrongContentType_Returns415Problem()
    {
        using var response = await host.Client.PostAsync("/api/v1/probe",
            new StringContent("name=ab", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Post_OversizedBody_Returns413Problem()
    {
        var huge = $"{{\"name\": \"{new string('a', ProbeHost.BodyLimit * 2)}\"}}";

        using var response = await host.Client.PostAsync("/api/v1/probe", Json(huge));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_NulCharacterInText_Returns400ProblemNamingThePath()
    {
        using var response = await host.Client.PostAsync("/api/v1/probe", Json("{\"name\": \"a\\u0000b\"}"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("$.name", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NulCharacterInQuery_Returns400Problem()
    {
        using var response = await host.Client.GetAsync("/api/v1/probe?name=a%00b");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_ValidBody_Returns200()
    {
        using var response = await host.Client.PostAsJsonAsync("/api/v1/probe", new { name = "ok", count = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

public sealed record ProbeRequest(string Name, int Count);

/// <summary>The real host with one anonymous probe endpoint that binds and validates a JSON body.</summary>
public sealed class ProbeHost : IAsyncLifetime
{
    public const int BodyLimit = 4096;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("pa-probe-").FullName;
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The probe only exercises the HTTP pipeline, so it runs on the embedded database whatever the run's provider.
        _app = PersonalAssistant.Server.Host.AssistantHost.Build([
            "--environment=Testing",
            "--urls=http://127.0.0.1:0",
            $"--Storage:DataDirectory={_dataDirectory}",
            $"--Http:MaxRequestBodyBytes={BodyLimit}",
        ]);
        _app.MapPost("/api/v1/probe", (ProbeRequest request) => TypedResults.Ok(request)).AllowAnonymous();
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}
