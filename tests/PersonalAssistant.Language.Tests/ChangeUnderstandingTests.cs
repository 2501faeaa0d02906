using static PersonalAssistant.Language.Tests.Parsing;

namespace PersonalAssistant.Language.Tests;

/// <summary>Issue 15: a message that changes an existing item is read as a change, never as something new to create.</summary>
public sealed class ChangeUnderstandingTests
{
    private const string Now = "2026-11-18T14:00:00";
    private const string Zone = "Europe/Paris";

    [Theory]
    [InlineData("move the dentist to friday", "en", "dentist")]
    [InlineData("push call mom to tomorrow", "en", "call mom")]
    [InlineData("can you move my haircut to thursday please", "en", "haircut")]
    [InlineData("reschedule the vet appointment to monday at 10", "en", "vet appointment")]
    [InlineData("change the plants reminder to 11am", "en", "plants")]
    [InlineData("décale le coiffeur à jeudi", "fr", "coiffeur")]
    [InlineData("reporte l'appel à la banque à demain", "fr", "appel à la banque")]
    [InlineData("avance le rappel du vétérinaire à 8h", "fr", "vétérinaire")]
    [InlineData("déplace la réunion avec Marc à lundi 9h", "fr", "réunion avec Marc")]
    [InlineData("le dîner chez Paul est décalé à 21h", "fr", "dîner chez Paul")]
    [InlineData("the book club got moved to wednesday", "en", "book club")]
    public void AMoveNamesItsItem_AndANewTime(string text, string language, string target)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.ItemUpdate, action.Intent);
        Assert.Equal(target, action.Target);
        Assert.NotNull(action.When);
    }

    [Theory]
    [InlineData("the team lunch got pushed back an hour", "en", "team lunch", 60)]
    [InlineData("push the standup back 30 minutes", "en", "standup", 30)]
    [InlineData("move the call with Sam 15 minutes earlier", "en", "call with Sam", -15)]
    [InlineData("repousse le rappel des étirements d'une demi-heure", "fr", "étirements", 30)]
    [InlineData("le cours de yoga est repoussé d'une heure", "fr", "cours de yoga", 60)]
    public void AShift_IsMinutesLaterOrEarlier(string text, string language, string target, int minutes)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.ItemUpdate, action.Intent);
        Assert.True(action.Shift);
        Assert.Equal(target, action.Target);
        Assert.Equal(minutes, action.Minutes);
    }

    [Theory]
    [InlineData("make it 10am", "en")]
    [InlineData("actually move it to 3", "en")]
    [InlineData("it's due friday", "en")]
    [InlineData("actually make that 4pm instead", "en")]
    [InlineData("change it to tomorrow", "en")]
    [InlineData("plutôt à 18h", "fr")]
    [InlineData("finalement mets plutôt 11h", "fr")]
    [InlineData("mets-le à 11h", "fr")]
    [InlineData("en fait mets-la demain", "fr")]
    [InlineData("reporte ça à lundi", "fr")]
    public void ACorrection_RefersToTheItemJustTalkedAbout(string text, string language)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.ItemUpdate, action.Intent);
        Assert.Null(action.Target);
        Assert.NotNull(action.When);
    }

    [Theory]
    [InlineData("delete the call mom task", "en", "call mom", "task")]
    [InlineData("remove the clean the garage task", "en", "clean the garage", "task")]
    [InlineData("cancel my dentist appointment", "en", "dentist appointment", null)]
    [InlineData("stop reminding me about the meds", "en", "meds", "reminder")]
    [InlineData("supprime la tâche appeler la banque", "fr", "appeler la banque", "task")]
    [InlineData("efface la note idées cadeaux", "fr", "idées cadeaux", "note")]
    [InlineData("annule le rendez-vous chez le dentiste", "fr", "rendez-vous chez le dentiste", null)]
    [InlineData("enlève ranger la cave de mes tâches", "fr", "ranger la cave", "task")]
    [InlineData("arrête de me rappeler de boire de l'eau", "fr", "boire de l'eau", "reminder")]
    public void ADelete_NamesItsItem(string text, string language, string target, string? kind)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.ItemDelete, action.Intent);
        Assert.Equal(target, action.Target);
        Assert.Equal(kind, action.TargetKind);
    }

    [Theory]
    [InlineData("delete the dentist on friday", "en", "dentist")]
    [InlineData("cancel thursday's yoga class", "en", "yoga class")]
    [InlineData("remove friday's dentist appointment", "en", "dentist appointment")]
    [InlineData("cancel tomorrow's team lunch", "en", "team lunch")]
    [InlineData("annule le yoga de jeudi", "fr", "yoga")]
    [InlineData("supprime le dentiste de vendredi", "fr", "dentiste")]
    public void ADelete_WithADay_TakesTheDayToPickTheItem_NotAsPartOfItsName(string text, string language, string target)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.ItemDelete, action.Intent);
        Assert.Equal(target, action.Target);
        Assert.NotNull(action.When);
    }

    [Theory]
    [InlineData("snooze that 10 minutes", "en", null, 10)]
    [InlineData("snooze the stretch reminder for half an hour", "en", "stretch", 30)]
    [InlineData("remind me again in 15 minutes", "en", null, 15)]
    [InlineData("rappelle-le-moi dans 15 minutes", "fr", null, 15)]
    [InlineData("snooze the oven reminder 5 min", "en", "oven", 5)]
    public void ASnooze_NamesItsReminderOrRefersToIt(string text, string language, string? target, int minutes)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.ReminderSnooze, action.Intent);
        Assert.Equal(target, action.Target);
        Assert.Equal(minutes, action.Minutes);
    }

    [Theory]
    [InlineData("loyer payé ✅", "fr", "loyer")]
    [InlineData("called the landlord, that's done", "en", "called the landlord")]
    [InlineData("c'est bon j'ai fini la lessive", "fr", "lessive")]
    [InlineData("marque le dossier CAF comme fait", "fr", "dossier CAF")]
    [InlineData("c'est fait, j'ai sorti le chien", "fr", "j'ai sorti le chien")]
    [InlineData("emailed the accountant ✅", "en", "emailed the accountant")]
    public void AThingToldDone_IsCompleted(string text, string language, string title)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.TaskComplete, action.Intent);
        Assert.Equal(title, action.Title);
    }

    [Theory]
    [InlineData("and eggs too", "en", "eggs")]
    [InlineData("et de la farine aussi", "fr", "farine")]
    [InlineData("oh and bread as well", "en", "bread")]
    public void AnAddition_IsMoreOfTheSame(string text, string language, string item)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.AddMore, action.Intent);
        Assert.Contains(item, action.Items!);
    }

    [Theory]
    [InlineData("call the dentist tomorrow at 3pm", "en")]
    [InlineData("cancel netflix subscription", "en")]
    [InlineData("remind me to move the car at 8am", "en")]
    [InlineData("rappelle-moi de décaler le rdv demain à 9h", "fr")]
    [InlineData("lunch with Julie friday at noon", "en")]
    public void ANewThing_IsNotAChange(string text, string language)
    {
        var action = First(text, Now, Zone, language);

        Assert.NotEqual(Intents.ItemUpdate, action.Intent);
    }

    [Theory]
    [InlineData("j'ai un rdv chez l'ostéo mardi à 10h", "fr", "rdv chez l'ostéo")]
    [InlineData("I have a dentist appointment friday at 3pm", "en", "dentist appointment")]
    [InlineData("on a une réunion jeudi à 14h", "fr", "réunion")]
    public void AnAppointmentToldAsAFact_IsAnEvent(string text, string language, string title)
    {
        var action = First(text, Now, Zone, language);

        Assert.Equal(Intents.EventCreate, action.Intent);
        Assert.Equal(title, action.Title);
    }
}
