using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Notes;

/// <summary>
/// Full-text matching over one person's notes in memory, for SQLite: every word of the query must start a word of the
/// title or body (accents, case and punctuation folded as in <see cref="TextKeys.Fold"/>), and the matches are ranked
/// with BM25 over the person's own notes, title words counting twice, the latest first among equals.
/// </summary>
/// <remarks>
/// FTS5 answers a prefix term by merging that prefix's entries for every person's notes, and its BM25 counts every
/// person's matches too: both grow with the whole installation (about 3 ms with 50,000 notes), while reading the
/// person's few notes and testing them costs a few microseconds each. The same idea as PostgreSQL's personal scan.
/// </remarks>
internal sealed class NoteRanking
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int TitleWeight = 2;

    private readonly string[] terms;
    private readonly List<(Note Note, int[] Hits, int Length)> matches = [];
    private readonly int[] notesWithTerm;
    private long totalLength;
    private int notes;

    public NoteRanking(IEnumerable<string> terms)
    {
        this.terms = [.. terms];
        notesWithTerm = new int[this.terms.Length];
    }

    /// <summary>Reads one of the person's notes: counts it for the statistics and keeps it when every term is in it.</summary>
    public void Add(Note note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var title = TextKeys.WordList(note.Title);
        var body = TextKeys.WordList(note.Body);
        var hits = new int[terms.Length];
        for (var t = 0; t < terms.Length; t++)
        {
            hits[t] = (TitleWeight * Count(title, terms[t])) + Count(body, terms[t]);
            notesWithTerm[t] += hits[t] > 0 ? 1 : 0;
        }

        var length = (TitleWeight * title.Length) + body.Length;
        totalLength += length;
        notes++;
        if (Array.TrueForAll(hits, h => h > 0))
        {
            matches.Add((note, hits, length));
        }
    }

    /// <summary>The matching notes, best first.</summary>
    public IReadOnlyList<Note> Ranked()
    {
        var averageLength = notes == 0 ? 1 : Math.Max(1.0, (double)totalLength / notes);
        var idf = notesWithTerm.Select(n => Math.Log(1 + ((notes - n + 0.5) / (n + 0.5)))).ToArray();
        return [.. matches
            .Select(m => (m.Note, Score: Enumerable.Range(0, terms.Length)
                .Sum(t => idf[t] * m.Hits[t] * (K1 + 1) / (m.Hits[t] + (K1 * (1 - B + (B * m.Length / averageLength)))))))
            .OrderByDescending(m => m.Score).ThenByDescending(m => m.Note.UpdatedAt).ThenBy(m => m.Note.Id)
            .Select(m => m.Note)];
    }

    private static int Count(string[] words, string prefix) => words.Count(w => w.StartsWith(prefix, StringComparison.Ordinal));
}
