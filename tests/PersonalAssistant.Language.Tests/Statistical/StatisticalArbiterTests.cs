using PersonalAssistant.Language.Understanding.Statistical;

namespace PersonalAssistant.Language.Tests.Statistical;

/// <summary>
/// The classifier as the grammar's arbiter (ADR 0013): when no rule recognised the message, a confident guess names
/// the kind and the grammar fills the fields; questions and small talk still create nothing. Now: Wed 2026-11-18 14:00.
/// </summary>
public sealed class StatisticalArbiterTests
{
    private static ParsedAction Read(string text, string language) =>
        Parsing.Engine.Parse(text, HeldOut.Context with { Language = language }).Actions.Single();

    [Theory]
    [InlineData("besoin de papier toilette et de liquide vaisselle", "fr", "papier toilette")]
    [InlineData("besoin de beurre et de farine", "fr", "farine")]
    public void ANeedWithNoCue_IsAGroceryList(string text, string language, string item)
    {
        var action = Read(text, language);

        Assert.Equal(Intents.GroceryAdd, action.Intent);
        Assert.Contains(action.Items!, i => i.Contains(item, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("ma cheffe s'appelle Karine, retiens-le", "fr")]
    [InlineData("mon voisin s'appelle Paul, retiens-le", "fr")]
    public void AFactToKeep_IsRemembered(string text, string language)
    {
        Assert.Equal(Intents.MemoryRemember, Read(text, language).Intent);
    }

    [Theory]
    [InlineData("i already called the plumber", "en")]
    [InlineData("j'ai déjà appelé le plombier", "fr")]
    public void SomethingAlreadyDone_IsACompletion(string text, string language)
    {
        Assert.Equal(Intents.TaskComplete, Read(text, language).Intent);
    }

    [Theory]
    [InlineData("peux-tu me rappeler d'envoyer le dossier lundi matin", "fr", "envoyer le dossier")]
    public void APoliteReminderTheRulesMissed_IsAReminderWithItsTime(string text, string language, string title)
    {
        var action = Read(text, language);

        Assert.Equal(Intents.ReminderCreate, action.Intent);
        Assert.Contains(title, action.Title, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(action.When);
    }

    [Theory]
    [InlineData("faut réserver les billets de train", "fr")]
    [InlineData("les gouttières à nettoyer", "fr")]
    [InlineData("la facture d'électricité", "fr")]
    [InlineData("don't let me forget the recycling", "en")]
    public void ACaptureOnlyTheClassifierSuspects_IsMarkedGuessed(string text, string language)
    {
        var action = Read(text, language);

        Assert.NotEqual(Intents.Chat, action.Intent);
        Assert.True(action.Guessed, $"{action.Intent} not guessed");
    }

    [Theory]
    [InlineData("besoin de beurre et de farine", "fr")]
    [InlineData("i already called the plumber", "en")]
    [InlineData("remind me to call the vet tomorrow at 10am", "en")]
    public void ACaptureTheRulesOrAConfidentClassifierRead_IsNotAGuess(string text, string language)
    {
        Assert.False(Read(text, language).Guessed);
    }

    [Theory]
    [InlineData("ugh today was awful", "en")]
    [InlineData("i'm so tired of everything", "en")]
    [InlineData("what's the weather like?", "en")]
    [InlineData("hmm whatever", "en")]
    [InlineData("i feel like im drowning in stuff to do", "en")]
    [InlineData("lol ok", "en")]
    [InlineData("j'en peux plus de tout ça", "fr")]
    [InlineData("pff journée horrible", "fr")]
    [InlineData("il fait quel temps ?", "fr")]
    [InlineData("je me noie sous les trucs à faire", "fr")]
    [InlineData("t'es qui toi", "fr")]
    [InlineData("c'est quoi le code wifi ?", "fr")]
    public void SmallTalkAndQuestions_StayConversation(string text, string language)
    {
        Assert.Equal(Intents.Chat, Read(text, language).Intent);
    }

    [Fact]
    public void HeldOutMessages_AreReadRightByTheAssistant_MostOfTheTime()
    {
        var rows = HeldOut.Load();
        var right = rows.Count(r => HeldOut.AssistantLabel(Parsing.Engine, r.Text, r.Language) == r.Label);

        // rules only: 167/184; with the arbiter: see ADR 0013
        Assert.True(right >= 170, $"{right}/{rows.Count}");
    }

    [Fact]
    public void TheArbiter_NeverCapturesAQuestion()
    {
        foreach (var (language, label, text) in HeldOut.Load().Where(r => r.Label is IntentLabels.Question or IntentLabels.Chat))
        {
            Assert.False(IntentLabels.IsCapture(HeldOut.AssistantLabel(Parsing.Engine, text, language)), text);
        }
    }
}
