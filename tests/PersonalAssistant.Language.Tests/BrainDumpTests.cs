using static PersonalAssistant.Language.Tests.Parsing;

namespace PersonalAssistant.Language.Tests;

/// <summary>Several things in one message: each part is read on its own, with its own kind and its own time (issue 15).</summary>
public sealed class BrainDumpTests
{
    private const string Now = "2026-11-18T14:00:00"; // a Wednesday

    private static IReadOnlyList<ParsedAction> Actions(string text, string language = "en", string zone = "America/New_York") =>
        Parse(text, Now, zone, language).Actions;

    [Theory]
    [InlineData("brain dump: text Sam tomorrow, renew the passport by monday, spent $9 on parking, remember my gym locker is 42")]
    [InlineData("ok so brain dump: text Sam tomorrow; renew the passport by monday; spent $9 on parking; remember my gym locker is 42")]
    [InlineData("text Sam tomorrow, renew the passport by monday, and spent $9 on parking, remember my gym locker is 42")]
    public void AnEnglishBrainDump_GivesEachThingItsKind(string text)
    {
        var actions = Actions(text);

        Assert.Equal(
            [Intents.TaskCreate, Intents.TaskCreate, Intents.ExpenseAdd, Intents.MemoryRemember],
            actions.Select(a => a.Intent));
        Assert.Equal("text Sam", actions[0].Title);
        Assert.Equal("2026-11-19", actions[0].When?.ToString());
        Assert.Equal("2026-11-23", actions[1].When?.ToString());
        Assert.Equal(9m, actions[2].Amount);
        Assert.Contains("42", actions[3].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("need bread and butter, doctor friday at 10am, and remind me to water the plants tonight")]
    [InlineData("need bread and butter, doctor friday at 10am and remind me to water the plants tonight")]
    [InlineData("i need bread and butter; doctor friday at 10am; remind me to water the plants tonight please")]
    public void GroceriesAnAppointmentAndAReminder_AreThreeThings(string text)
    {
        var actions = Actions(text);

        Assert.Equal([Intents.GroceryAdd, Intents.EventCreate, Intents.ReminderCreate], actions.Select(a => a.Intent));
        Assert.Equal(["bread", "butter"], actions[0].Items);
        Assert.Equal("2026-11-20T10:00:00-05:00", actions[1].When?.ToString());
        Assert.Equal("water the plants", actions[2].Title);
        Assert.Equal("2026-11-18T20:00:00-05:00", actions[2].When?.ToString());
    }

    [Theory]
    [InlineData("to do list: wash the car, return the blue jacket, and call Alex about sunday")]
    [InlineData("things to do: wash the car, return the blue jacket and call Alex about sunday")]
    [InlineData("wash the car, return the blue jacket, call Alex about sunday")]
    public void ChoresAfterAHeading_AreTasks_WithoutTheHeading(string text)
    {
        var actions = Actions(text);

        Assert.Equal(["wash the car", "return the blue jacket", "call Alex"], actions.Select(a => a.Title));
        Assert.All(actions, a => Assert.Equal(Intents.TaskCreate, a.Intent));
        Assert.Equal("2026-11-22", actions[2].When?.ToString());
    }

    [Theory]
    [InlineData("en vrac : changer les draps, souviens-toi que le code de la porte c'est 4521, et acheter du pain et du beurre")]
    [InlineData("en vrac: changer les draps ; souviens toi que le code de la porte c'est 4521 ; acheter du pain et du beurre")]
    [InlineData("changer les draps, souviens-toi que le code de la porte c'est 4521, faut que j'achète du pain et du beurre")]
    public void AFrenchBrainDump_GivesATaskAMemoryAndGroceries(string text)
    {
        var actions = Actions(text, "fr", "Europe/Paris");

        Assert.Equal([Intents.TaskCreate, Intents.MemoryRemember, Intents.GroceryAdd], actions.Select(a => a.Intent));
        Assert.Equal("changer les draps", actions[0].Title);
        Assert.Contains("4521", actions[1].Body, StringComparison.Ordinal);
        Assert.Equal(["pain", "beurre"], actions[2].Items);
    }

    [Theory]
    [InlineData("vider la poubelle, répondre au mail de Paul, et 12 € de kebab hier soir")]
    [InlineData("vider la poubelle, répondre au mail de Paul, 12 € de kebab hier")]
    [InlineData("vider la poubelle et répondre au mail de Paul, 12 euros de kebab hier")]
    public void AnExpenseInADump_KeepsItsDay(string text)
    {
        var actions = Actions(text, "fr", "Europe/Paris");

        Assert.Equal([Intents.TaskCreate, Intents.TaskCreate, Intents.ExpenseAdd], actions.Select(a => a.Intent));
        Assert.Equal("kebab", actions[2].Title);
        Assert.Equal(12m, actions[2].Amount);
        Assert.Equal("2026-11-17", actions[2].When?.ToString());
    }

    [Theory]
    [InlineData("faut que je range le salon et que je paie le loyer vendredi", "fr")]
    [InlineData("pick up the kids and also call grandma friday", "en")]
    [InlineData("pick up the kids n call grandma friday", "en")]
    public void AndBeforeANewVerb_StartsANewThing(string text, string language)
    {
        var actions = Actions(text, language, "Europe/Paris");

        Assert.Equal(2, actions.Count);
        Assert.Equal("2026-11-20", actions[1].When?.ToString());
    }

    [Theory]
    [InlineData("milk, eggs, bread", "en")]
    [InlineData("bananas, oat milk and 2 lemons", "en")]
    [InlineData("lait, oeufs, pain", "fr")]
    public void OnlyNames_AreOneGroceryList(string text, string language)
    {
        var action = Assert.Single(Actions(text, language));

        Assert.Equal(Intents.GroceryAdd, action.Intent);
        Assert.Equal(3, action.Items?.Count);
    }

    [Theory]
    [InlineData("hi, how are you", "en")]
    [InlineData("sorry, my bad", "en")]
    [InlineData("lunch with Sam, friday at noon", "en")]
    [InlineData("merci, bonne journée", "fr")]
    [InlineData("call mom and dad tomorrow", "en")]
    public void ASentenceWithCommas_IsNotCutUp(string text, string language)
    {
        Assert.Single(Actions(text, language));
    }
}
