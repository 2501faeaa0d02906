namespace PersonalAssistant.Language.Text;

/// <summary>
/// Splits a message into words, numbers, currency symbols and punctuation. Hyphens join nothing: "rappelle-moi"
/// and "après-demain" become two words, so the tables can list "rappelle moi" and "apres demain". French elisions
/// are split off ("d'appeler" → "d'" + "appeler"); "what's" and "aujourd'hui" stay whole. A number keeps its
/// decimal or thousands separator ("12,50", "1,250") when a digit follows it.
/// </summary>
internal static class Tokenizer
{
    private static readonly string[] Elisions = ["qu'", "c'", "d'", "j'", "l'", "m'", "n'", "s'", "t'"];

    public static Token[] Tokenize(string text)
    {
        var tokens = new List<Token>(Math.Max(4, text.Length / 4));
        var i = 0;
        var glued = false;
        while (i < text.Length)
        {
            var c = text[i];
            // a dash between two numbers is kept: "10-11am" is a range, "12-34-56" a code
            if (c is '-' or '\u2013' && i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]))
            {
                tokens.Add(new Token(TokenKind.Punctuation, "-", "-", i, i + 1, Glued: true));
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '-' or '\u2013' or '\u2014' or '_' or '*')
            {
                glued = false;
                i++;
                continue;
            }

            var start = i;
            if (char.IsLetter(c))
            {
                while (i < text.Length && (char.IsLetter(text[i]) || (Folding.IsApostrophe(text[i]) && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
                {
                    i++;
                }

                // an elision written alone keeps its apostrophe ("d' appeler", and the tables' "rappelle-moi d'")
                if (i < text.Length && Folding.IsApostrophe(text[i]) && i - start <= 2 && IsElision(text.AsSpan(start, i - start)))
                {
                    i++;
                }

                AddWord(tokens, text, start, i, glued);
            }
            else if (char.IsDigit(c))
            {
                while (i < text.Length && (char.IsDigit(text[i]) || (text[i] is '.' or ',' && i + 1 < text.Length && char.IsDigit(text[i + 1]))))
                {
                    i++;
                }

                var raw = text[start..i];
                tokens.Add(new Token(TokenKind.Number, raw, raw, start, i, glued));
            }
            else
            {
                i++;
                var kind = c is '$' or '€' or '£' or '¥' or '%' or '&' or '@' or '+' ? TokenKind.Symbol : TokenKind.Punctuation;
                var raw = text[start..i];
                tokens.Add(new Token(kind, raw, Folding.Fold(raw), start, i, glued));
            }

            glued = true;
        }

        return [.. tokens];
    }

    private static bool IsElision(ReadOnlySpan<char> letters) =>
        letters.Length == 1 ? "cdjlmnstCDJLMNST".Contains(letters[0]) : letters.Equals("qu", StringComparison.OrdinalIgnoreCase);

    private static void AddWord(List<Token> tokens, string text, int start, int end, bool glued)
    {
        var norm = Folding.Fold(text.AsSpan(start, end - start));
        foreach (var elision in Elisions)
        {
            if (norm.Length > elision.Length && norm.StartsWith(elision, StringComparison.Ordinal))
            {
                var cut = start + elision.Length;
                tokens.Add(new Token(TokenKind.Word, text[start..cut], elision, start, cut, glued));
                tokens.Add(new Token(TokenKind.Word, text[cut..end], norm[elision.Length..], cut, end, Glued: true));
                return;
            }
        }

        tokens.Add(new Token(TokenKind.Word, text[start..end], norm, start, end, glued));
    }
}
