using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The quick-capture preview: what the assistant would understand in some words, before they are sent. The HTTP face
/// of <see cref="CapturePreview"/>; it saves nothing.
/// </summary>
internal static class UnderstandEndpoints
{
    public static RouteGroupBuilder MapUnderstandEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assistant").WithTags("Assistant");
        group.MapPost("/understand", Understand).WithName("UnderstandCapture")
            .WithSummary("What the assistant would understand in a capture, without saving it")
            .WithDescription("Reads the words as sending them to the assistant would (the offline language engine) and answers the kind of thing it "
                + "would save and the parts it understood (date, time, recurrence, duration, list, amount), each with a short label in the person's "
                + "language and time zone and, when the words name it, its `start` and `length` in the text, so a client can show it and take it out. "
                + "Nothing is saved; the same limits as a chat message apply to the text. Previews are limited per person (60 a minute by "
                + "default); above it the answer is a 429 problem with `Retry-After`, and a client simply shows no preview.")
            .RequireRateLimiting(RateLimits.CapturePreviewsPerAccountPolicy)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    public static async Task<Results<Ok<UnderstandResponse>, ValidationProblem, ProblemHttpResult>> Understand(
        UnderstandRequest request, PersonNow person, CapturePreview preview, CancellationToken cancellationToken) =>
        (await preview.UnderstandAsync(person, request, cancellationToken)).ToOk();
}

/// <param name="Text">The words of the capture, 1 to 4000 characters (as a chat message).</param>
internal sealed record UnderstandRequest(
    [property: Required, StringLength(ConversationMessageConfiguration.MaxTextLength, MinimumLength = 1)] string Text);

/// <summary>What the assistant would understand in a capture.</summary>
/// <param name="Kind">What sending it would save: task, reminder, event, note, list, expense, memory; chat when nothing would be saved as it is (a question, small talk, or the assistant would ask first).</param>
/// <param name="Title">What the saved thing would be called (the items of a list, joined), when there is one.</param>
/// <param name="Parts">The parts understood, in the order of the text.</param>
internal sealed record UnderstandResponse(string Kind, string? Title, IReadOnlyList<UnderstoodPart> Parts);

/// <summary>One understood part of a capture.</summary>
/// <param name="Part">date, time, recurrence, duration, list or amount.</param>
/// <param name="Label">How it reads in the person's language and zone ("tomorrow", "3:00 PM", "every Monday", "Groceries").</param>
/// <param name="Start">Where it starts in the text (UTF-16 code units); null when the words do not name it (the groceries list by default).</param>
/// <param name="Length">How long it is in the text; null with <paramref name="Start"/>.</param>
internal sealed record UnderstoodPart(string Part, string Label, int? Start, int? Length);
