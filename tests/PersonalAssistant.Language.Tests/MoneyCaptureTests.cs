using static PersonalAssistant.Language.Tests.Parsing;

namespace PersonalAssistant.Language.Tests;

/// <summary>Amounts with thousands in groups, decimal commas in English, and titles without filler (issue 15).</summary>
public sealed class MoneyCaptureTests
{
    private const string Now = "2026-11-18T14:00:00";

    [Theory]
    [InlineData("spent 1 200 ¥ on a bento box", 1200, "JPY", "bento box")]
    [InlineData("resto 2 500 ¥ ce midi", 2500, "JPY", "resto")]
    [InlineData("paid 2\u202F500,50 € for the sofa", 2500.50, "EUR", "sofa")]
    [InlineData("loyer 1\u00A0000 € hier", 1000, "EUR", "loyer")]
    [InlineData("¥ 12 000 for the hotel", 12000, "JPY", "hotel")]
    public void ThousandsInGroupsOfThree_AreOneAmount(string text, double amount, string currency, string title)
    {
        var action = First(text, Now, "Asia/Tokyo", language: null);

        Assert.Equal(Intents.ExpenseAdd, action.Intent);
        Assert.Equal((decimal)amount, action.Amount);
        Assert.Equal(currency, action.Currency);
        Assert.Contains(title, action.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lunch was 12,50 €", "lunch")]
    [InlineData("the taxi was 23,40 €", "taxi")]
    [InlineData("dinner cost 45,90 €", "dinner")]
    public void ADecimalCommaInEnglish_StaysEnglish_AndTheTitleLosesWas(string text, string title)
    {
        var result = Engine.Parse(text, new ParseContext(NodaTime.LocalDateTime.FromDateTime(new DateTime(2026, 11, 18, 14, 0, 0)), NodaTime.DateTimeZoneProviders.Tzdb["Europe/Brussels"]));

        Assert.Equal("en", result.Language);
        Assert.Equal(title, result.Actions[0].Title?.Replace("the ", string.Empty, StringComparison.Ordinal).Replace(" cost", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("spent $20 on gas", "America/Montreal", "EUR", "CAD")]
    [InlineData("spent $20 on gas", "Australia/Sydney", null, "AUD")]
    [InlineData("spent $20 on gas", "Europe/Paris", "EUR", "USD")]
    public void ADollarSign_IsTheDollarOfWhereThePersonLives(string text, string zone, string? preferred, string currency)
    {
        Assert.Equal(currency, First(text, Now, zone, currency: preferred).Currency);
    }

    [Fact]
    public void TheZoneTable_KnowsTheCommonZones()
    {
        Assert.Equal("GBP", LanguageEngine.CurrencyOf(NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"]));
        Assert.Equal("CAD", LanguageEngine.CurrencyOf(NodaTime.DateTimeZoneProviders.Tzdb["America/Montreal"]));
        Assert.Equal("EUR", LanguageEngine.CurrencyOf(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Paris"]));
        Assert.Equal("USD", LanguageEngine.CurrencyOf(NodaTime.DateTimeZoneProviders.Tzdb["America/Chicago"]));
    }
}
