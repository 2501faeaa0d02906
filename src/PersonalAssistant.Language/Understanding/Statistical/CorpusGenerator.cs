using System.Text;
using System.Text.RegularExpressions;
using PersonalAssistant.Language.Lexicons;

namespace PersonalAssistant.Language.Understanding.Statistical;

/// <summary>One training sentence and its label.</summary>
internal sealed record LabelledText(string Language, string Label, string Text);

/// <summary>
/// The training corpus of the statistical intent layer, generated Snips-style from the lexicons' templates
/// (<see cref="IntentTemplates"/>): every template of every label, its slots filled with the template data and the
/// lexicon's own tables, then noise people add: an opener or a closer, a typo, no punctuation, no apostrophes.
/// Deterministic: the same seed gives the same corpus.
/// </summary>
internal static partial class CorpusGenerator
{
    public const int DefaultSeed = 15;

    public const int DefaultPerLabel = 160;

    public static List<LabelledText> Generate(IEnumerable<Lexicon> lexicons, int perLabel = DefaultPerLabel, int seed = DefaultSeed)
    {
        var corpus = new List<LabelledText>();
        foreach (var lexicon in lexicons)
        {
            var random = new Random(seed);
            var lexiconSlots = LexiconSlots(lexicon);
            foreach (var label in IntentLabels.All)
            {
                if (!lexicon.Templates.Templates.TryGetValue(label, out var templates) || templates.Length == 0)
                {
                    continue;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var n = 0; n < perLabel * 3 && seen.Count < perLabel; n++)
                {
                    var template = templates[n < templates.Length ? n : random.Next(templates.Length)];
                    var text = Noise(Fill(template, lexicon.Templates, lexiconSlots, random, 0), lexicon.Templates, random);
                    if (seen.Add(text))
                    {
                        corpus.Add(new LabelledText(lexicon.Code, label, text));
                    }
                }
            }
        }

        return corpus;
    }

    /// <summary>The slots filled from the lexicon's tables rather than from the template data.</summary>
    private static Dictionary<string, string[]> LexiconSlots(Lexicon lexicon)
    {
        var talk = lexicon.Conversation;
        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["weekday"] = [.. lexicon.Weekdays.Phrases],
            ["dayword"] = [.. lexicon.DayWords.Phrases],
            ["daypart"] = [.. lexicon.DayParts.Phrases],
            ["month"] = [.. lexicon.Months.Phrases],
            ["smalltalk"] = [.. lexicon.Thanks, .. lexicon.Greetings, .. talk.Venting, .. talk.HowAreYou, .. talk.WhoAreYou, .. talk.Farewells, .. talk.Acknowledgements],
        };
    }

    private static string Fill(string template, IntentTemplates data, Dictionary<string, string[]> lexiconSlots, Random random, int depth) =>
        Slot().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            var filler = name switch
            {
                "hour12" => random.Next(1, 13).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "hour24" => random.Next(7, 22).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "minute" => (random.Next(1, 12) * 5).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
                "number" => random.Next(2, 121).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "cents" => random.Next(0, 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
                _ when data.Slots.TryGetValue(name, out var words) && words.Length > 0 => words[random.Next(words.Length)],
                _ when lexiconSlots.TryGetValue(name, out var words) && words.Length > 0 => words[random.Next(words.Length)],
                _ => throw new InvalidOperationException($"The template slot {{{name}}} has no filler."),
            };
            return depth < 3 ? Fill(filler, data, lexiconSlots, random, depth + 1) : filler;
        });

    /// <summary>What people do to a sentence: an opener, a closer, one typo, no punctuation, no apostrophes.</summary>
    private static string Noise(string text, IntentTemplates data, Random random)
    {
        if (data.Openers.Count > 0 && random.NextDouble() < 0.25)
        {
            text = $"{data.Openers[random.Next(data.Openers.Count)]} {text}";
        }

        if (data.Closers.Count > 0 && random.NextDouble() < 0.15)
        {
            text = $"{text} {data.Closers[random.Next(data.Closers.Count)]}";
        }

        if (random.NextDouble() < 0.35)
        {
            text = Typo(text, random);
        }

        if (random.NextDouble() < 0.3)
        {
            text = text.Replace("?", string.Empty, StringComparison.Ordinal).Replace("!", string.Empty, StringComparison.Ordinal)
                .Replace(":", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        }

        if (random.NextDouble() < 0.15)
        {
            text = text.Replace("'", string.Empty, StringComparison.Ordinal);
        }

        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>One letter dropped, doubled, swapped with the next or replaced, in a word of four letters or more.</summary>
    private static string Typo(string text, Random random)
    {
        var words = text.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 4 && words[i].All(char.IsLetter)).ToList();
        if (candidates.Count == 0)
        {
            return text;
        }

        var index = candidates[random.Next(candidates.Count)];
        var word = new StringBuilder(words[index]);
        var at = random.Next(1, word.Length - 1);
        switch (random.Next(4))
        {
            case 0:
                word.Remove(at, 1);
                break;
            case 1:
                word.Insert(at, word[at]);
                break;
            case 2:
                (word[at], word[at + 1]) = (word[at + 1], word[at]);
                break;
            default:
                word[at] = (char)('a' + random.Next(26));
                break;
        }

        words[index] = word.ToString();
        return string.Join(' ', words);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Slot();
}
