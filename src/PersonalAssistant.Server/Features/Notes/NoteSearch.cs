using Microsoft.EntityFrameworkCore;
using Npgsql;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Notes;

/// <summary>
/// Full-text search on either database, always within one person's notes, best match first.
/// SQLite: the person's own notes ranked in memory by <see cref="NoteRanking"/> (up to <see cref="PersonalScanLimit"/>
/// notes), beyond that the FTS5 table <c>NotesFts</c> (unicode61 tokenizer, accents folded), kept in step by triggers;
/// each word of the query becomes a quoted prefix term on the title and body, so nothing the person types is read as
/// FTS syntax, and the person's id is matched as a token of the indexed <c>Owner</c> column.
/// PostgreSQL: the generated <c>SearchVector</c> column (<see cref="PostgresSearchVector"/>: accents folded, then the
/// 'simple' configuration, fine for English and French alike)
/// with its GIN index (used for people with more than <see cref="PersonalScanLimit"/> notes), each word a prefix term.
/// </summary>
internal static class NoteSearch
{
    /// <summary>Up to this many notes, PostgreSQL reads the person's own notes rather than the shared GIN index.</summary>
    internal const int PersonalScanLimit = 1000;

    /// <summary>
    /// PostgreSQL's stored search vector: title and body with accents dropped as <see cref="TextKeys.Fold"/> drops them
    /// (the Latin letters that decompose into a letter and marks, and œ), so "ecole" finds "école" on both databases.
    /// </summary>
    internal const string PostgresSearchVector = """
        to_tsvector('simple', translate(replace(replace(coalesce("Title", '') || ' ' || coalesce("Body", ''), 'œ', 'oe'), 'Œ', 'oe'),
            'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž',
            'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZz'))
        """;

    /// <summary>A query's words past this many are not searched.</summary>
    private const int MaxTerms = 10;

    /// <summary>
    /// One page of the person's best matches (at most <paramref name="limit"/> ranked), keeping only notes with the
    /// tag or pinned state asked for, and the number of matches.
    /// </summary>
    public static async Task<Paged<NoteSummary>> PageAsync(AppDbContext db, Guid userId, NoteQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var (page, size, skip) = query.Resolve();
        var tag = Tags.Key(query.Tag);
        var words = TextKeys.WordList(query.Q ?? string.Empty).Take(MaxTerms).ToList();
        if (words.Count == 0)
        {
            return new Paged<NoteSummary>([], page, size, 0);
        }

        var (items, total) = db is PostgresAppDbContext
            ? await PostgresPageAsync(db, userId, words, tag, query.Pinned, skip, size, limit, cancellationToken)
            : await SqlitePageAsync(db, userId, words, tag, query.Pinned, skip, size, limit, cancellationToken);
        return new Paged<NoteSummary>(items, page, size, total);
    }

