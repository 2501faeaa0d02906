using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Notes;

/// <summary>
/// Notes: markdown, tags, pinned first, full-text search on both databases, and <c>[[wiki links]]</c> with backlinks.
/// The HTTP face of <see cref="NoteService"/>, which does the work, checks and owner scoping; another person's id is a 404.
/// </summary>
internal static class NoteEndpoints
{
    public static RouteGroupBuilder MapNoteEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/notes").WithTags("Notes").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListNotes).WithName("ListNotes").WithSummary("My notes: pinned first, then the latest; or the best matches for q")
            .ProducesValidationProblem();
        group.MapPost("", CreateNote).WithName("CreateNote").WithSummary("Write a note").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetNote).WithName("GetNote").WithSummary("Read a note");
        group.MapPatch("/{id:guid}", UpdateNote).WithName("UpdateNote").WithSummary("Change a note").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteNote).WithName("DeleteNote").WithSummary("Delete a note");
        group.MapGet("/{id:guid}/backlinks", Backlinks).WithName("NoteBacklinks").WithSummary("Notes that link here with [[its title]]");
        return group;
    }

    public static async Task<Ok<Paged<NoteSummary>>> ListNotes(
        [AsParameters] NoteQuery query, PersonNow person, NoteService notes, CancellationToken cancellationToken) =>
        TypedResults.Ok((await notes.ListAsync(person, query, cancellationToken)).Checked());

    public static async Task<Created<NoteResponse>> CreateNote(
        NoteRequest request, PersonNow person, NoteService notes, CancellationToken cancellationToken)
    {
        var note = (await notes.CreateAsync(person, request, cancellationToken)).Checked();
        return TypedResults.Created($"{ApiRoutes.Prefix}/notes/{note.Id}", note);
    }

    public static async Task<Results<Ok<NoteResponse>, ProblemHttpResult>> GetNote(
        Guid id, PersonNow person, NoteService notes, CancellationToken cancellationToken) =>
        (await notes.GetAsync(person, id, cancellationToken)).ToFound();

    public static async Task<Results<Ok<NoteResponse>, ProblemHttpResult>> UpdateNote(
        Guid id, UpdateNoteRequest request, PersonNow person, NoteService notes, CancellationToken cancellationToken) =>
        (await notes.UpdateAsync(person, id, request, cancellationToken)).ToFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteNote(
        Guid id, PersonNow person, NoteService notes, CancellationToken cancellationToken) =>
        (await notes.DeleteAsync(person, id, cancellationToken)).ToNoContent();

    public static async Task<Results<Ok<IReadOnlyList<NoteSummary>>, ProblemHttpResult>> Backlinks(
        Guid id, PersonNow person, NoteService notes, CancellationToken cancellationToken) =>
        (await notes.BacklinksAsync(person, id, cancellationToken)).ToFound();
}

/// <param name="Title">Optional: the first line of the body when absent.</param>
/// <param name="Body">Markdown; [[Another note]] links to a note by its title.</param>
/// <param name="Tags">Up to 20 short labels.</param>
/// <param name="Pinned">Keep it at the top.</param>
internal sealed record NoteRequest(
    [property: StringLength(NoteConfiguration.MaxTitleLength)] string? Title = null,
    [property: StringLength(NoteConfiguration.MaxBodyLength)] string? Body = null,
    [property: TagList] IReadOnlyList<string>? Tags = null,
    bool? Pinned = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Body))
        {
            yield return new ValidationResult(Texts.Get(RequestValidationFilter.LocaleOf(validationContext), "Notes.Empty"), [nameof(Body)]);
        }
    }
}

internal sealed record UpdateNoteRequest(
    [property: StringLength(NoteConfiguration.MaxTitleLength, MinimumLength = 1)] string? Title = null,
    [property: StringLength(NoteConfiguration.MaxBodyLength)] string? Body = null,
    [property: TagList] IReadOnlyList<string>? Tags = null,
    bool? Pinned = null);

internal sealed record NoteQuery : IPaged
{
    /// <summary>Words to find in titles and bodies (prefixes match: "plumb" finds "plumber").</summary>
    [FromQuery(Name = "q")]
    [StringLength(200)]
    public string? Q { get; init; }

    [FromQuery(Name = "tag")]
    [StringLength(Tags.MaxLength)]
    public string? Tag { get; init; }

    [FromQuery(Name = "pinned")]
    public bool? Pinned { get; init; }

    [FromQuery(Name = "page")]
    [Range(1, PagingLimits.MaxPage)]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    [PageSize]
    public int? PageSize { get; init; }
}

internal sealed record NoteResponse(Guid Id, string Title, string Body, IReadOnlyList<string> Tags, bool Pinned, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static NoteResponse From(Note n) => new(n.Id, n.Title, n.Body, n.Tags, n.Pinned, n.CreatedAt, n.UpdatedAt);
}

/// <summary>A note in a list: its start rather than the whole body.</summary>
internal sealed record NoteSummary(Guid Id, string Title, string Excerpt, IReadOnlyList<string> Tags, bool Pinned, DateTimeOffset UpdatedAt)
{
    public const int ExcerptLength = 200;

    /// <summary>
    /// The summary as the database reads it: the excerpt is cut there, so a list never carries whole bodies (up to
    /// 100,000 characters each) or the search vector.
    /// </summary>
    /// <remarks>An expression translated to SQL (substring on both databases), where spans do not exist.</remarks>
#pragma warning disable CA1845
    public static readonly Expression<Func<Note, NoteSummary>> Of = n => new NoteSummary(
        n.Id, n.Title, n.Body.Length <= ExcerptLength ? n.Body : n.Body.Substring(0, ExcerptLength) + "…", n.Tags, n.Pinned, n.UpdatedAt);
#pragma warning restore CA1845
}
