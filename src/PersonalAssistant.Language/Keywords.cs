using System.Globalization;
using System.Text;
using PersonalAssistant.Language.Lexicons;

namespace PersonalAssistant.Language;

/// <summary>
/// The words the assistant listens for around the grammar: answers to its questions ("yes", "d'accord"), "undo",
/// small talk, distress, "next", the marker of other people in an event title. They are tables of the lexicons like
/// every other word; this is how the host reads them. Each entry is folded the way the host folds a message for
/// comparison (lower case, accents and ligatures removed, anything but letters and digits a single space: "vas-y" →
/// "vas y", "annule ça" → "annule ca"), so a host compares its folded text with these directly.
/// </summary>
public sealed class Keywords
{
    private Keywords(IReadOnlyCollection<Lexicon> lexicons)
    {
        IReadOnlySet<string> Set(Func<Lexicon, IEnumerable<string>> table) =>
            lexicons.SelectMany(table).Select(Fold).ToHashSet(StringComparer.Ordinal);

        Affirmations = Set(l => l.Affirmations);
        Negations = Set(l => l.Negations);
        UndoPhrases = Set(l => l.UndoPhrases.Concat(l.Conversation.UndoPhrases));
        UndoFillers = Set(l => l.Conversation.UndoFillers);
        HowAreYou = Set(l => l.Conversation.HowAreYou);
        WhoAreYou = Set(l => l.Conversation.WhoAreYou);
        GreetingPhrases = Set(l => l.Greetings.Concat(l.Conversation.GreetingPhrases));
        Farewells = Set(l => l.Conversation.Farewells);
        Venting = Set(l => l.Conversation.Venting);
        Acknowledgements = Set(l => l.Conversation.Acknowledgements);
        Thanks = Set(l => l.Thanks);
        Greetings = Set(l => l.Greetings);
        QuestionWords = Set(l => l.QuestionWords);
        DistressPhrases = [.. Set(l => l.DistressPhrases)];
        CompanionMarkers = Set(l => l.CompanionMarkers);
        NextRequests = Set(l => l.NextRequests);
        NudgeDone = Set(l => l.NudgeDone);
        SmsStop = Set(l => l.SmsStop);
        SmsStart = Set(l => l.SmsStart);
        SmsHelp = Set(l => l.SmsHelp);
        NudgeSnooze = Set(l => l.NudgeSnooze);
        NudgeSkip = Set(l => l.NudgeSkip);
        NudgeSmaller = Set(l => l.NudgeSmaller);
        MorningAnswers = Set(l => l.MorningAnswers);
        EveningAnswers = Set(l => l.EveningAnswers);
        FirstAnswers = Set(l => l.FirstAnswers);
        SecondAnswers = Set(l => l.SecondAnswers);
        ThirdAnswers = Set(l => l.Change.ThirdAnswers);
        Courtesies = Set(l => l.Change.Courtesies);
        MatchStopWords = Set(l => l.Change.MatchStopWords);
        Lemmas = lexicons.SelectMany(l => l.Change.Lemmas).GroupBy(p => Fold(p.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Fold(g.First().Value), StringComparer.Ordinal);
        Endings = [.. lexicons.SelectMany(l => l.Change.Endings).Select(Fold).Distinct(StringComparer.Ordinal).OrderByDescending(e => e.Length)];
        ExpenseCategoryWords = Lists(l => l.ExpenseCategoryWords);
        TaskKindWords = Lists(l => l.TaskKindWords);

        IReadOnlyDictionary<string, IReadOnlyList<string>> Lists(Func<Lexicon, IReadOnlyDictionary<string, string[]>> table) =>
            lexicons.SelectMany(l => table(l))
                .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.SelectMany(pair => pair.Value).Select(Fold)], StringComparer.Ordinal);
    }

    /// <summary>A whole answer that says yes to a question ("yes", "ok", "oui", "vas y").</summary>
    public IReadOnlySet<string> Affirmations { get; }

    /// <summary>A whole answer that says no ("no", "cancel", "non", "laisse tomber").</summary>
    public IReadOnlySet<string> Negations { get; }

    /// <summary>A whole message that asks to undo the latest change ("undo", "annule ca").</summary>
    public IReadOnlySet<string> UndoPhrases { get; }

    /// <summary>Words around an undo that leave it an undo ("oops", "wait", "oups", "attends").</summary>
    public IReadOnlySet<string> UndoFillers { get; }

    /// <summary>"how are you", "ca va" (phrases, found anywhere in the folded message).</summary>
    public IReadOnlySet<string> HowAreYou { get; }

    /// <summary>"who are you", "t es qui", "what can you do" (phrases).</summary>
    public IReadOnlySet<string> WhoAreYou { get; }

    /// <summary>Greetings of one word or more ("hi", "good morning", "bonsoir").</summary>
    public IReadOnlySet<string> GreetingPhrases { get; }

    /// <summary>"good night", "bonne nuit", "bye" (phrases).</summary>
    public IReadOnlySet<string> Farewells { get; }

    /// <summary>A bad moment said in passing ("awful", "ugh", "journee horrible") (phrases).</summary>
    public IReadOnlySet<string> Venting { get; }

    /// <summary>A whole message that only acknowledges ("ok", "cool", "parfait").</summary>
    public IReadOnlySet<string> Acknowledgements { get; }

    /// <summary>Words of thanks ("thanks", "merci").</summary>
    public IReadOnlySet<string> Thanks { get; }

    /// <summary>Greeting words ("hi", "bonjour").</summary>
    public IReadOnlySet<string> Greetings { get; }

    /// <summary>Words that make a message a question ("what", "pourquoi").</summary>
    public IReadOnlySet<string> QuestionWords { get; }

    /// <summary>Phrases, found anywhere in the folded message, that say the person is overwhelmed ("too much", "deborde").</summary>
    public IReadOnlyList<string> DistressPhrases { get; }

    /// <summary>Words that, before a capitalised name, say an event involves other people ("with", "avec").</summary>
    public IReadOnlySet<string> CompanionMarkers { get; }

    /// <summary>A whole message that asks for the next suggestion ("next", "suivant").</summary>
    public IReadOnlySet<string> NextRequests { get; }

    /// <summary>A whole text message that opts the number out ("stop", "arret").</summary>
    public IReadOnlySet<string> SmsStop { get; }

    /// <summary>A whole text message that opts the number back in ("start", "unstop").</summary>
    public IReadOnlySet<string> SmsStart { get; }

    /// <summary>A whole text message that asks for help ("help", "aide").</summary>
    public IReadOnlySet<string> SmsHelp { get; }

    /// <summary>A whole reply to a nudge that says it is done ("done", "fait").</summary>
    public IReadOnlySet<string> NudgeDone { get; }

    /// <summary>A reply to a nudge that asks again later, alone or before minutes ("snooze 20", "plus tard 20").</summary>
    public IReadOnlySet<string> NudgeSnooze { get; }

    /// <summary>A whole reply to a nudge that lets this occurrence go ("skip", "passer").</summary>
    public IReadOnlySet<string> NudgeSkip { get; }

    /// <summary>A whole reply to a nudge that asks for small steps ("smaller", "plus petit").</summary>
    public IReadOnlySet<string> NudgeSmaller { get; }

    /// <summary>Words of an answer that pick the morning reading of an ambiguous time ("morning", "matin").</summary>
    public IReadOnlySet<string> MorningAnswers { get; }

    /// <summary>Words of an answer that pick the afternoon or evening reading ("evening", "pm", "soir").</summary>
    public IReadOnlySet<string> EveningAnswers { get; }

    /// <summary>Words of an answer that pick the first option offered ("first", "premier").</summary>
    public IReadOnlySet<string> FirstAnswers { get; }

    /// <summary>Words of an answer that pick the second option offered ("second", "deuxieme").</summary>
    public IReadOnlySet<string> SecondAnswers { get; }

    /// <summary>Words of an answer that pick the third option offered ("third", "troisieme").</summary>
    public IReadOnlySet<string> ThirdAnswers { get; }

    /// <summary>Words that may follow a yes without changing it ("please", "vas y").</summary>
    public IReadOnlySet<string> Courtesies { get; }

    /// <summary>Short words that do not count when an item is found by its words ("the", "de").</summary>
    public IReadOnlySet<string> MatchStopWords { get; }

    /// <summary>Irregular word forms and their base, folded ("paid": "pay", "fait": "faire").</summary>
    public IReadOnlyDictionary<string, string> Lemmas { get; }

    /// <summary>Word endings removed before two words are compared, longest first ("ing", "ed", "er", "e").</summary>
    public IReadOnlyList<string> Endings { get; }

    /// <summary>Words that suggest an expense's category, by category code ("groceries": "supermarket", "epicerie", …).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExpenseCategoryWords { get; }

    /// <summary>Words that suggest a kind of task for the offline breakdown, by kind code; repeats kept (they count twice).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TaskKindWords { get; }

    internal static Keywords Of(IReadOnlyCollection<Lexicon> lexicons) => new(lexicons);

    /// <summary>Lower case, no accents or ligatures, anything but letters and digits one space, trimmed.</summary>
    internal static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("œ", "oe", StringComparison.Ordinal).Replace("Œ", "oe", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
