namespace PersonalAssistant.Language.Tests;

/// <summary>The assistant's words come from the lexicons, folded the way the host folds a message.</summary>
public sealed class KeywordsTests
{
    [Fact]
    public void TheEngine_UnitesTheWordsOfEveryLanguage()
    {
        var words = Parsing.Engine.Keywords;

        Assert.Contains("ok", words.Affirmations);
        Assert.Contains("oui", words.Affirmations);
        Assert.Contains("laisse tomber", words.Negations);
        Assert.Contains("merci", words.Thanks);
        Assert.Equal(["avec", "with"], words.CompanionMarkers.Order(StringComparer.Ordinal));
        Assert.True(words.Affirmations.SetEquals(LanguageEngine.DefaultKeywords.Affirmations));
    }

    [Fact]
    public void Words_AreFoldedLikeAMessage()
    {
        var words = Parsing.Engine.Keywords;

        Assert.Contains("vas y", words.Affirmations);
        Assert.Contains("d accord", words.Affirmations);
        Assert.Contains("annule ca", words.UndoPhrases);
        Assert.Contains("can t focus", words.DistressPhrases);
        Assert.Contains("deborde", words.DistressPhrases);
        Assert.Contains("apres", words.EveningAnswers);
        Assert.Contains("supermarche", words.ExpenseCategoryWords["groceries"]);
    }

    [Fact]
    public void OneLanguage_HasOnlyItsOwnWords()
    {
        var french = Parsing.Engine.KeywordsOf("fr");

        Assert.Contains("oui", french.Affirmations);
        Assert.DoesNotContain("yes", french.Affirmations);
        Assert.Equal(["avec"], french.CompanionMarkers);
    }

    [Fact]
    public void TaskKindWords_KeepRepeats_BecauseEachCounts()
    {
        // "garage" is an English and a French word for a cleaning task: the offline breakdown counts it twice
        Assert.Equal(2, Parsing.Engine.Keywords.TaskKindWords["cleaning"].Count(w => w == "garage"));
    }
}
