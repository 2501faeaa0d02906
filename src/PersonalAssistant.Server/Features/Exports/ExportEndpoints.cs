using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Exports;

/// <summary>A copy of all my data, as a ZIP built in the background. The HTTP face of <see cref="DataExportService"/>.</summary>
internal static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/users/me/exports").WithTags("Exports");
        group.MapPost("", RequestExport).WithName("RequestExport").WithSummary("Ask for a copy of all my data")
            .WithDescription("Starts building a ZIP of everything stored about me (one JSON file per kind, a README, calendar.ics, notes as Markdown). "
                             + "202 with its id; an in-app notification says when it is ready. One at a time (409), a few a day (429).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("", ListExports).WithName("ListExports").WithSummary("My recent exports, newest first")
            .WithDescription("The exports I asked for in the last 30 days, with their status.");
        group.MapGet("/{id:guid}", GetExport).WithName("GetExport").WithSummary("Where an export stands")
            .WithDescription("pending, ready (with its expiry and size), downloaded, expired or failed.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/download", DownloadExport).WithName("DownloadExport").WithSummary("Download an export (once)")
            .WithDescription("The ZIP, once, within the hours it is available; then it is deleted (410). Not ready yet: 409.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone);
        return group;
    }

    public static async Task<Results<Accepted<DataExportResponse>, ProblemHttpResult>> RequestExport(
        PersonNow person, DataExportService exports, HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await exports.RequestAsync(person, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            if (failure.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = RateLimitDecision.RetryAfterSeconds(retryAfter);
            }

            return OutcomeResults.Problem(failure);
        }

        return TypedResults.Accepted($"{ApiRoutes.Prefix}/users/me/exports/{outcome.Value!.Id}", outcome.Value);
    }

    public static async Task<Ok<IReadOnlyList<DataExportResponse>>> ListExports(
        PersonNow person, DataExportService exports, CancellationToken cancellationToken) =>
        TypedResults.Ok(await exports.ListAsync(person, cancellationToken));

    public static async Task<Results<Ok<DataExportResponse>, ProblemHttpResult>> GetExport(
        Guid id, PersonNow person, DataExportService exports, CancellationToken cancellationToken) =>
        (await exports.GetAsync(person, id, cancellationToken)).ToFound();

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> DownloadExport(
        Guid id, PersonNow person, DataExportService exports, HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await exports.DownloadAsync(person, id, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return OutcomeResults.Problem(failure);
        }

        var download = outcome.Value!;
        context.Response.ContentLength = download.SizeBytes;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(body => download.WriteToAsync(body, cancellationToken), "application/zip", download.FileName);
    }
}
