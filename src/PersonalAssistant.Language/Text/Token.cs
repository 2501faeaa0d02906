namespace PersonalAssistant.Language.Text;

internal enum TokenKind
{
    Word,
    Number,
    Symbol,
    Punctuation,
}

/// <summary>
/// One token of the message. <see cref="Norm"/> is lower-case with accents folded ("Été" → "ete"), so the word
/// tables can be written without accents; <see cref="Start"/> and <see cref="End"/> index the original text.
/// <see cref="Glued"/> says the token touches the previous one ("3pm", "15h30", "12,50€").
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, string Norm, int Start, int End, bool Glued)
{
    public bool IsWord => Kind == TokenKind.Word;

    public bool IsNumber => Kind == TokenKind.Number;

    public bool IsIntegerNumber => Kind == TokenKind.Number && Norm.AsSpan().IndexOfAny('.', ',') < 0;

    public bool IsPunctuation => Kind == TokenKind.Punctuation;

    public bool Is(string norm) => string.Equals(Norm, norm, StringComparison.Ordinal);

    /// <summary>The integer value of a number token ("12"), or -1.</summary>
    public int IntegerValue
    {
        get
        {
            if (!IsIntegerNumber || Norm.Length > 6)
            {
                return -1;
            }

            var value = 0;
            foreach (var c in Norm)
            {
                value = (value * 10) + (c - '0');
            }

            return value;
        }
    }
}
