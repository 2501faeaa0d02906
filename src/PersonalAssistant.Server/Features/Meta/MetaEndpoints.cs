using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Host;
using PersonalAssistant.Server.LanguageModels;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Meta;

/// <summary>
/// What this instance is: version, database provider, enabled channels and how the assistant understands messages.
/// Anonymous by design; nothing here names a model, a provider or a setting.
/// </summary>
internal static class MetaEndpoints
{
    public static RouteGroupBuilder MapMetaEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/meta").WithTags("Meta").AllowAnonymous();
        group.MapGet("", GetMeta)
            .WithName("GetMeta")
            .WithSummary("Describe this instance")
            .WithDescription("The version, the database provider in use, the channels people can reach the assistant on, and whether the assistant understands messages with its built-in engine alone (offline) or with a language model too.");
        return group;
    }

    public static Ok<MetaResponse> GetMeta(IOptions<DatabaseOptions> database, IOptions<AssistantOptions> assistant) =>
        TypedResults.Ok(new MetaResponse(
            Name: "Personal Assistant TDAH",
            Version: AppVersion.Current,
            DatabaseProvider: database.Value.Kind.ToString(),
            Channels: [Channel.Web],
            Understanding: assistant.Value.Provider == AssistantOptions.Offline ? Understanding.Offline : Understanding.Model));
}

/// <summary>The instance's description.</summary>
/// <param name="Name">The product name.</param>
/// <param name="Version">The running version (semantic version).</param>
/// <param name="DatabaseProvider">Sqlite or Postgres.</param>
/// <param name="Channels">Channels enabled on this instance (web now; sms joins with its feature).</param>
/// <param name="Understanding"><c>offline</c>: the built-in language engine alone; <c>model</c>: a language model too, with the engine resolving times.</param>
internal sealed record MetaResponse(string Name, string Version, string DatabaseProvider, IReadOnlyList<string> Channels, string Understanding);

internal static class Understanding
{
    public const string Offline = "offline";
    public const string Model = "model";
}

internal static class Channel
{
    public const string Web = "web";
}