    /// <summary>
    /// PostgreSQL, in one statement. The GIN index answers a prefix term by gathering every matching note of every
    /// person before keeping this person's, so its cost grows with the whole installation; reading the person's own
    /// notes and testing each stored vector costs a few microseconds a note. So: the person's notes up to
    /// <see cref="PersonalScanLimit"/> (almost everyone), the index beyond; a bounded count decides at run time and the
    /// branch not taken never runs. The page's rows come back with the total (one row with no note when the page is
    /// empty), excerpts cut by the database as in <see cref="NoteSummary.Of"/>. Parameters: $1 person, $2 terms,
    /// $3 tag ('' for any), $4 pinned (1, 0, or -1 for any), $5 most ranked, $6 rows to skip, $7 page size.
    /// </summary>
    private static readonly string PostgresPageSql = $"""
        WITH size AS MATERIALIZED (
            SELECT count(*) AS n FROM (SELECT 1 FROM "Notes" WHERE "UserId" = $1 LIMIT {PersonalScanLimit + 1}) x),
        mine AS MATERIALIZED (
            SELECT "Id", "SearchVector", "UpdatedAt", "Tags", "Pinned" FROM "Notes"
            WHERE "UserId" = $1 AND (SELECT n FROM size) <= {PersonalScanLimit}),
        found AS (
            SELECT "Id", "SearchVector", "UpdatedAt" FROM mine
            WHERE "SearchVector" @@ to_tsquery('simple', $2)
              AND ($3 = '' OR $3 = ANY ("Tags")) AND ($4 < 0 OR "Pinned" = ($4 = 1))
            UNION ALL
            SELECT "Id", "SearchVector", "UpdatedAt" FROM "Notes"
            WHERE "UserId" = $1 AND "SearchVector" @@ to_tsquery('simple', $2)
              AND ($3 = '' OR $3 = ANY ("Tags")) AND ($4 < 0 OR "Pinned" = ($4 = 1))
              AND (SELECT n FROM size) > {PersonalScanLimit}),
        ranked AS MATERIALIZED (
            SELECT "Id", row_number() OVER (ORDER BY ts_rank("SearchVector", to_tsquery('simple', $2)) DESC, "UpdatedAt" DESC) AS position
            FROM found ORDER BY position LIMIT $5)
        SELECT n."Id", n."Title",
            CASE WHEN length(n."Body") <= {NoteSummary.ExcerptLength} THEN n."Body" ELSE substring(n."Body", 1, {NoteSummary.ExcerptLength}) || '…' END,
            n."Tags", n."Pinned", n."UpdatedAt", total.n
        FROM (SELECT count(*)::int AS n FROM ranked) total
        LEFT JOIN ranked r ON r.position > $6 AND r.position <= $6 + $7
        LEFT JOIN "Notes" n ON n."Id" = r."Id"
        ORDER BY r.position
        """;

    /// <remarks>
    /// Run through Npgsql itself rather than EF Core's <c>SqlQuery</c>: EF regenerates the SQL of a raw query on every
    /// call under one lock, which sixteen concurrent searches queued on (p99 60 ms against p50 5 ms).
    /// </remarks>
    private static async Task<(List<NoteSummary> Items, int Total)> PostgresPageAsync(
        AppDbContext db, Guid userId, List<string> words, string? tag, bool? pinned, int skip, int size, int limit, CancellationToken cancellationToken)
    {
        var terms = string.Join(" & ", words.Select(w => w + ":*"));

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(PostgresPageSql, (NpgsqlConnection)db.Database.GetDbConnection())
            {
                CommandTimeout = db.Database.GetCommandTimeout() ?? 30,
                Parameters =
                {
                    new() { Value = userId },
                    new() { Value = terms },
                    new() { Value = tag ?? string.Empty },
                    new() { Value = pinned switch { true => 1, false => 0, null => -1 } },
                    new() { Value = limit },
                    new() { Value = skip },
                    new() { Value = size },
                },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var items = new List<NoteSummary>(size);
            var total = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                total = reader.GetInt32(6);
                if (!reader.IsDBNull(0))
                {
                    items.Add(new NoteSummary(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                        reader.GetFieldValue<string[]>(3), reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5)));
                }
            }

