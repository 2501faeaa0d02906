using static PersonalAssistant.Language.Tests.Parsing;

namespace PersonalAssistant.Language.Tests;

/// <summary>Ambiguity, spans, several actions, money and language detection: what the corpus format does not check.</summary>
public sealed class UnderstandingTests
{
    [Fact]
    public void AnHourWithoutMorningOrEvening_IsAmbiguous_WithBothReadings()
    {
        var action = First("remind me to call Sam at 7", "2026-05-04T10:00:00", "Europe/London");

        Assert.True(action.Ambiguous);
        Assert.Equal(["2026-05-04T19:00:00+01:00", "2026-05-05T07:00:00+01:00"], action.Alternatives.Select(a => a.ToString()).Order());
        Assert.Equal("2026-05-04T19:00:00+01:00", action.When?.ToString()); // the sooner one
    }

    [Fact]
    public void TwoDifferentTimes_AreAmbiguous()
    {
        var action = First("remind me to call the school at 3pm at 5pm", "2026-05-04T10:00:00", "Europe/London");

        Assert.True(action.Ambiguous);
        Assert.Equal(2, action.Alternatives.Count);
    }

    [Theory]
    [InlineData("remind me to call mom tomorrow at 3pm")]
    [InlineData("rappelle-moi à 15h de rappeler le garage")]
    [InlineData("remind me at 9:30pm to go to bed")]
    public void ATimeWithMorningOrEveningSaid_IsNotAmbiguous(string text)
    {
        Assert.False(First(text, "2026-05-04T10:00:00", "Europe/Paris", language: null).Ambiguous);
    }

    [Fact]
    public void EveryUnderstoodPhrase_IsReportedWithItsCharacterSpan()
    {
        const string text = "remind me to call mom tomorrow at 3pm";

        var spans = First(text, "2026-03-10T09:15:00", "America/Toronto").Spans;

        Assert.Collection(
            spans,
            s => Assert.Equal(("tomorrow", SpanKinds.Date), (text.Substring(s.Start, s.Length), s.Kind)),
            s => Assert.Equal(("at 3pm", SpanKinds.Time), (text.Substring(s.Start, s.Length), s.Kind)));
    }

    [Theory]
    [InlineData("add milk to the grocery list", "to the grocery list")]
    [InlineData("ajoute du lait à la liste de courses", "à la liste de courses")]
    public void TheListNamedForGroceries_IsReportedWithItsCharacterSpan(string text, string words)
    {
        var action = First(text, "2026-03-10T09:15:00", "America/Toronto", language: null);

        Assert.Equal(Intents.GroceryAdd, action.Intent);
        var span = Assert.Single(action.Spans);
        Assert.Equal((words, SpanKinds.List), (text.Substring(span.Start, span.Length), span.Kind));
    }

    [Fact]
    public void AMessageWithSeveralToDos_YieldsSeveralActions_EachWithItsOwnTime()
    {
        var result = Parse("buy milk, call the dentist tomorrow and pay rent by friday", "2026-05-04T10:00:00", "Europe/London");

        Assert.Collection(
            result.Actions,
            a => Assert.Equal(("buy milk", (string?)null), (a.Title, a.When?.ToString())),
            a => Assert.Equal(("call the dentist", (string?)"2026-05-05"), (a.Title, a.When?.ToString())),
            a => Assert.Equal(("pay rent", (string?)"2026-05-08"), (a.Title, a.When?.ToString())));
        Assert.All(result.Actions, a => Assert.Equal(Intents.TaskCreate, a.Intent));
    }

    [Theory]
    [InlineData("read The 5th Wave tonight", "read The 5th Wave")]
    [InlineData("buy paprika tomorrow", "buy paprika")]
    [InlineData("check money tomorrow", "check money")]
    [InlineData("buy 2 lemons tomorrow", "buy 2 lemons")]
    [InlineData("call May about the lease tomorrow", "call May about the lease")]
    public void TrapWords_StayInTheTitle_AndAddNoDate(string task, string title)
    {
        var action = First("remind me to " + task, "2026-04-21T08:00:00", "Europe/London");

        Assert.Equal(title, action.Title);
        Assert.StartsWith(task.EndsWith("tonight", StringComparison.Ordinal) ? "2026-04-21" : "2026-04-22", action.When?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spent $12.50 on lunch", null, 12.5, "CAD")] // no default: the dollar of where the person lives (Toronto)
    [InlineData("spent $12.50 on lunch", "CAD", 12.5, "CAD")] // a dollar sign is the person's own dollar
    [InlineData("spent 12 on lunch", "EUR", 12, "EUR")] // no currency said: the person's default
    [InlineData("bought 2 lemons", "EUR", 2, null)] // a count, not money
    [InlineData("12,50 € resto", null, 12.5, "EUR")]
    [InlineData("paid $1,250 for rent", null, 1250, "CAD")]
    [InlineData("paid $1,250 for rent", "EUR", 1250, "CAD")] // a euro default does not make "$" a euro
    [InlineData("j'ai payé 25 $ CAD pour le stationnement", null, 25, "CAD")]
    public void Money_TakesBothDecimalSeparators_AndTheDefaultCurrency(string text, string? defaultCurrency, double amount, string? currency)
    {
        var action = First(text, "2026-05-04T10:00:00", "America/Toronto", language: null, currency: defaultCurrency);

        if (currency is null)
        {
            Assert.NotEqual(Intents.ExpenseAdd, action.Intent);
            return;
        }

        Assert.Equal(Intents.ExpenseAdd, action.Intent);
        Assert.Equal((decimal)amount, action.Amount);
        Assert.Equal(currency, action.Currency);
    }

    [Theory]
    [InlineData("remind me to call mom tomorrow at 3pm", "en")]
    [InlineData("rappelle-moi d'appeler maman demain à 15h", "fr")]
    [InlineData("we need milk, eggs and bread", "en")]
    [InlineData("il nous faut du café et du papier toilette", "fr")]
    [InlineData("qu'est-ce qui est en retard ?", "fr")]
    [InlineData("what's on my plate today", "en")]
    [InlineData("fini", "fr")]
    public void TheLanguage_IsDetected_WhenNotGiven(string text, string expected)
    {
        Assert.Equal(expected, Parse(text, "2026-05-04T10:00:00", "Europe/Paris", language: null).Language);
    }

    [Theory]
    [InlineData("blablabla xyz")]
    [InlineData("ok")]
    [InlineData("42")]
    [InlineData("")]
    public void NoSignOfALanguage_DetectsNone_SoTheCallerKeepsThePersons(string text)
    {
        Assert.Null(Parsing.Engine.Detect(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!?")]
    [InlineData("at at at on on by")]
    [InlineData("99999999999999999999 minutes")]
    [InlineData("remind me to at")]
    [InlineData("le 45 mars à 27h")]
    public void Nonsense_NeverThrows_AndAnswersSomething(string text)
    {
        var result = Parse(text, "2026-05-04T10:00:00", "Europe/Paris", language: null);

        Assert.NotEmpty(result.Actions);
    }
}
