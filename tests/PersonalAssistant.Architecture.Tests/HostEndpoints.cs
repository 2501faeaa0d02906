using PersonalAssistant.Server.Host;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>Every endpoint the real host maps, read from a built (not started) host.</summary>
internal static class HostEndpoints
{
    private static readonly Lazy<IReadOnlyList<RouteEndpoint>> All = new(Load);

    public static IReadOnlyList<RouteEndpoint> Routes => All.Value;

    private static List<RouteEndpoint> Load()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pa-arch-").FullName;
        var app = AssistantHost.Build(["--environment=Testing", $"--Storage:DataDirectory={dataDirectory}"]);
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .ToList();
    }
}
