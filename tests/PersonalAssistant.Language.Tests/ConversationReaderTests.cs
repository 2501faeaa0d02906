using NodaTime;

namespace PersonalAssistant.Language.Tests;

/// <summary>Questions, list changes and small talk read by the engine (issue 15). Now: Wednesday 2026-11-18 09:00, Toronto.</summary>
public sealed class ConversationReaderTests
{
    private static readonly ParseContext Context = new(new LocalDateTime(2026, 11, 18, 9, 0), DateTimeZoneProviders.Tzdb["America/Toronto"]);

    [Theory]
    [InlineData("what do I have tomorrow?", QuestionKinds.Agenda, "2026-11-19")]
    [InlineData("whats on friday", QuestionKinds.Agenda, "2026-11-20")]
    [InlineData("qu'est-ce que j'ai aujourd'hui ?", QuestionKinds.Agenda, "2026-11-18")]
    [InlineData("j'ai quoi vendredi", QuestionKinds.Agenda, "2026-11-20")]
    [InlineData("when's my dentist appointment?", QuestionKinds.When, null)]
    [InlineData("c'est quand l'anniversaire de ma sœur ?", QuestionKinds.When, null)]
    [InlineData("how much did I spend on food this week?", QuestionKinds.Spending, null)]
    [InlineData("combien j'ai dépensé en nourriture cette semaine ?", QuestionKinds.Spending, null)]
    [InlineData("what's on the grocery list?", QuestionKinds.ListContents, null)]
    [InlineData("qu'est-ce qu'il y a sur la liste de courses ?", QuestionKinds.ListContents, null)]
    [InlineData("what's the wifi password at the cabin?", QuestionKinds.Lookup, null)]
    [InlineData("c'est quoi le code du portail ?", QuestionKinds.Lookup, null)]
    public void Questions_AreReadByKind(string text, string kind, string? day)
    {
        var question = Parsing.Engine.ReadQuestion(text, Context);

        Assert.NotNull(question);
        Assert.Equal(kind, question.Kind);
        if (day is not null)
        {
            Assert.Equal(day, question.Day?.ToString("yyyy-MM-dd", null));
        }
    }

    [Theory]
    [InlineData("remind me to call mom tomorrow at 3pm")]
    [InlineData("buy milk")]
    [InlineData("spent 12 on lunch")]
    [InlineData("rappelle-moi d'appeler l'école demain à 9h")]
    public void Captures_AreNotQuestions(string text) => Assert.Null(Parsing.Engine.ReadQuestion(text, Context));

    [Fact]
    public void Spending_ThisWeek_RunsFromMondayThroughToday_InTheFoodCategories()
    {
        var question = Parsing.Engine.ReadQuestion("how much did I spend on food this week?", Context)!;

        Assert.Equal(new LocalDate(2026, 11, 16), question.From);
        Assert.Equal(new LocalDate(2026, 11, 19), question.Until);
        Assert.Contains("groceries", question.Categories);
        Assert.Contains("eating out", question.Categories);
    }

    [Theory]
    [InlineData("remove eggs from the grocery list", ListChangeKinds.Remove, "eggs", null)]
    [InlineData("take the eggs and the milk off the shopping list", ListChangeKinds.Remove, "eggs|milk", null)]
    [InlineData("enlève les oeufs de la liste", ListChangeKinds.Remove, "oeufs", null)]
    [InlineData("clear the grocery list", ListChangeKinds.Clear, "", null)]
    [InlineData("vide la liste de courses", ListChangeKinds.Clear, "", null)]
    [InlineData("got the milk", ListChangeKinds.Got, "milk", null)]
    [InlineData("ajoute des vis et de la colle à bois à ma liste bricolage", ListChangeKinds.Add, "vis|colle à bois", "bricolage")]
    [InlineData("add screws to my hardware list", ListChangeKinds.Add, "screws", "hardware")]
    public void ListChanges_AreRead(string text, string kind, string items, string? list)
    {
        var change = Parsing.Engine.ReadListChange(text, Context);

        Assert.NotNull(change);
        Assert.Equal(kind, change.Kind);
        Assert.Equal(items.Length == 0 ? [] : items.Split('|'), change.Items);
        Assert.Equal(list, change.List);
    }

    [Theory]
    [InlineData("add milk to the grocery list")]
    [InlineData("remove the dentist appointment")]
    [InlineData("clear my head")]
    public void OtherMessages_AreNoListChange(string text) => Assert.Null(Parsing.Engine.ReadListChange(text, Context));

    [Theory]
    [InlineData("ugh today was awful", SmallTalkKinds.Venting)]
    [InlineData("pff journée horrible", SmallTalkKinds.Venting)]
    [InlineData("how are you?", SmallTalkKinds.HowAreYou)]
    [InlineData("ça va ?", SmallTalkKinds.HowAreYou)]
    [InlineData("t'es qui toi ?", SmallTalkKinds.WhoAreYou)]
    [InlineData("good morning!", SmallTalkKinds.Greeting)]
    [InlineData("bonne nuit", SmallTalkKinds.Farewell)]
    [InlineData("merci !", SmallTalkKinds.Thanks)]
    [InlineData("lol ok", SmallTalkKinds.Acknowledgement)]
    public void SmallTalk_IsRead(string text, string kind) => Assert.Equal(kind, Parsing.Engine.ReadSmallTalk(text));

    [Theory]
    [InlineData("bonne nuit", "fr")]
    [InlineData("t'es qui toi ?", "fr")]
    [InlineData("how are you?", "en")]
    [InlineData("ok", null)]
    public void Detect_IsNullOnATie(string text, string? language) => Assert.Equal(language, Parsing.Engine.Detect(text));
}
