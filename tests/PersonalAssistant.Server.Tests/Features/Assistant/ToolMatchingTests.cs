using PersonalAssistant.Server.Features.Assistant;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>The shared fuzzy matcher the tools find the person's items with (issues 14 and 15).</summary>
public sealed class ToolMatchingTests
{
    [Theory]
    [InlineData("Call the dentist", "the dentist")]
    [InlineData("call the landlord", "called the landlord")]
    [InlineData("finish the report", "finished the report")]
    [InlineData("payer le loyer", "loyer payé")]
    [InlineData("sortir le chien", "j'ai sorti le chien")]
    [InlineData("faire la lessive", "la lessive")]
    [InlineData("arroser les plantes", "plante")]
    [InlineData("appeler la banque", "l'appel à la banque")]
    [InlineData("Rendez-vous chez le DENTISTE", "rendez vous dentiste")]
    [InlineData("dentist appointment", "dentsit")]
    [InlineData("water the plants", "watering the plants")]
    public void Matches_WordsInTheirBaseForm_AccentsCaseAndOneTypoAside(string title, string words) =>
        Assert.True(ToolMatching.Matches(title, words));

    [Theory]
    [InlineData("call the bank", "called the landlord")]
    [InlineData("buy stamps", "the")]
    [InlineData("dentist", "")]
    [InlineData("appeler la CAF", "dossier")]
    public void DoesNotMatch_WhenAMeaningfulWordIsMissing(string title, string words) =>
        Assert.False(ToolMatching.Matches(title, words));

    [Fact]
    public void Best_PrefersTheItemWithMoreOfTheWords()
    {
        string[] titles = ["envoyer le dossier CAF", "appeler la CAF"];

        Assert.Equal(["envoyer le dossier CAF"], ToolMatching.Best(titles, t => t, "le dossier CAF"));
    }

    [Fact]
    public void Best_PrefersTheTitleTheWordsCoverMost()
    {
        string[] titles = ["ranger la cave", "ranger le grenier"];

        Assert.Equal(["ranger la cave"], ToolMatching.Best(titles, t => t, "ranger la cave"));
        Assert.Equal(["dentist"], ToolMatching.Best(["dentist", "dentist for Sam"], t => t, "the dentist"));
    }

    [Fact]
    public void Best_GivesEveryItemThatFitsEquallyWell()
    {
        Assert.Equal(2, ToolMatching.Best(["dentist Sam", "dentist Léa"], t => t, "dentist").Count);
    }

    [Fact]
    public void Best_NeedsAtLeastHalfTheWords()
    {
        Assert.Empty(ToolMatching.Best(["call mom"], t => t, "cancel gym membership"));
        Assert.Single(ToolMatching.Best(["dentist"], t => t, "dentist appointment"));
    }

    [Theory]
    [InlineData("called", "call")]
    [InlineData("paid", "pay")]
    [InlineData("paye", "pay")]
    [InlineData("payer", "pay")]
    [InlineData("plantes", "plant")]
    public void Stem_IsTheBaseOfAFoldedWord(string word, string stem) => Assert.Equal(stem, ToolMatching.Stem(word));
}
