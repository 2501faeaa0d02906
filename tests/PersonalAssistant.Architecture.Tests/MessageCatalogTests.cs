using System.Text.RegularExpressions;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>ADR 0010: every sentence a person reads comes from one catalog, complete in every language.</summary>
public sealed partial class MessageCatalogTests
{
    [Fact]
    public void EveryLanguage_HasEveryKey_WithTheSamePlaceholders()
    {
        var english = Texts.All(Locales.English);
        Assert.NotEmpty(english);
        foreach (var locale in Locales.All.Where(l => l != Locales.English))
        {
            var other = Texts.All(locale);
            var missing = english.Keys.Except(other.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0, $"Messages.{locale}.resx lacks: {string.Join(", ", missing)}");
            var extra = other.Keys.Except(english.Keys, StringComparer.Ordinal).ToList();
            Assert.True(extra.Count == 0, $"Messages.{locale}.resx has keys English lacks: {string.Join(", ", extra)}");
            var placeholders = english.Keys
                .Where(key => !Placeholders(english[key]).SetEquals(Placeholders(other[key])))
                .ToList();
            Assert.True(placeholders.Count == 0, $"Messages.{locale}.resx changes the placeholders of: {string.Join(", ", placeholders)}");
        }
    }

    [Fact]
    public void EveryKeyTheCodeNames_IsInTheCatalog()
    {
        var english = Texts.All(Locales.English);
        var sections = english.Keys.Select(key => key.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        var source = Path.Combine(SourceFiles.RepositoryRoot(), "src", "PersonalAssistant.Server");
        var unknown = SourceFiles.Under(source)
            .SelectMany(path => KeyLiteral().Matches(File.ReadAllText(path)).Select(match => (path, key: match.Groups[1].Value)))
            .Where(found => sections.Contains(found.key.Split('.')[0]))
            // A literal may be the stem of keys completed in code ("Problem.Unauthorized" + ".Title").
            .Where(found => !english.ContainsKey(found.key) && !english.Keys.Any(k => k.StartsWith(found.key + ".", StringComparison.Ordinal)))
            .Select(found => $"{found.key} ({Path.GetFileName(found.path)})")
            .ToList();

        Assert.True(unknown.Count == 0, "Keys named in code but missing from Messages.resx: " + string.Join(", ", unknown));
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(match => match.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("\"([A-Z][A-Za-z]+(?:\\.[A-Z][A-Za-z0-9]*)+)\"")]
    private static partial Regex KeyLiteral();
}
