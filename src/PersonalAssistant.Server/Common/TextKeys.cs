using System.Globalization;
using System.Text;

namespace PersonalAssistant.Server.Common;

/// <summary>
/// Text folded for comparison: lower case, accents and ligatures removed, anything but letters and digits a single
/// space ("Œufs, bio!" → "oeufs bio"). Used wherever two spellings of the same words must meet (list items, wiki
/// links, the words that pick a breakdown kind or an expense category).
/// </summary>
internal static class TextKeys
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var decomposed = Ascii.IsValid(text)
            ? text
            : text.Replace("œ", "oe", StringComparison.Ordinal).Replace("Œ", "oe", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd(' ');
    }

    /// <summary>The folded words of a text, in order.</summary>
    public static string[] WordList(string text) => Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The folded words of a text, as a set.</summary>
    public static HashSet<string> Words(string text) => [.. WordList(text)];
}
