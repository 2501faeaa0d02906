using System.Net;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Localization;

/// <summary>
/// A French person talking to the offline assistant reads French only: every reply of a conversation that goes
/// through each kind of capture, a question, a confirmation, undo and a message it does not understand is checked for
/// sentences of the English catalog.
/// </summary>
public sealed class FrenchRepliesTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    public static TheoryData<string[]> Conversations => new()
    {
        new[] { "rappelle-moi d'appeler maman demain à 15h", "annule" },
        new[] { "acheter des timbres", "lait, œufs et farine", "rdv chez le dentiste vendredi à 10h" },
        new[] { "note : le code du portail est 4821B", "j'ai dépensé 12 € au resto", "souviens-toi que ma sœur est née le 3 mars" },
        new[] { "ranger le garage", "je fais quoi maintenant ?", "découpe ranger le garage" },
        new[] { "rappelle-moi à 7h de prendre mes médicaments", "le soir" },
        new[] { "qu'est-ce que j'ai aujourd'hui ?", "blablabla xyz", "annule" },
    };

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task EveryReply_ToAFrenchPerson_IsFrench(string[] messages)
    {
        var person = await Accounts.RegisterAndLoginAsync(app);
        using var client = person.Client(app);
        using var changed = await client.PatchAsJsonAsync("/api/v1/users/me", new { locale = "fr", timeZone = "Europe/Paris" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var conversation = await StartAsync(client);

        foreach (var message in messages)
        {
            var reply = Text(await SayAsync(client, conversation, message));

            Assert.False(string.IsNullOrWhiteSpace(reply), $"no reply to « {message} »");
            var english = EnglishSentences.Inside(reply);
            Assert.True(english.Count == 0, $"« {message} » was answered with English inside: {reply} ({string.Join(" | ", english)})");
        }
    }
}
