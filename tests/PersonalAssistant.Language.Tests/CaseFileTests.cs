using System.Globalization;
using System.Text.Json.Nodes;

namespace PersonalAssistant.Language.Tests;

/// <summary>
/// Every line of Cases/*.jsonl through the engine, compared field by field with the rules of the corpus scorer
/// (../shared/nlu/evaluate.py): titles case-folded without a leading article, items as sets, RRULE parts in order.
/// </summary>
public sealed class CaseFileTests
{
    private static readonly LanguageEngine Engine = LanguageEngine.CreateDefault();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Cases"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                var id = JsonNode.Parse(line)!["id"]!.GetValue<string>();
                data.Add($"{Path.GetFileNameWithoutExtension(file)}:{id}", line);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_IsUnderstoodAsExpected(string name, string line)
    {
        var @case = JsonNode.Parse(line)!.AsObject();
        var expect = @case["expect"]!.AsObject();
        var language = @case["lang"]?.GetValue<string>() ?? "en";

        var answer = NluJsonl.Answer(Engine, line);

        Assert.True(answer["id"]?.GetValue<string>() == @case["id"]!.GetValue<string>(), name);
        foreach (var (field, expected) in expect)
        {
            var got = answer[field];
            var ok = field switch
            {
                "title" or "body" => NormText(expected, language) == NormText(got ?? (field == "body" ? answer["title"] : null), language),
                "items" => SameItems(expected, got, language),
                "rrule" => NormRule(expected) == NormRule(got),
                "amount" or "minutes" or "duration_minutes" => expected is null ? got is null : got is not null && Math.Abs(Number(expected) - Number(got)) < 0.005,
                _ => string.Equals(expected?.ToString(), got?.ToString(), StringComparison.OrdinalIgnoreCase),
            };
            Assert.True(ok, $"{name} {field}: expected {expected?.ToJsonString() ?? "null"}, got {got?.ToJsonString() ?? "null"} for \"{@case["text"]}\"");
        }
    }

    private static readonly string[] English = ["the ", "an ", "a "];
    private static readonly string[] French = ["les ", "le ", "la ", "l'", "une ", "un ", "des ", "du "];
    private static readonly char[] Edges = [' ', '.', ',', '!', '?', ':', ';', '\'', '"', '-'];

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static string? NormText(JsonNode? value, string language)
    {
        var text = value?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = string.Join(' ', text.Replace('\u2019', '\'').ToLower(CultureInfo.InvariantCulture).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim(Edges);
        foreach (var article in language == "fr" ? French : English)
        {
            if (text.StartsWith(article, StringComparison.Ordinal) && text.Length > article.Length)
            {
                text = text[article.Length..];
                break;
            }
        }

        return text.Trim(Edges);
    }

    private static bool SameItems(JsonNode? expected, JsonNode? got, string language)
    {
        static string Stem(string s) => s.TrimEnd('s', 'x');
        string[] Norm(JsonNode? list) => [.. (list?.AsArray() ?? []).Select(i => NormText(i, language) ?? string.Empty)
            .Select(i => string.Join(' ', i.Split(' ').SkipWhile(w => w.All(char.IsDigit) || w is "some" or "de" or "d'")))
            .Select(i => string.Join(' ', i.Split(' ').Select(Stem))).Order(StringComparer.Ordinal)];
        return Norm(expected).SequenceEqual(Norm(got));
    }

    private static string? NormRule(JsonNode? value)
    {
        var text = value?.GetValue<string>();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        string[] order = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE", "COUNT", "UNTIL"];
        return string.Join(';', text.ToUpperInvariant().Split(';')
            .Where(p => p != "INTERVAL=1")
            .OrderBy(p => Array.IndexOf(order, p.Split('=')[0])));
    }
}
