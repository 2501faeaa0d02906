namespace PersonalAssistant.Language.Text;

/// <summary>
/// A table of phrases written as plain text ("rappelle-moi de", "end of the month") mapped to values. Phrases are
/// tokenized like messages, so accents, case and hyphens do not matter, and matching compares folded words. Lookups
/// go through the first (or last) word, so a match costs a dictionary hit plus a few comparisons.
/// </summary>
internal sealed class PhraseSet<T>
{
    private readonly Dictionary<string, Entry[]> byFirst;
    private readonly Dictionary<string, Entry[]> byLast;

    public PhraseSet(IEnumerable<KeyValuePair<string, T>> phrases)
    {
        var entries = phrases
            .Select(p => new Entry(Tokenizer.Tokenize(p.Key).Select(t => t.Norm).ToArray(), p.Value))
            .Where(e => e.Words.Length > 0)
            .ToList();
        byFirst = entries.GroupBy(e => e.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Words.Length).ToArray(), StringComparer.Ordinal);
        byLast = entries.GroupBy(e => e.Words[^1], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Words.Length).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The longest phrase starting at <paramref name="start"/>; its length in tokens, or 0.</summary>
    public int Match(IReadOnlyList<Token> tokens, int start, out T value)
    {
        value = default!;
        if (start >= tokens.Count || !byFirst.TryGetValue(tokens[start].Norm, out var candidates))
        {
            return 0;
        }

        foreach (var entry in candidates)
        {
            if (start + entry.Words.Length > tokens.Count)
            {
                continue;
            }

            var matched = true;
            for (var k = 1; k < entry.Words.Length && matched; k++)
            {
                matched = string.Equals(tokens[start + k].Norm, entry.Words[k], StringComparison.Ordinal);
            }

            if (matched)
            {
                value = entry.Value;
                return entry.Words.Length;
            }
        }

        return 0;
    }

    public int Match(IReadOnlyList<Token> tokens, int start) => Match(tokens, start, out _);

    /// <summary>The longest phrase ending just before <paramref name="end"/>; its length in tokens, or 0.</summary>
    public int MatchEndingAt(IReadOnlyList<Token> tokens, int end)
    {
        if (end <= 0 || end > tokens.Count || !byLast.TryGetValue(tokens[end - 1].Norm, out var candidates))
        {
            return 0;
        }

        foreach (var entry in candidates)
        {
            var start = end - entry.Words.Length;
            if (start < 0)
            {
                continue;
            }

            var matched = true;
            for (var k = 0; k < entry.Words.Length - 1 && matched; k++)
            {
                matched = string.Equals(tokens[start + k].Norm, entry.Words[k], StringComparison.Ordinal);
            }

            if (matched)
            {
                return entry.Words.Length;
            }
        }

        return 0;
    }

    /// <summary>The first position at or after <paramref name="from"/> where a phrase starts, or -1.</summary>
    public int Find(IReadOnlyList<Token> tokens, int from, out int length, out T value)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            length = Match(tokens, i, out value);
            if (length > 0)
            {
                return i;
            }
        }

        length = 0;
        value = default!;
        return -1;
    }

    public bool Contains(IReadOnlyList<Token> tokens) => Find(tokens, 0, out _, out _) >= 0;

    /// <summary>Every phrase of the table, as its folded words joined by one space (for checks over the tables).</summary>
    public IEnumerable<string> Phrases => byFirst.Values.SelectMany(entries => entries).Select(e => string.Join(' ', e.Words));

    private sealed record Entry(string[] Words, T Value);
}

/// <summary>Builds phrase tables from the lexicon's literal lists.</summary>
internal static class Phrases
{
    public static PhraseSet<bool> Of(params string[] phrases) => new(phrases.Select(p => new KeyValuePair<string, bool>(p, true)));

    public static PhraseSet<T> Groups<T>(params (T Value, string[] Phrases)[] groups) =>
        new(groups.SelectMany(g => g.Phrases.Select(p => new KeyValuePair<string, T>(p, g.Value))));
}
