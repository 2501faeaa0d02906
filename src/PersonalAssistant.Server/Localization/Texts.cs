using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

namespace PersonalAssistant.Server.Localization;

/// <summary>
/// The one catalog of every sentence a person reads (ADR 0010): assistant replies and tool results, problem details
/// and field errors, next-task reasons, emails and texts. English is <c>Messages.resx</c>; each other language is one
/// <c>Messages.&lt;code&gt;.resx</c> beside it (French: <c>Messages.fr.resx</c>), compiled into a satellite assembly by
/// the .NET SDK. Code names a key and gives the values; it never decides wording by language.
/// </summary>
internal static class Texts
{
    private static readonly ResourceManager Resources = new("PersonalAssistant.Server.Localization.Messages", typeof(Texts).Assembly);

    private static readonly ConcurrentDictionary<string, CultureInfo> Cultures = new(StringComparer.Ordinal);

    /// <summary>The sentence of <paramref name="key"/> in <paramref name="locale"/> (English when that language lacks it).</summary>
    public static string Get(string locale, string key) =>
        Resources.GetString(key, CultureOf(locale)) ?? throw new KeyNotFoundException($"The message catalog has no key '{key}'.");

    /// <summary>The sentence with its placeholders ({0}, {1}, …) filled, numbers and dates written the locale's way.</summary>
    public static string Format(string locale, string key, params object?[] values)
    {
        var culture = CultureOf(locale);
        return string.Format(culture, Get(locale, key), values);
    }

    /// <summary>The culture that writes numbers and dates for a locale code ("en", "fr").</summary>
    public static CultureInfo CultureOf(string locale) =>
        Cultures.GetOrAdd(string.IsNullOrEmpty(locale) ? "en" : locale, static code => CultureInfo.GetCultureInfo(code));

    /// <summary>Every key of the catalog with its sentence in one language, without falling back to English.</summary>
    public static IReadOnlyDictionary<string, string> All(string locale)
    {
        var set = Resources.GetResourceSet(CultureOf(locale), createIfNotExists: true, tryParents: false);
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        if (set is null)
        {
            return all;
        }

        foreach (System.Collections.DictionaryEntry entry in set)
        {
            all[(string)entry.Key] = (string)entry.Value!;
        }

        return all;
    }
}
