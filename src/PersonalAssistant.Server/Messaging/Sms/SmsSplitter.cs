using System.Globalization;
using System.Text;

namespace PersonalAssistant.Server.Messaging.Sms;

/// <summary>
/// Splits a reply longer than the limit (characters, as UTF-16 code units) into numbered parts "(1/3) …", each at most
/// the limit with its number: at sentence boundaries first, then at word boundaries, and inside a word only when that
/// word alone is longer than a part (never between the two halves of a surrogate pair). A reply within the limit is
/// one part, without a number. Whitespace between parts is dropped; the parts are in reading order.
/// </summary>
internal static class SmsSplitter
{
    /// <summary>The smallest limit that leaves room for text after the longest number prefix this splitter writes.</summary>
    public const int MinimumLimit = 20;

    public static IReadOnlyList<string> Split(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, MinimumLimit);
        var trimmed = text.Trim();
        if (trimmed.Length <= limit)
        {
            return trimmed.Length == 0 ? [] : [trimmed];
        }

        // The prefix "(i/n) " is longest when i has as many digits as n: try 1-digit totals, then 2-digit, ...
        for (var digits = 1; ; digits++)
        {
            var budget = limit - ((2 * digits) + 4);
            if (budget < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "The limit leaves no room for text after the part numbers.");
            }

            var chunks = Pack(trimmed, budget);
            if (chunks.Count < Math.Pow(10, digits))
            {
                return [.. chunks.Select((chunk, index) => string.Create(CultureInfo.InvariantCulture, $"({index + 1}/{chunks.Count}) {chunk}"))];
            }
        }
    }

    /// <summary>Greedy packing: whole sentences while they fit, a too-long sentence by words, a too-long word by characters.</summary>
    private static List<string> Pack(string text, int budget)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();

        void Flush()
        {
            var chunk = current.ToString().Trim();
            if (chunk.Length > 0)
            {
                chunks.Add(chunk);
            }

            current.Clear();
        }

        void Append(string piece, string separator)
        {
            if (current.Length == 0)
            {
                current.Append(piece);
            }
            else if (current.Length + separator.Length + piece.Length <= budget)
            {
                current.Append(separator).Append(piece);
            }
            else
            {
                Flush();
                current.Append(piece);
            }
        }

        foreach (var (sentence, separator) in Sentences(text))
        {
            if (sentence.Length <= budget)
            {
                Append(sentence, separator);
                continue;
            }

            // A sentence longer than a part: its words, in the same greedy way.
            var firstWord = true;
            foreach (var word in sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var wordSeparator = firstWord ? separator : " ";
                firstWord = false;
                if (word.Length <= budget)
                {
                    Append(word, wordSeparator);
                    continue;
                }

                // A word longer than a part (a long link): cut where the part is full, never inside a surrogate pair.
                var rest = word;
                if (current.Length > 0 && current.Length + wordSeparator.Length < budget)
                {
                    current.Append(wordSeparator);
                }
                else
                {
                    Flush();
                }

                while (rest.Length > 0)
                {
                    var room = budget - current.Length;
                    if (rest.Length <= room)
                    {
                        current.Append(rest);
                        break;
                    }

                    var take = room;
                    if (char.IsHighSurrogate(rest[take - 1]))
                    {
                        take--;
                    }

                    if (take == 0)
                    {
                        Flush();
                        continue;
                    }

                    current.Append(rest, 0, take);
                    rest = rest[take..];
                    Flush();
                }
            }
        }

        Flush();
        return chunks;
    }

    /// <summary>
    /// The sentences of <paramref name="text"/>, each with the whitespace that preceded it (a single space, or a line
    /// break when there was one). A sentence ends at '.', '!', '?' or '…' (and closing quotes or brackets after them)
    /// followed by whitespace, or at a line break.
    /// </summary>
    private static IEnumerable<(string Sentence, string Separator)> Sentences(string text)
    {
        var start = 0;
        var separator = string.Empty;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var end = -1;
            if (c == '\n')
            {
                end = i;
            }
            else if (c is '.' or '!' or '?' or '…')
            {
                var j = i + 1;
                while (j < text.Length && text[j] is '"' or '\'' or ')' or ']' or '»' or '”' or '’' or '.' or '!' or '?' or '…')
                {
                    j++;
                }

                if (j == text.Length || char.IsWhiteSpace(text[j]))
                {
                    end = j;
                }
            }

            if (end < 0)
            {
                i++;
                continue;
            }

            var sentence = text[start..end].Trim();
            if (sentence.Length > 0)
            {
                yield return (sentence, separator);
                separator = " ";
            }

            var k = end;
            while (k < text.Length && char.IsWhiteSpace(text[k]))
            {
                if (text[k] == '\n')
                {
                    separator = "\n";
                }

                k++;
            }

            start = k;
            i = k;
        }

        if (start < text.Length)
        {
            var last = text[start..].Trim();
            if (last.Length > 0)
            {
                yield return (last, separator);
            }
        }
    }
}
