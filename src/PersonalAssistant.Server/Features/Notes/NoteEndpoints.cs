using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Notes;

/// <summary>Notes: markdown, tags, pinned first, full-text search on both databases, and <c>[[wiki links]]</c> with backlinks.</summary>
internal static class NoteEndpoints
{
    private const int MaxSearchResults = 200;

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

    public static async Task<Ok<Paged<NoteSummary>>> ListNotes([AsParameters] NoteQuery query, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            return TypedResults.Ok(await NoteSearch.PageAsync(db, userId, query, MaxSearchResults, cancellationToken));
        }

        var notes = db.Notes.AsNoTracking().Where(n => n.UserId == userId);
        if (Tags.Key(query.Tag) is { } tag)
        {
            notes = notes.Where(n => n.Tags.Contains(tag));
        }

        if (query.Pinned is { } pinned)
        {
            notes = notes.Where(n => n.Pinned == pinned);
        }

        var found = await notes.OrderByDescending(n => n.Pinned).ThenByDescending(n => n.UpdatedAt)
            .Select(NoteSummary.Of).ToPagedAsync(query, cancellationToken);
        return TypedResults.Ok(found);
    }

    public static async Task<Created<NoteResponse>> CreateNote(NoteRequest request, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var now = time.GetUtcNow();
        var body = request.Body ?? string.Empty;
        var note = new Note
        {
            UserId = userId,
            Title = TitleFor(request.Title, body),
            Body = body,
            Tags = Tags.Clean(request.Tags),
            Pinned = request.Pinned ?? false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Notes.Add(note);
        db.NoteLinks.AddRange(WikiLinks.TargetsIn(body).Select(key => new NoteLink { UserId = userId, FromNoteId = note.Id, TargetKey = key }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Prefix}/notes/{note.Id}", NoteResponse.From(note));
    }

    public static async Task<Results<Ok<NoteResponse>, ProblemHttpResult>> GetNote(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var note = await db.Notes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        return note is null ? NotFound() : TypedResults.Ok(NoteResponse.From(note));
    }

    public static async Task<Results<Ok<NoteResponse>, ProblemHttpResult>> UpdateNote(
        Guid id, UpdateNoteRequest request, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var note = await db.Notes.SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        if (note is null)
        {
            return NotFound();
        }

        if (request.Body is { } body)
        {
            note.Body = body;
            await db.NoteLinks.Where(l => l.FromNoteId == id && l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            db.NoteLinks.AddRange(WikiLinks.TargetsIn(body).Select(key => new NoteLink { UserId = userId, FromNoteId = id, TargetKey = key }));
        }

        note.Title = request.Title is { } title ? title.Trim() : note.Title;
        note.Tags = request.Tags is { } tags ? Tags.Clean(tags) : note.Tags;
        note.Pinned = request.Pinned ?? note.Pinned;
        note.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(NoteResponse.From(note));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteNote(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var deleted = await db.Notes.Where(n => n.Id == id && n.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<IReadOnlyList<NoteSummary>>, ProblemHttpResult>> Backlinks(
        Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var title = await db.Notes.Where(n => n.Id == id && n.UserId == userId).Select(n => n.Title).SingleOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return NotFound();
        }

        var key = WikiLinks.KeyOf(title);
        var linking = await db.Notes.AsNoTracking()
            .Where(n => n.UserId == userId && n.Id != id && db.NoteLinks.Any(l => l.UserId == userId && l.FromNoteId == n.Id && l.TargetKey == key))
            .OrderByDescending(n => n.UpdatedAt).Take(100).Select(NoteSummary.Of).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<NoteSummary>>(linking);
    }

    /// <summary>The given title, or the body's first line (without markdown heading marks), or "Note".</summary>
    private static string TitleFor(string? title, string body)
    {
        if (!string.IsNullOrWhiteSpace(title))
        {
            return title.Trim();
        }

        var firstLine = body.Split('\n').Select(l => l.Trim().TrimStart('#').Trim()).FirstOrDefault(l => l.Length > 0) ?? "Note";
        return firstLine.Length <= 80 ? firstLine : firstLine[..80].TrimEnd() + "…";
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Not found", detail: "No note of yours has this id.", statusCode: StatusCodes.Status404NotFound);
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
            yield return new ValidationResult("Write something in the title or the body.", [nameof(Body)]);
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