            return (items, total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Up to this much text (in characters), SQLite reads the person's own notes rather than the FTS5 table.</summary>
    internal const int PersonalScanText = 2_000_000;

    private static readonly Func<Note, NoteSummary> Summary = NoteSummary.Of.Compile();

    /// <summary>
    /// The person's notes with the tag or pinned state asked for (null for any), one past the scan's limit, with what a
    /// search reads of them.
    /// </summary>
    private static readonly Func<AppDbContext, Guid, string?, bool?, IAsyncEnumerable<Note>> PersonsNotes = EF.CompileAsyncQuery(
        (AppDbContext db, Guid userId, string? tag, bool? pinned) => db.Notes.AsNoTracking()
            .Where(n => n.UserId == userId && (tag == null || n.Tags.Contains(tag)) && (pinned == null || n.Pinned == pinned))
            .Take(PersonalScanLimit + 1)
            .Select(n => new Note { Id = n.Id, Title = n.Title, Body = n.Body, Tags = n.Tags, Pinned = n.Pinned, UpdatedAt = n.UpdatedAt }));

    /// <summary>
    /// SQLite: the person's notes ranked in memory (<see cref="NoteRanking"/>) up to <see cref="PersonalScanLimit"/>
    /// notes and <see cref="PersonalScanText"/> characters (almost everyone); beyond, the FTS5 table.
    /// </summary>
    private static async Task<(List<NoteSummary> Items, int Total)> SqlitePageAsync(
        AppDbContext db, Guid userId, List<string> words, string? tag, bool? pinned, int skip, int size, int limit, CancellationToken cancellationToken)
    {
        if (await ScanAsync(db, userId, words, tag, pinned, cancellationToken) is { } scanned)
        {
            var ranked = scanned.Take(limit).ToList();
            return ([.. ranked.Skip(skip).Take(size).Select(Summary)], ranked.Count);
        }

        return await SqliteIndexPageAsync(db, userId, words, tag, pinned, skip, size, limit, cancellationToken);
    }

    /// <summary>The person's matching notes, best first; null when they have too many notes or too much text to scan.</summary>
    private static async Task<IReadOnlyList<Note>?> ScanAsync(
        AppDbContext db, Guid userId, List<string> words, string? tag, bool? pinned, CancellationToken cancellationToken)
    {
        var ranking = new NoteRanking(words);
        var (count, text) = (0, 0L);
        await foreach (var note in PersonsNotes(db, userId, tag, pinned).WithCancellation(cancellationToken))
        {
            text += note.Title.Length + note.Body.Length;
            if (++count > PersonalScanLimit || text > PersonalScanText)
            {
                return null;
            }

            ranking.Add(note);
        }

        return ranking.Ranked();
    }

    /// <summary>
    /// SQLite's FTS5 table ranks the ids, the filters keep some, then only the page's notes are read.
    /// </summary>
    private static async Task<(List<NoteSummary> Items, int Total)> SqliteIndexPageAsync(
        AppDbContext db, Guid userId, List<string> words, string? tag, bool? pinned, int skip, int size, int limit, CancellationToken cancellationToken)
    {
        var terms = string.Join(" ", words.Select(w => $"\"{w}\"*"));

        // The person's id is a token of the indexed "Owner" column, so FTS5 ranks only their matches; with the owner
        // as a filter outside the MATCH it ranked every person's matching notes first (26 ms against 3 ms for a
        // two-word prefix search over 50,000 notes).
        var match = $"Owner : \"{userId:N}\" AND {{Title Body}} : ({terms})";
        var ranked = await db.Database.SqlQuery<Guid>($"""
            SELECT "NoteId" AS "Value" FROM "NotesFts"
            WHERE "NotesFts" MATCH {match}
            ORDER BY rank
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
        var notes = db.Notes.AsNoTracking().Where(n => n.UserId == userId);
        if (tag is not null || pinned is not null)
        {
            notes = tag is null ? notes : notes.Where(n => n.Tags.Contains(tag));
            notes = pinned is { } state ? notes.Where(n => n.Pinned == state) : notes;
            var kept = (await notes.Where(n => ranked.Contains(n.Id)).Select(n => n.Id).ToListAsync(cancellationToken)).ToHashSet();
            ranked = [.. ranked.Where(kept.Contains)];
        }

        var pageIds = ranked.Skip(skip).Take(size).ToList();
        var matches = pageIds.Count == 0 ? [] : await notes.Where(n => pageIds.Contains(n.Id)).Select(NoteSummary.Of).ToListAsync(cancellationToken);
        var order = pageIds.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return ([.. matches.OrderBy(n => order[n.Id])], ranked.Count);
    }
}
