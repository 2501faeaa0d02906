using System.Text.RegularExpressions;
using PersonalAssistant.Language;
using PersonalAssistant.Language.Lexicons;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>
/// ADR 0005 (addendum): a language is a lexicon. The grammar has no branch on a language code, and the words the
/// assistant listens for are written in <c>src/PersonalAssistant.Language/Lexicons/</c> only.
/// </summary>
public sealed partial class LexiconWordTests
{
    /// <summary>
    /// Exceptions to <see cref="WordsOfTheLexicons_AreNotStringLiteralsElsewhere"/>, each a file and the literal it
    /// may hold, with the reason. Words the assistant <em>says</em> (reply wording) are not words it listens for.
    /// </summary>
    private static readonly (string File, string Word, string Why)[] Allowed =
    [
        ("TaskContracts.cs", "today", "TaskViews.Today: an API value of the task list's view, not a word"),
        ("OfflineChatClient.cs", "today", "the list range code the engine returns (ParsedAction.Range), not a word"),
    ];

    /// <summary>
    /// The grammar (Time/, Understanding/) reads what differs between languages from the lexicon's tables and flags;
    /// it never asks which language it is working in (<c>lex.Code == "fr"</c>, a <c>"en"</c> literal).
    /// </summary>
    [Fact]
    public void TheGrammar_NeverComparesALanguageCode()
    {
        var language = Path.Combine(SourceFiles.RepositoryRoot(), "src", "PersonalAssistant.Language");
        var offenders = new[] { "Time", "Understanding" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(language, folder), "*.cs", SearchOption.AllDirectories))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(x => LanguageCodeComparison().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(language, x.path)}:{x.index + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Make the difference a lexicon table or flag instead:\n" + string.Join("\n", offenders));
    }

    /// <summary>
    /// The words of the lexicons' assistant keyword tables (<see cref="Keywords"/>: yes/no, undo, thanks, greetings,
    /// question words, distress, "with", "next", the answers that pick a time) and of their time words (weekdays,
    /// months, day words such as "tomorrow", parts of the day) are nowhere else in the source as a C# string literal.
    /// Checked: every regular, verbatim or interpolated string literal outside comments, in every .cs file under
    /// src/ except Lexicons/ (and bin/, obj/), whose whole text is letters only (at least three) and, folded (lower
    /// case, no accents), equals a one-word entry of those tables. Multi-word phrases, tool names ("add_task"),
    /// JSON names with digits or punctuation, and two-letter codes ("en", "fr", "am") cannot match; the few
    /// unavoidable identifiers that do are in <see cref="Allowed"/>.
    /// </summary>
    [Fact]
    public void WordsOfTheLexicons_AreNotStringLiteralsElsewhere()
    {
        var words = LexiconWords();
        Assert.Contains("yes", words);
        Assert.Contains("merci", words);
        Assert.Contains("vendredi", words);

        var source = Path.Combine(SourceFiles.RepositoryRoot(), "src");
        var separator = Path.DirectorySeparatorChar;
        var offenders = new List<string>();
        var allowedUsed = new HashSet<(string, string)>();
        foreach (var path in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            if (path.Contains($"{separator}Lexicons{separator}", StringComparison.Ordinal)
                || path.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
                || path.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(path);
            foreach (Match token in LiteralOrComment().Matches(text))
            {
                if (!token.Groups["literal"].Success || !LettersOnly().IsMatch(token.Groups["literal"].Value))
                {
                    continue;
                }

                var word = Keywords.Fold(token.Groups["literal"].Value);
                if (!words.Contains(word))
                {
                    continue;
                }

                var file = Path.GetFileName(path);
                if (Allowed.Any(a => a.File == file && a.Word == word))
                {
                    allowedUsed.Add((file, word));
                    continue;
                }

                var line = text.AsSpan(0, token.Index).Count('\n') + 1;
                offenders.Add($"{Path.GetRelativePath(source, path)}:{line}: \"{token.Groups["literal"].Value}\"");
            }
        }

        Assert.True(offenders.Count == 0, "Words belong in a lexicon table (src/PersonalAssistant.Language/Lexicons), read through LanguageEngine.Keywords:\n" + string.Join("\n", offenders));

        // the allowlist stays short and true: an exception that no longer occurs is removed
        var stale = Allowed.Where(a => !allowedUsed.Contains((a.File, a.Word))).Select(a => $"{a.File}: {a.Word}").ToList();
        Assert.True(stale.Count == 0, "Remove from the allowlist: " + string.Join(", ", stale));
    }

    /// <summary>The one-word entries of the assistant keyword tables and the time words, of every lexicon, folded.</summary>
    private static HashSet<string> LexiconWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lexicon in new[] { English.Create(), French.Create() })
        {
            IEnumerable<string>[] tables =
            [
                lexicon.Affirmations, lexicon.Negations, lexicon.UndoPhrases, lexicon.Thanks, lexicon.Greetings, lexicon.QuestionWords,
                lexicon.DistressPhrases, lexicon.CompanionMarkers, lexicon.NextRequests, lexicon.MorningAnswers, lexicon.EveningAnswers,
                lexicon.FirstAnswers, lexicon.SecondAnswers,
                lexicon.Weekdays.Phrases, lexicon.Months.Phrases, lexicon.DayWords.Phrases, lexicon.DayParts.Phrases,
            ];
            foreach (var phrase in tables.SelectMany(table => table).Select(Keywords.Fold))
            {
                if (phrase.Length >= 3 && LettersOnly().IsMatch(phrase))
                {
                    words.Add(phrase);
                }
            }
        }

        return words;
    }

    [GeneratedRegex("""\bCode\s*(==|!=|\bis\b)|"(en|fr)"|StartsWith\("(en|fr)""")]
    private static partial Regex LanguageCodeComparison();

    /// <summary>Comments, char literals and string literals, left to right, so a quote inside a comment or a char starts no string.</summary>
    [GeneratedRegex("""//[^\n]*|/\*[\s\S]*?\*/|'(?:[^'\\\n]|\\.)'|[$@]*"(?<literal>(?:[^"\\\n]|\\.)*)"(?!")""")]
    private static partial Regex LiteralOrComment();

    [GeneratedRegex(@"^\p{L}{3,}$")]
    private static partial Regex LettersOnly();
}
