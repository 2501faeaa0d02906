using System.Text.RegularExpressions;
using PersonalAssistant.Server.Messaging.Sms;

namespace PersonalAssistant.Server.Tests.Messaging.Sms;

public sealed partial class SmsSplitterTests
{
    private const string English =
        "Here is your plan for tomorrow. At nine you have the dentist on Baker Street, so leave home by half past eight. " +
        "After that, the team meeting moved to eleven; Sarah asked you to bring the budget figures. " +
        "Lunch with Tom is at one at the Italian place near the station! Do not forget the parcel for the post office, " +
        "it closes at five. In the evening, the plumber comes between six and seven to look at the kitchen sink. " +
        "You also wanted to call your mother about the weekend. Finally, the library books are due on Friday, " +
        "and the car needs its service before the end of the month. Shall I remind you of any of these again tomorrow morning?";

    private const string French =
        "Voici ton programme pour demain. À neuf heures tu as le dentiste rue de la Paix, donc pars de chez toi vers huit heures et demie. " +
        "Ensuite, la réunion d'équipe est déplacée à onze heures ; Sarah t'a demandé d'apporter les chiffres du budget. " +
        "Le déjeuner avec Tom est à treize heures au restaurant italien près de la gare ! N'oublie pas le colis pour la poste, " +
        "elle ferme à dix-sept heures. Le soir, le plombier passe entre dix-huit et dix-neuf heures pour l'évier de la cuisine. " +
        "Tu voulais aussi appeler ta mère pour le week-end. Enfin, les livres de la bibliothèque sont à rendre vendredi, " +
        "et la voiture doit passer à la révision avant la fin du mois. Veux-tu que je te rappelle tout ça demain matin ?";

    [Fact]
    public void ShortReply_IsOnePart_WithoutANumber()
    {
        Assert.Equal(["Done: water the plants."], SmsSplitter.Split("  Done: water the plants. ", 320));
        Assert.Equal([new string('a', 320)], SmsSplitter.Split(new string('a', 320), 320));
        Assert.Empty(SmsSplitter.Split("   ", 320));
    }

    [Theory]
    [InlineData(English)]
    [InlineData(French)]
    public void SevenHundredCharacterReply_IsSplitAtSentences_IntoNumberedParts(string reply)
    {
        var text = (reply + " " + reply)[..700];
        text = text[..(text.LastIndexOf(' ') + 1)] + "end.";
        Assert.InRange(text.Length, 690, 710);

        var parts = SmsSplitter.Split(text, 320);

        Assert.Equal(3, parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            Assert.InRange(parts[i].Length, 1, 320);
            Assert.StartsWith($"({i + 1}/3) ", parts[i], StringComparison.Ordinal);
        }

        // every part but the last ends a sentence; nothing is lost or reordered
        Assert.All(parts.SkipLast(1), p => Assert.Matches("[.!?]$", p));
        Assert.Equal(Words(text), parts.SelectMany(p => Words(Prefix().Replace(p, string.Empty))));
    }

    [Fact]
    public void TheNumber_CountsInTheLimit()
    {
        // 10 sentences of 31 characters: 320 would hold 10 of them with spaces, but not with "(1/2) " in front
        var sentence = "This sentence is thirty-one ch.";
        Assert.Equal(31, sentence.Length);
        var text = string.Join(' ', Enumerable.Repeat(sentence, 11));
        var parts = SmsSplitter.Split(text, 320);
        Assert.All(parts, p => Assert.True(p.Length <= 320, $"{p.Length}: {p}"));
        Assert.Equal(2, parts.Count);
        Assert.Equal(9, SentenceCount(parts[0]));
        Assert.Equal(2, SentenceCount(parts[1]));
    }

    [Fact]
    public void ALongSentence_IsSplitAtWords_NeverInsideOne()
    {
        var words = Enumerable.Range(1, 120).Select(i => $"word{i}").ToList();
        var text = string.Join(' ', words);
        var parts = SmsSplitter.Split(text, 100);
        Assert.All(parts, p => Assert.True(p.Length <= 100, $"{p.Length}: {p}"));
        Assert.Equal(words, parts.SelectMany(p => Words(Prefix().Replace(p, string.Empty))));
    }

    [Fact]
    public void AWordLongerThanAPart_IsCut_ButNotInsideASurrogatePair()
    {
        var link = "https://example.org/" + new string('x', 400);
        var parts = SmsSplitter.Split("See " + link + " now.", 160);
        Assert.All(parts, p => Assert.True(p.Length <= 160));
        Assert.Equal(("See " + link + " now.").Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(parts.Select(p => Prefix().Replace(p, string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal))));

        var emoji = string.Concat(Enumerable.Repeat("😀", 100));
        var emojiParts = SmsSplitter.Split(emoji, 51);
        Assert.All(emojiParts, p => Assert.False(char.IsHighSurrogate(p[^1])));
        Assert.Equal(emoji, string.Concat(emojiParts.Select(p => Prefix().Replace(p, string.Empty))));
    }

    [Fact]
    public void TenPartsOrMore_UseTwoDigitNumbers_WithinTheLimit()
    {
        var text = string.Join(' ', Enumerable.Repeat("Short one.", 120));
        var parts = SmsSplitter.Split(text, 40);
        Assert.True(parts.Count >= 10);
        Assert.All(parts, p => Assert.True(p.Length <= 40, $"{p.Length}: {p}"));
        Assert.StartsWith($"({parts.Count}/{parts.Count}) ", parts[^1], StringComparison.Ordinal);
        Assert.Equal(120, parts.Sum(SentenceCount));
    }

    [Fact]
    public void FrenchPunctuation_WithASpaceBefore_EndsASentence()
    {
        var text = string.Join(' ', Enumerable.Repeat("Tu as pensé au pain ? Oui, c'est fait !", 10));
        var parts = SmsSplitter.Split(text, 100);
        Assert.All(parts.SkipLast(1), p => Assert.Matches("[?!]$", p));
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static int SentenceCount(string part) => part.Count(c => c == '.');

    [GeneratedRegex(@"^\(\d+/\d+\) ")]
    private static partial Regex Prefix();
}
