using PersonalAssistant.Language.Text;

namespace PersonalAssistant.Language.Lexicons;

/// <summary>The span of days a spending question covers ("this week", "le mois dernier").</summary>
internal enum SpendingPeriod
{
    Today,
    Yesterday,
    ThisWeek,
    LastWeek,
    ThisMonth,
    LastMonth,
    ThisYear,
}

/// <summary>
/// The words of conversation around the captures, as tables: questions about what is stored ("what do I have
/// tomorrow", "c'est quand …"), changes to a list ("remove eggs from the list", "vide la liste"), small talk and
/// undo said casually ("oops undo that"). One instance per language, like the rest of the <see cref="Lexicon"/>.
/// </summary>
internal sealed class ConversationWords
{
    public static ConversationWords Empty { get; } = new();

    /// <summary>What a question starts with ("what's", "when", "c'est quoi", "combien").</summary>
    public PhraseSet<bool> QuestionOpeners { get; init; } = Phrases.Of();

    /// <summary>"what do I have", "qu'est-ce que j'ai": a day's agenda is asked (the day is the time said, today by default).</summary>
    public PhraseSet<bool> AgendaCues { get; init; } = Phrases.Of();

    /// <summary>"when is", "c'est quand": the time of something stored is asked.</summary>
    public PhraseSet<bool> WhenCues { get; init; } = Phrases.Of();

    /// <summary>"how much did I spend", "combien j'ai dépensé".</summary>
    public PhraseSet<bool> SpendingCues { get; init; } = Phrases.Of();

    public PhraseSet<SpendingPeriod> SpendingPeriods { get; init; } = Phrases.Groups<SpendingPeriod>();

    /// <summary>Broad words for several expense categories ("food": groceries and eating out), by category code.</summary>
    public IReadOnlyDictionary<string, string[]> SpendingTopics { get; init; } = new Dictionary<string, string[]>(StringComparer.Ordinal);

    /// <summary>"what's on", "qu'est-ce qu'il y a sur": a list's contents are asked (with a list named).</summary>
    public PhraseSet<bool> ListContentsCues { get; init; } = Phrases.Of();

    /// <summary>The word "list" itself, to find a list's name next to it.</summary>
    public PhraseSet<bool> ListWords { get; init; } = Phrases.Of();

    /// <summary>"my list", "ma liste": the person's to-do list, not a shopping list.</summary>
    public PhraseSet<bool> TaskListNames { get; init; } = Phrases.Of();

    /// <summary>"remove", "cross off", "enlève": items come off a list.</summary>
    public PhraseSet<bool> ListRemoveCues { get; init; } = Phrases.Of();

    /// <summary>"add", "ajoute": items go on a list (read here only when the list has a name of its own: "ma liste bricolage").</summary>
    public PhraseSet<bool> ListAddCues { get; init; } = Phrases.Of();

    /// <summary>"clear", "vide": a whole list is emptied.</summary>
    public PhraseSet<bool> ListClearCues { get; init; } = Phrases.Of();

    /// <summary>"got the milk", "j'ai pris le pain": bought, so off the list (only when the item is on a list).</summary>
    public PhraseSet<bool> ListGotCues { get; init; } = Phrases.Of();

    /// <summary>Words around the items of a list change ("from", "off", "of the list", "de la").</summary>
    public PhraseSet<bool> ListChangeNoise { get; init; } = Phrases.Of();

    /// <summary>Words of a question that say nothing about what is asked ("what", "is", "the", "est", "quoi").</summary>
    public IReadOnlyList<string> QuestionNoise { get; init; } = [];

    /// <summary>More whole messages that undo the latest change ("cancel that", "never mind").</summary>
    public IReadOnlyList<string> UndoPhrases { get; init; } = [];

    /// <summary>Words around an undo that do not change it ("oops", "wait", "oups", "attends").</summary>
    public IReadOnlyList<string> UndoFillers { get; init; } = [];

    /// <summary>"how are you", "ça va".</summary>
    public IReadOnlyList<string> HowAreYou { get; init; } = [];

    /// <summary>"who are you", "t'es qui", "what can you do".</summary>
    public IReadOnlyList<string> WhoAreYou { get; init; } = [];

    /// <summary>"good morning", "bonsoir": greetings of more than one word.</summary>
    public IReadOnlyList<string> GreetingPhrases { get; init; } = [];

    /// <summary>"good night", "bonne nuit", "bye".</summary>
    public IReadOnlyList<string> Farewells { get; init; } = [];

    /// <summary>"awful", "ugh", "journée horrible": a bad moment, said in passing.</summary>
    public IReadOnlyList<string> Venting { get; init; } = [];

    /// <summary>A whole message that only acknowledges ("ok", "cool", "lol ok", "parfait").</summary>
    public IReadOnlyList<string> Acknowledgements { get; init; } = [];
}
