using static PersonalAssistant.Language.Tests.Parsing;

namespace PersonalAssistant.Language.Tests;

/// <summary>Typos of command and time words are read as those words; titles keep the person's own words (issue 15).</summary>
public sealed class TypoToleranceTests
{
    private const string Now = "2026-11-18T14:00:00";

    [Theory]
    [InlineData("remnd me to feed the cat tomorow at 7am", "feed the cat", "2026-11-19T07:00:00+00:00")]
    [InlineData("remidn me to call the bank tommorow at 9am", "call the bank", "2026-11-19T09:00:00+00:00")]
    [InlineData("rmind me pay the gas bill tomorow at 10am", "pay the gas bill", "2026-11-19T10:00:00+00:00")]
    public void EnglishReminderTypos_AreUnderstood(string text, string title, string when)
    {
        var action = First(text, Now, "Europe/London");

        Assert.Equal((Intents.ReminderCreate, title, when), (action.Intent, action.Title, action.When?.ToString()));
    }

    [Theory]
    [InlineData("rapelle moi demin a 10h d'appeler le garage", "appeler le garage")]
    [InlineData("rapelle-moi demain a 10h d'apeler le garage", "d'apeler le garage")]
    [InlineData("rappelle moi dmain à 10h d'appeler le garage stp", "appeler le garage")]
    public void FrenchReminderTypos_AreUnderstood(string text, string title)
    {
        var action = First(text, Now, "Europe/Paris", "fr");

        Assert.Equal(Intents.ReminderCreate, action.Intent);
        Assert.EndsWith(title.TrimStart('d', '\''), action.Title, StringComparison.Ordinal);
        Assert.Equal("2026-11-19T10:00:00+01:00", action.When?.ToString());
    }

    [Theory]
    [InlineData("put aples n bred on the shoping list", "en", "aples", "bred")]
    [InlineData("add tomatos n rice to grocerys", "en", "tomatos", "rice")]
    [InlineData("ajoute des tomates et du ris a la liste de course", "fr", "tomates", "ris")]
    [InlineData("ajoute du lait et des oeuf sur la liste de courses stp", "fr", "lait", "oeuf")]
    public void MisspelledListWords_StillReachTheGroceryList_WithTheItemsAsTyped(string text, string language, string first, string second)
    {
        var action = First(text, Now, "Europe/Paris", language);

        Assert.Equal(Intents.GroceryAdd, action.Intent);
        Assert.Equal([first, second], action.Items);
    }

    [Theory]
    [InlineData("need 2 email the landlord n also book the vet tmrw", "en")]
    [InlineData("faut que jachete du shampoing et que je rapelle tonton", "fr")]
    [InlineData("faut que j'achète du shampoing et que je rappelle tonton", "fr")]
    public void ChatShorthand_SplitsTwoThings(string text, string language)
    {
        var actions = Parse(text, Now, "Europe/Paris", language).Actions;

        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.Equal(Intents.TaskCreate, a.Intent));
    }

    [Theory]
    [InlineData("remind me to call my friend Marie at 5pm", "call my friend Marie")]
    [InlineData("rappelle-moi d'appeler Marie à 17h", "appeler Marie")]
    [InlineData("actually move it to 3", null)]
    public void NamesAndOrdinaryWords_AreNotCorrectedIntoTimeWords(string text, string? title)
    {
        var action = First(text, Now, "Europe/Paris", language: null);

        Assert.Equal(title, action.Title);
        Assert.Null(action.RRule);
    }
}
