using System.Text;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Notes;

/// <summary>
/// Full-text search on either database, always within one person's notes, best match first.
/// SQLite: the FTS5 table <c>NotesFts</c> (unicode61 tokenizer, accents folded), kept in step by triggers; each word
/// of the query becomes a quoted prefix term, so nothing the person types is read as FTS syntax.
/// PostgreSQL: the generated <c>SearchVector</c> column ('simple' configuration, fine for English and French alike)
/// with its GIN index (used for people with more than <see cref="PersonalScanLimit"/> notes), each word a prefix term.
/// </summary>
internal static class NoteSearch
{
    /// <summary>Up to this many notes, PostgreSQL reads the person's own notes rather than the shared GIN index.</summary>
    internal const int PersonalScanLimit = 1000;

    public static async Task<IReadOnlyList<Guid>> SearchAsync(AppDbContext db, Guid userId, string query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        if (db is PostgresAppDbContext)
        {
            var terms = PrefixTerms(query, " & ", suffix: ":*");
            if (terms.Length == 0)
            {
                return [];
            }

            // The GIN index answers a prefix term by gathering every matching note of every person before keeping
            // this person's, so its cost grows with the whole installation. Reading the person's own notes and testing
            // each stored vector costs a few microseconds a note: that is the path up to PersonalScanLimit notes
            // (almost everyone), the index beyond it. The count decides at run time, inside the one statement.
            return await db.Database.SqlQuery<Guid>($"""
                WITH size AS MATERIALIZED (
                    SELECT count(*) AS n FROM (SELECT 1 FROM "Notes" WHERE "UserId" = {userId} LIMIT {PersonalScanLimit + 1}) x),
                mine AS MATERIALIZED (
                    SELECT "Id", "SearchVector", "UpdatedAt" FROM "Notes"
                    WHERE "UserId" = {userId} AND (SELECT n FROM size) <= {PersonalScanLimit})
                SELECT "Id" AS "Value" FROM (
                    SELECT "Id", "SearchVector", "UpdatedAt" FROM mine WHERE "SearchVector" @@ to_tsquery('simple', {terms})
                    UNION ALL
                    SELECT "Id", "SearchVector", "UpdatedAt" FROM "Notes"
                    WHERE "UserId" = {userId} AND "SearchVector" @@ to_tsquery('simple', {terms}) AND (SELECT n FROM size) > {PersonalScanLimit}
                ) found
                ORDER BY ts_rank("SearchVector", to_tsquery('simple', {terms})) DESC, "UpdatedAt" DESC
                LIMIT {limit}
                """).ToListAsync(cancellationToken);
        }

        var match = PrefixTerms(query, " ", suffix: "*", quote: true);
        if (match.Length == 0)
        {
            return [];
        }

        return await db.Database.SqlQuery<Guid>($"""
            SELECT "NoteId" AS "Value" FROM "NotesFts"
            WHERE "NotesFts" MATCH {match} AND "UserId" = {userId}
            ORDER BY rank
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
    }

    /// <summary>The query's words (letters and digits only), each as a prefix term, joined with AND.</summary>
    private static string PrefixTerms(string query, string separator, string suffix, bool quote = false)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in query + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        return string.Join(separator, words.Take(10).Select(w => (quote ? $"\"{w}\"" : w) + suffix));
    }
}
