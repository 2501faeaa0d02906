using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Briefings;

/// <summary>The briefings' HTTP face: what my briefing or evening review would say now, without sending anything.</summary>
internal static class BriefingEndpoints
{
    public static RouteGroupBuilder MapBriefingEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/briefings").WithTags("Briefings");
        group.MapGet("/preview", PreviewBriefing).WithName("PreviewBriefing").WithSummary("What my briefing would say now")
            .WithDescription("kind=briefing (the morning briefing, the default) or review (the evening review). Nothing is sent; text is null on a day with nothing to say.")
            .ProducesValidationProblem();
        return group;
    }

    public static async Task<Results<Ok<BriefingPreviewResponse>, ValidationProblem, ProblemHttpResult>> PreviewBriefing(
        [AsParameters] BriefingPreviewQuery query, PersonNow person, BriefingComposer composer, CancellationToken cancellationToken) =>
        (await composer.PreviewAsync(person, query, cancellationToken)).ToOk();
}

internal sealed record BriefingPreviewQuery
{
    /// <summary>briefing (morning, the default) or review (evening).</summary>
    [FromQuery(Name = "kind")]
    [AllowedValues(null, BriefingKinds.Morning, BriefingKinds.Evening)]
    public string? Kind { get; init; }
}

/// <summary>What a briefing would say now.</summary>
/// <param name="Kind">briefing (the morning briefing) or review (the evening review).</param>
/// <param name="Text">The words, in my language; null when there is nothing to say (nothing would be sent).</param>
internal sealed record BriefingPreviewResponse(string Kind, string? Text);
