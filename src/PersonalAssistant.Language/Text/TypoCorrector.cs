using System.Reflection;
using PersonalAssistant.Language.Lexicons;

namespace PersonalAssistant.Language.Text;

/// <summary>
/// Typo tolerance for the words the grammar listens for: a word of the message that is not in the lexicon and is one
/// or two edits away from a command or time word ("rmind", "tomorow", "grocerys", "rapelle") is read as that word.
/// SymSpell-style: the deletions of every lexicon word are computed once, so a lookup is a few dictionary hits.
/// Only <see cref="Token.Norm"/> changes: titles are cut from the original text, so the person's words stay.
/// </summary>
internal sealed class TypoCorrector
{
    private const int MinLength = 4;

    private readonly HashSet<string> known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> deletes = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> glued;

    public TypoCorrector(Lexicon lex)
    {
        glued = lex.GluedElisions;
        // every word of the lexicon is known as itself, the parts for changes and conversation included
        Learn(lex, depth: 0);

        // what a typo may be read as: the words that decide an intent or a time
        PhraseSet<bool>[] commands = [lex.ReminderCues, lex.TaskCues, lex.TaskLists, lex.GroceryLists, lex.GroceryNeeds, lex.NoteCues,
            lex.MemoryCues, lex.CalendarCues, lex.EventVerbs, lex.TodoVerbs, lex.ExpenseCues, lex.Every, lex.Next];
        var targets = commands.SelectMany(s => s.Phrases)
            .Concat(lex.DayWords.Phrases).Concat(lex.Weekdays.Phrases).Concat(lex.Months.Phrases).Concat(lex.SpecialDates.Phrases)
            .Concat(lex.DayParts.Phrases).Concat(lex.Units.Phrases).Concat(lex.FrequencyWords.Phrases).Concat(lex.EventNouns.Phrases)
            .SelectMany(p => p.Split(' '))
            .Where(w => w.Length >= MinLength && w.All(char.IsLetter))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            foreach (var variant in Deletions(target, MaxDistance(target.Length)))
            {
                if (!deletes.TryGetValue(variant, out var list))
                {
                    deletes[variant] = list = [];
                }

                if (!list.Contains(target))
                {
                    list.Add(target);
                }
            }
        }
    }

    /// <summary>The words of every phrase set of <paramref name="part"/> and of the lexicon parts it holds.</summary>
    private void Learn(object part, int depth)
    {
        foreach (var property in part.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetValue(part) is not { } value)
            {
                continue;
            }

            var type = property.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PhraseSet<>)
                && type.GetProperty(nameof(PhraseSet<bool>.Phrases))?.GetValue(value) is IEnumerable<string> phrases)
            {
                foreach (var word in phrases.SelectMany(phrase => phrase.Split(' ')))
                {
                    known.Add(word);
                }
            }
            else if (depth == 0 && type.IsClass && type.Namespace == typeof(Lexicon).Namespace)
            {
                Learn(value, depth + 1);
            }
        }
    }

    /// <summary>The tokens with typos of lexicon words read as those words; the same array when nothing changed.</summary>
    public Token[] Correct(Token[] tokens)
    {
        List<Token>? result = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (!Candidate(token, i) || known.Contains(token.Norm))
            {
                result?.Add(token);
                continue;
            }

            if (Split(token) is { } parts)
            {
                result ??= [.. tokens.Take(i)];
                result.AddRange(parts);
                continue;
            }

            if (token.Norm.Length >= MinLength && Closest(token.Norm) is { } word)
            {
                result ??= [.. tokens.Take(i)];
                result.Add(token with { Norm = word });
                continue;
            }

            result?.Add(token);
        }

        return result is null ? tokens : [.. result];
    }

    // a capitalised word inside the message is a name ("Marie", "Luna"), never a typo
    private static bool Candidate(Token token, int index) =>
        token.IsWord && token.Norm.Length >= 3 && (index == 0 || !char.IsUpper(token.Text[0]));

    /// <summary>"jachete" → "j'" + "achete" where the rest is a lexicon word (or a typo of one).</summary>
    private Token[]? Split(Token token)
    {
        foreach (var elision in glued)
        {
            var rest = token.Norm.Length - elision.Length;
            if (rest < 2 || !token.Norm.StartsWith(elision, StringComparison.Ordinal))
            {
                continue;
            }

            var tail = token.Norm[elision.Length..];
            var word = known.Contains(tail) ? tail : rest >= MinLength ? Closest(tail) : null;
            if (word is null)
            {
                continue;
            }

            var cut = token.Start + elision.Length;
            return
            [
                new Token(TokenKind.Word, token.Text[..elision.Length], elision + "'", token.Start, cut, token.Glued),
                new Token(TokenKind.Word, token.Text[elision.Length..], word, cut, token.End, Glued: true),
            ];
        }

        return null;
    }

    private string? Closest(string word)
    {
        var max = MaxDistance(word.Length);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var variant in Deletions(word, max))
        {
            if (!deletes.TryGetValue(variant, out var targets))
            {
                continue;
            }

            foreach (var target in targets)
            {
                if (target[0] != word[0] && !(target.Length > 1 && word.Length > 1 && target[0] == word[1] && target[1] == word[0]))
                {
                    continue;
                }

                var distance = Distance(word, target, word.Length <= 5 || max > 1);
                // on a tie, a letter left out ("course" for "courses") is likelier than one too many
                if (distance <= max && (distance < bestDistance || (distance == bestDistance && Better(target, best!, word))))
                {
                    best = target;
                    bestDistance = distance;
                }
            }
        }

        return best;
    }

    private static bool Better(string target, string best, string word)
    {
        var longer = target.Length > word.Length;
        var bestLonger = best.Length > word.Length;
        return longer != bestLonger ? longer : string.CompareOrdinal(target, best) < 0;
    }

    /// <summary>One edit for words up to 7 letters, two from 8.</summary>
    private static int MaxDistance(int length) => length >= 8 ? 2 : 1;

    private static HashSet<string> Deletions(string word, int depth)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { word };
        var frontier = new List<string> { word };
        for (var d = 0; d < depth; d++)
        {
            var next = new List<string>();
            foreach (var w in frontier)
            {
                if (w.Length <= 2)
                {
                    continue;
                }

                for (var i = 0; i < w.Length; i++)
                {
                    var deleted = w.Remove(i, 1);
                    if (seen.Add(deleted))
                    {
                        next.Add(deleted);
                    }
                }
            }

            frontier = next;
        }

        return seen;
    }

    /// <summary>
    /// Optimal string alignment distance (insertions, deletions, substitutions, transpositions). A substitution costs
    /// two in short words ("marie" is not "mardi", "jane" is not "june") and in long ones, where two edits are allowed
    /// ("actually" is not "annually"): letters left out, doubled or swapped are the typos that count most.
    /// </summary>
    private static int Distance(string a, string b, bool shortWords)
    {
        var substitution = shortWords ? 2 : 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : substitution;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
