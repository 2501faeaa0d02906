using System.Text;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Notes;

/// <summary>
/// Full-text search on either database, always within one person's notes, best match first.
/// SQLite: the FTS5 table <c>NotesFts</c> (unicode61 tokenizer, accents folded), kept in step by triggers; each word
/// of the query becomes a quoted prefix term, so nothing the person types is read as FTS syntax.
/// PostgreSQL: the generated <c>SearchVector</c> column ('simple' configuration, fine for English and French alike)
/// with its GIN index, queried with <c>websearch_to_tsquery</c>, which accepts any text.
/// </summary>
internal static class NoteSearch
{
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

            return await db.Database.SqlQuery<Guid>($"""
                SELECT "Id" AS "Value" FROM "Notes"
                WHERE "UserId" = {userId} AND "SearchVector" @@ to_tsquery('simple', {terms})
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
