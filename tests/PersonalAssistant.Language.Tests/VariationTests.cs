using NodaTime;
using NodaTime.Text;
using static PersonalAssistant.Language.Tests.Parsing;

namespace PersonalAssistant.Language.Tests;

/// <summary>
/// Issue 15, our variations (tests/conversations/variations.jsonl): renames, new priorities, a delete qualified by a
/// day, additions to the list just shown, and the phrasings the public sentences do not use, in both languages.
/// </summary>
public sealed class VariationTests
{
    private const string Now = "2026-11-18T14:00:00";
    private const string Zone = "Europe/Paris";

    [Theory]
    [InlineData("rename call the insurance guy to call Allianz about the claim", "en", "call the insurance guy", "call Allianz about the claim")]
    [InlineData("can you rename the vet reminder to book the vet for Luna", "en", "vet", "book the vet for Luna")]
    [InlineData("renomme appeler l'assureur en appeler la MAIF pour le sinistre", "fr", "appeler l'assureur", "appeler la MAIF pour le sinistre")]
    [InlineData("renomme la réunion en réunion budget", "fr", "réunion", "réunion budget")]
    public void ARename_NamesTheOldItem_AndTheNewName(string text, string language, string target, string title)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.ItemUpdate, action.Intent);
        Assert.Equal(target, action.Target);
        Assert.Equal(title, action.Title);
        Assert.Null(action.When);
    }

    [Theory]
    [InlineData("call it buy flowers for mum instead", "en", "buy flowers for mum")]
    [InlineData("actually rename it to pick up the cake", "en", "pick up the cake")]
    [InlineData("renomme-le en acheter des fleurs pour maman", "fr", "acheter des fleurs pour maman")]
    [InlineData("en fait appelle-le réserver le resto plutôt", "fr", "réserver le resto")]
    public void ARenameOfIt_IsTheItemJustTalkedAbout(string text, string language, string title)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.ItemUpdate, action.Intent);
        Assert.Null(action.Target);
        Assert.Equal(title, action.Title);
    }

    [Theory]
    [InlineData("make the taxes high priority", "en", "taxes", "high")]
    [InlineData("pls set the car insurance to urgent", "en", "car insurance", "high")]
    [InlineData("clean the fridge isnt urgent, set it to low priority", "en", "clean the fridge", "low")]
    [InlineData("mets les impôts en priorité haute", "fr", "impôts", "high")]
    [InlineData("le grenier c'est pas urgent, passe-le en priorité basse", "fr", "grenier", "low")]
    public void ANewPriority_ChangesTheTask_AndIsOneAction(string text, string language, string target, string priority)
    {
        var actions = Parse(text, Now, Zone, language).Actions;

        var action = Assert.Single(actions);
        Assert.Equal(Intents.ItemUpdate, action.Intent);
        Assert.Equal(target, action.Target);
        Assert.Equal(priority, action.Priority);
    }

    [Theory]
    [InlineData("put call the plumber on my to do list, low priority", "en")]
    [InlineData("add file the taxes to my tasks, urgent", "en")]
    [InlineData("ajoute appeler le syndic à mes tâches, c'est urgent", "fr")]
    public void APriorityOnANewTask_StaysACapture(string text, string language)
    {
        Assert.Equal(Intents.TaskCreate, First(text, Now, Zone, language).Intent);
    }

    [Theory]
    [InlineData("delete the dentist on friday", "en", "dentist", 2026, 11, 20)]
    [InlineData("cancel the yoga class on monday", "en", "yoga class", 2026, 11, 23)]
    [InlineData("supprime le dentiste de vendredi", "fr", "dentiste", 2026, 11, 20)]
    [InlineData("annule le rdv chez le kiné de lundi", "fr", "rdv chez le kiné", 2026, 11, 23)]
    public void ADeleteWithADay_KeepsTheDayOutOfTheName(string text, string language, string target, int year, int month, int day)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.ItemDelete, action.Intent);
        Assert.Equal(target, action.Target);
        Assert.Equal(new LocalDate(year, month, day), action.When?.Date);
    }

    [Theory]
    [InlineData("add eggs to it", "en", "eggs")]
    [InlineData("add wood glue to that list", "en", "wood glue")]
    [InlineData("oh and cheese", "en", "cheese")]
    [InlineData("rajoute des pommes dessus", "fr", "pommes")]
    [InlineData("ajoute du beurre dessus", "fr", "beurre")]
    [InlineData("et du sucre", "fr", "sucre")]
    public void AnAdditionToTheListJustShown_IsMoreForThatList(string text, string language, string item)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.AddMore, action.Intent);
        Assert.Equal([item], action.Items);
    }

    [Theory]
    [InlineData("and call mom tomorrow", "en")]
    [InlineData("et appeler le garage", "fr")]
    public void AnAndBeforeSomethingToDo_IsNotAListAddition(string text, string language)
    {
        Assert.NotEqual(Intents.AddMore, First(text, Now, Zone, language).Intent);
    }

    [Theory]
    [InlineData("trash is done", "en", "trash")]
    [InlineData("electric bill paid", "en", "electric bill")]
    [InlineData("cantine payée", "fr", "cantine")]
    [InlineData("voila j'ai fini la vaisselle", "fr", "vaisselle")]
    public void ThingsToldDone_AreCompletions(string text, string language, string title)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.TaskComplete, action.Intent);
        Assert.Contains(title, action.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soirée jeux le premier vendredi de chaque mois à 20h", "soirée jeux")]
    [InlineData("soirée pizza chez Léa samedi à 20h", "soirée pizza chez Léa")]
    public void AnEveningNamedAsAThing_StaysInTheTitle(string text, string title)
    {
        Assert.Equal(title, First(text, Now, Zone, "fr").Title);
    }

    [Theory]
    [InlineData("renew the gym membership before the end of the month", "en")]
    [InlineData("mop the kitchen tomorrow", "en")]
    [InlineData("renvoyer le formulaire de la mutuelle avant la fin du mois", "fr")]
    [InlineData("décongeler la viande demain", "fr")]
    public void MoreVerbsOfThingsToDo_AreCaptured(string text, string language)
    {
        Assert.Contains(First(text, Now, Zone, language).Intent, new[] { Intents.TaskCreate, Intents.ReminderCreate });
    }

    [Theory]
    [InlineData("can you add schedule the car inspection to my task list", "en")]
    [InlineData("put renew the passport on my task list", "en")]
    public void TheTaskList_IsNotAShoppingList(string text, string language)
    {
        Assert.Null(Engine.ReadListChange(text, Context(language)));
        Assert.Equal(Intents.TaskCreate, First(text, Now, Zone, language).Intent);
    }

    [Theory]
    [InlineData("efface toute la liste de courses", "fr")]
    [InlineData("empty the shopping list", "en")]
    public void ClearingTheWholeList_IsAClear(string text, string language)
    {
        Assert.Equal(ListChangeKinds.Clear, Engine.ReadListChange(text, Context(language))?.Kind);
    }

    private static ParseContext Context(string language) =>
        new(LocalDateTimePattern.ExtendedIso.Parse(Now).GetValueOrThrow(), DateTimeZoneProviders.Tzdb[Zone], language, null);
}
