using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Understanding.Statistical;

namespace PersonalAssistant.Language.Tests.Statistical;

/// <summary>The training corpus written from the lexicons' templates (ADR 0013).</summary>
public sealed class CorpusGeneratorTests
{
    private static readonly Lexicon[] Lexicons = [English.Create(), French.Create()];

    [Fact]
    public void EveryLabel_HasSentencesInBothLanguages()
    {
        var corpus = CorpusGenerator.Generate(Lexicons, perLabel: 40);

        foreach (var language in new[] { Lexicons[0].Code, Lexicons[1].Code })
        {
            foreach (var label in IntentLabels.All)
            {
                Assert.True(corpus.Count(x => x.Language == language && x.Label == label) >= 20, $"{language} {label}");
            }
        }
    }

    [Fact]
    public void TheSameSeed_GivesTheSameCorpus_AndAnotherSeedAnother()
    {
        var first = CorpusGenerator.Generate(Lexicons, perLabel: 40);
        var again = CorpusGenerator.Generate(Lexicons, perLabel: 40);
        var other = CorpusGenerator.Generate(Lexicons, perLabel: 40, seed: 7);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(x => x.Text), other.Select(x => x.Text));
    }

    [Fact]
    public void EverySlot_IsFilled_AndSentencesAreDistinctPerLabel()
    {
        var corpus = CorpusGenerator.Generate(Lexicons);

        Assert.DoesNotContain(corpus, x => x.Text.Contains('{') || x.Text.Contains('}'));
        Assert.All(corpus.GroupBy(x => (x.Language, x.Label)), group => Assert.Equal(group.Count(), group.Select(x => x.Text).Distinct().Count()));
    }

    [Fact]
    public void Noise_AddsTyposAndDropsPunctuation_InSomeSentences()
    {
        var corpus = CorpusGenerator.Generate(Lexicons);
        var templatesWords = Lexicons.SelectMany(l => l.Templates.Templates.Values.SelectMany(t => t).Concat(l.Templates.Slots.Values.SelectMany(s => s)))
            .SelectMany(t => t.Split(' ')).ToHashSet(StringComparer.Ordinal);

        // a typo makes a word that no template or slot has
        Assert.Contains(corpus, x => x.Text.Split(' ').Any(w => w.Length >= 4 && w.All(char.IsLetter) && !templatesWords.Contains(w)
            && !Lexicons.Any(l => l.Weekdays.Phrases.Concat(l.DayWords.Phrases).Concat(l.DayParts.Phrases).Concat(l.Months.Phrases).Contains(w))));
    }
}
