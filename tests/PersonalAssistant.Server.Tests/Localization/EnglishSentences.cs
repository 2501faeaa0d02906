using System.Text.RegularExpressions;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Tests.Localization;

/// <summary>
/// The sentences of the English catalog that French words differently, as patterns (placeholders match anything):
/// finding one in an answer to a French person means English leaked into it.
/// </summary>
internal static class EnglishSentences
{
    private static readonly Lazy<(List<Regex> Whole, List<Regex> Inside)> Patterns = new(() =>
    {
        var english = Texts.All(Locales.English);
        var french = Texts.All(Locales.French);
        // Patterns without words of their own ("{0}:{1:00}") would match anything.
        var own = english.Where(entry => french.GetValueOrDefault(entry.Key) != entry.Value
                                         && Regex.Replace(entry.Value, @"\{[^}]*\}", string.Empty).Count(char.IsLetter) >= 3)
            .Select(entry => Regex.Replace(Regex.Escape(entry.Value), @"\\\{\d+(:[^}]*)?\}", ".*?"))
            .ToList();
        // Inside a longer reply only the words between placeholders count, and only runs long enough to be a sentence.
        var inside = english.Where(entry => french.GetValueOrDefault(entry.Key) != entry.Value)
            .SelectMany(entry => Regex.Split(entry.Value, @"\{[^}]*\}"))
            .Select(part => part.Trim())
            .Where(part => part.Count(char.IsLetter) >= 12 && part.Contains(' ', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(part => new Regex(Regex.Escape(part), RegexOptions.CultureInvariant))
            .ToList();
        return (own.Select(pattern => new Regex("^" + pattern + "$", RegexOptions.Singleline)).ToList(), inside);
    });

    /// <summary>The texts that are, as a whole, a sentence of the English catalog.</summary>
    public static IReadOnlyList<string> WholeIn(IEnumerable<string> texts) =>
        texts.Where(text => Patterns.Value.Whole.Any(pattern => pattern.IsMatch(text))).ToList();

    /// <summary>The English catalog words found anywhere inside <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Inside(string text) =>
        Patterns.Value.Inside.Where(pattern => pattern.IsMatch(text)).Select(pattern => pattern.ToString()).ToList();
}
