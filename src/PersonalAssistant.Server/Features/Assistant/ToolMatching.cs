using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// How a tool finds the person's item from their words ("the dentist" for "Call the dentist"), shared by every domain.
/// Words are compared folded (case and accents aside), without the small words of the lexicons ("the", "de"), by
/// their base form ("called" finds "call", "payé" finds "payer", "j'ai sorti" finds "sortir"), with one typo
/// forgiven in a long word ("dentsit").
/// </summary>
internal static class ToolMatching
{
    private static readonly Keywords Said = LanguageEngine.DefaultKeywords;

    /// <summary>True when every meaningful word asked for is in the text.</summary>
    public static bool Matches(string text, string words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        var wanted = Meaningful(words);
        var have = Meaningful(text);
        return wanted.Count > 0 && wanted.All(w => have.Any(h => Same(w, h)));
    }

    /// <summary>The share of the meaningful words asked for that the text has (0 to 1).</summary>
    public static double Score(string text, string words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        var wanted = Meaningful(words);
        var have = Meaningful(text);
        return wanted.Count == 0 ? 0 : (double)wanted.Count(w => have.Any(h => Same(w, h))) / wanted.Count;
    }

    /// <summary>
    /// The items the words name best: those with the highest score (at least half the words, at least one), then
    /// those whose own words are most covered ("dentist" prefers "dentist" to "dentist for Sam"). Several when
    /// they tie: the caller asks which one.
    /// </summary>
    public static IReadOnlyList<T> Best<T>(IEnumerable<T> items, Func<T, string> title, string words)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(title);
        var scored = items.Select(item => (Item: item, Score: Score(title(item), words ?? string.Empty), Cover: Score(words ?? string.Empty, title(item))))
            .Where(x => x.Score >= 0.5).ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var top = scored.Max(x => x.Score);
        var best = scored.Where(x => x.Score >= top - 1e-9).ToList();
        var cover = best.Max(x => x.Cover);
        return [.. best.Where(x => x.Cover >= cover - 1e-9).Select(x => x.Item)];
    }

    /// <summary>Two folded words are the same word: equal, the same base form, or one typo apart in a long word.</summary>
    public static bool Same(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a == b)
        {
            return true;
        }

        return Stems(a).Overlaps(Stems(b)) || (Math.Min(a.Length, b.Length) >= 5 && OneEditApart(a, b));
    }

    /// <summary>The base of a folded word: its lemma when irregular ("paid": "pay"), then without its ending ("called": "call").</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var lemma = Said.Lemmas.GetValueOrDefault(word, word);
        foreach (var ending in Said.Endings)
        {
            if (lemma.Length - ending.Length >= 3 && lemma.EndsWith(ending, StringComparison.Ordinal))
            {
                return lemma[..^ending.Length];
            }
        }

        return lemma;
    }

    /// <summary>Every base a word may have: itself, its lemma, and the lemma without each ending it has ("water": "water", "wat").</summary>
    private static HashSet<string> Stems(string word)
    {
        var lemma = Said.Lemmas.GetValueOrDefault(word, word);
        var stems = new HashSet<string>(StringComparer.Ordinal) { word, lemma };
        foreach (var ending in Said.Endings)
        {
            if (lemma.Length - ending.Length >= 3 && lemma.EndsWith(ending, StringComparison.Ordinal))
            {
                stems.Add(lemma[..^ending.Length]);
            }
        }

        return stems;
    }

    private static List<string> Meaningful(string text) =>
        [.. TextKeys.WordList(text).SelectMany(w => Said.Lemmas.TryGetValue(w, out var l) ? l.Split(' ') : [w])
            .Where(w => w.Length > 1 && !Said.MatchStopWords.Contains(w)).Distinct(StringComparer.Ordinal)];

    private static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            // one letter changed, or two next to each other swapped
            return a[(i + 1)..] == b[(i + 1)..] || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..] == b[(i + 2)..]);
        }

        return a.Length > b.Length ? a[(i + 1)..] == b[i..] : b[(i + 1)..] == a[i..];
    }
}
