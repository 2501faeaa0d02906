using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Notes;

/// <summary>
/// The notes feature's public API, for its endpoints and the assistant alike: every method takes the person it acts
/// for, checks its own input, scopes every statement to that person (another person's id is not found) and answers an
/// <see cref="Outcome{T}"/> whose texts are in the person's language.
/// </summary>
internal sealed class NoteService(AppDbContext db, TimeProvider time)
{
    private const int MaxSearchResults = 200;

    /// <summary>Pinned first, then the latest; or, with words, the best matches.</summary>
    public async Task<Outcome<Paged<NoteSummary>>> ListAsync(PersonNow person, NoteQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(query);
        if (Failure.Check(query, person.Locale) is { } invalid)
        {
            return invalid;
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            return await NoteSearch.PageAsync(db, person.UserId, query, MaxSearchResults, cancellationToken);
        }

        var notes = db.Notes.AsNoTracking().Where(n => n.UserId == person.UserId);
        if (Tags.Key(query.Tag) is { } tag)
        {
            notes = notes.Where(n => n.Tags.Contains(tag));
        }

        if (query.Pinned is { } pinned)
        {
            notes = notes.Where(n => n.Pinned == pinned);
        }

        return await notes.OrderByDescending(n => n.Pinned).ThenByDescending(n => n.UpdatedAt)
            .Select(NoteSummary.Of).ToPagedAsync(query, cancellationToken);
    }

    /// <summary>The person's notes with their text, latest first, for finding a line by its words.</summary>
    public async Task<IReadOnlyList<NoteResponse>> RecentAsync(PersonNow person, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var notes = await db.Notes.AsNoTracking().Where(n => n.UserId == person.UserId).OrderByDescending(n => n.UpdatedAt)
            .Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        return [.. notes.Select(NoteResponse.From)];
    }

    public async Task<Outcome<NoteResponse>> CreateAsync(PersonNow person, NoteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var body = request.Body ?? string.Empty;
        var note = new Note
        {
            UserId = person.UserId,
            Title = TitleFor(request.Title, body),
            Body = body,
            Tags = Tags.Clean(request.Tags),
            Pinned = request.Pinned ?? false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Notes.Add(note);
        db.NoteLinks.AddRange(WikiLinks.TargetsIn(body).Select(key => new NoteLink { UserId = person.UserId, FromNoteId = note.Id, TargetKey = key }));
        await db.SaveChangesAsync(cancellationToken);
        return NoteResponse.From(note);
    }

    public async Task<Outcome<NoteResponse>> GetAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var note = await db.Notes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.UserId == person.UserId, cancellationToken);
        return note is null ? NotFound(person) : NoteResponse.From(note);
    }

    public async Task<Outcome<NoteResponse>> UpdateAsync(PersonNow person, Guid id, UpdateNoteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var note = await db.Notes.SingleOrDefaultAsync(n => n.Id == id && n.UserId == person.UserId, cancellationToken);
        if (note is null)
        {
            return NotFound(person);
        }

        if (request.Body is { } body)
        {
            note.Body = body;
            await db.NoteLinks.Where(l => l.FromNoteId == id && l.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken);
            db.NoteLinks.AddRange(WikiLinks.TargetsIn(body).Select(key => new NoteLink { UserId = person.UserId, FromNoteId = id, TargetKey = key }));
        }

        note.Title = request.Title is { } title ? title.Trim() : note.Title;
        note.Tags = request.Tags is { } tags ? Tags.Clean(tags) : note.Tags;
        note.Pinned = request.Pinned ?? note.Pinned;
        note.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return NoteResponse.From(note);
    }

    public async Task<Outcome<Done>> DeleteAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var deleted = await db.Notes.Where(n => n.Id == id && n.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(person) : default(Done);
    }

    /// <summary>The person's notes that link to this one with <c>[[its title]]</c>, latest first.</summary>
    public async Task<Outcome<IReadOnlyList<NoteSummary>>> BacklinksAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var userId = person.UserId;
        var title = await db.Notes.Where(n => n.Id == id && n.UserId == userId).Select(n => n.Title).SingleOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return NotFound(person);
        }

        var key = WikiLinks.KeyOf(title);
        var linking = await db.Notes.AsNoTracking()
            .Where(n => n.UserId == userId && n.Id != id && db.NoteLinks.Any(l => l.UserId == userId && l.FromNoteId == n.Id && l.TargetKey == key))
            .OrderByDescending(n => n.UpdatedAt).Take(100).Select(NoteSummary.Of).ToListAsync(cancellationToken);
        return linking;
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

    private static Failure NotFound(PersonNow person) => Failure.NotFound(person.Locale, "Notes.NotFound");
}

internal static class NotesRegistration
{
    public static IServiceCollection AddNotes(this IServiceCollection services)
    {
        services.AddScoped<NoteService>();
        services.AddPersonalData("notes.json", "Exports.File.Notes", (db, userId) => db.Notes.AsNoTracking()
            .Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => new { n.Id, n.Title, n.Body, n.Tags, n.Pinned, n.CreatedAt, n.UpdatedAt }));
        services.AddScoped<IPersonalDataFiles, NoteFilesExport>();
        return services;
    }
}
