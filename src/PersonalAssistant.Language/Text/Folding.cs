using System.Text;

namespace PersonalAssistant.Language.Text;

/// <summary>Lower-cases and folds accents and typographic apostrophes, one character at a time (no allocations per character).</summary>
internal static class Folding
{
    public static string Fold(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            Append(builder, c);
        }

        return builder.ToString();
    }

    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC';

    private static void Append(StringBuilder builder, char c)
    {
        if (c < 128)
        {
            builder.Append(char.ToLowerInvariant(c));
            return;
        }

        switch (char.ToLowerInvariant(c))
        {
            case 'à' or 'â' or 'ä' or 'á' or 'ã' or 'å':
                builder.Append('a');
                break;
            case 'é' or 'è' or 'ê' or 'ë':
                builder.Append('e');
                break;
            case 'î' or 'ï' or 'í' or 'ì':
                builder.Append('i');
                break;
            case 'ô' or 'ö' or 'ó' or 'ò' or 'õ':
                builder.Append('o');
                break;
            case 'û' or 'ü' or 'ú' or 'ù':
                builder.Append('u');
                break;
            case 'ç':
                builder.Append('c');
                break;
            case 'ñ':
                builder.Append('n');
                break;
            case 'œ':
                builder.Append("oe");
                break;
            case 'æ':
                builder.Append("ae");
                break;
            case '\u2019' or '\u2018' or '\u02BC':
                builder.Append('\'');
                break;
            case var lower:
                builder.Append(lower);
                break;
        }
    }
}
