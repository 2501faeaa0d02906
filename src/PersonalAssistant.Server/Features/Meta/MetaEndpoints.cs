using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Host;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Meta;

/// <summary>What this instance is: version, database provider and enabled channels. Anonymous by design.</summary>
internal static class MetaEndpoints
{
    public static RouteGroupBuilder MapMetaEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/meta").WithTags("Meta").AllowAnonymous();
        group.MapGet("", GetMeta)
            .WithName("GetMeta")
            .WithSummary("Describe this instance")
            .WithDescription("The version, the database provider in use and the channels people can reach the assistant on.");
        return group;
    }

    public static Ok<MetaResponse> GetMeta(IOptions<DatabaseOptions> database) =>
        TypedResults.Ok(new MetaResponse(
            Name: "Personal Assistant TDAH",
            Version: AppVersion.Current,
            DatabaseProvider: database.Value.Kind.ToString(),
            Channels: [Channel.Web]));
}

/// <summary>The instance's description.</summary>
/// <param name="Name">The product name.</param>
/// <param name="Version">The running version (semantic version).</param>
/// <param name="DatabaseProvider">Sqlite or Postgres.</param>
/// <param name="Channels">Channels enabled on this instance (web now; sms joins with its feature).</param>
internal sealed record MetaResponse(string Name, string Version, string DatabaseProvider, IReadOnlyList<string> Channels);

internal static class Channel
{
    public const string Web = "web";
}
