using NodaTime;

namespace PersonalAssistant.Language;

/// <summary>The kinds of question about the person's own things (<see cref="QuestionReading.Kind"/>).</summary>
public static class QuestionKinds
{
    /// <summary>"what do I have tomorrow?": a day's tasks, reminders and events.</summary>
    public const string Agenda = "agenda";

    /// <summary>"when's my dentist appointment?": the time of something stored.</summary>
    public const string When = "when";

    /// <summary>"how much did I spend on food this week?": a total of expenses.</summary>
    public const string Spending = "spending";

    /// <summary>"what's on the grocery list?": a list's items.</summary>
    public const string ListContents = "list";

    /// <summary>Any other question: answered from what is remembered and the notes, by its content words.</summary>
    public const string Lookup = "lookup";
}

/// <summary>
/// A question about what the person has stored. Only the fields of its <see cref="Kind"/> are set: the
/// <see cref="Day"/> of an agenda, the days (<see cref="From"/> to <see cref="Until"/>, exclusive) and
/// <see cref="Categories"/> (expense category codes; none for all) of a spending total, the <see cref="List"/> named
/// (null for the default list), and the question's content <see cref="Words"/> (folded) for a search.
/// <see cref="Strong"/>: the message opens like a question ("what's", "c'est quoi"), not only a "?" at its end.
/// </summary>
public sealed record QuestionReading(string Kind)
{
    public IReadOnlyList<string> Words { get; init; } = [];

    public LocalDate? Day { get; init; }

    public LocalDate? From { get; init; }

    public LocalDate? Until { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? List { get; init; }

    public bool Strong { get; init; }
}

/// <summary>The kinds of list change (<see cref="ListChange.Kind"/>).</summary>
public static class ListChangeKinds
{
    /// <summary>"remove eggs from the list": these items come off.</summary>
    public const string Remove = "remove";

    /// <summary>"ajoute des vis à ma liste bricolage": items go on a list named by its own name (made if need be).</summary>
    public const string Add = "add";

    /// <summary>"clear the grocery list": every item comes off (after a yes).</summary>
    public const string Clear = "clear";

    /// <summary>"got the milk": off the list if it is on one; nothing otherwise.</summary>
    public const string Got = "got";
}

/// <summary>A change to a list's items: which items (as said) and which list (null: the default one, or any for <see cref="ListChangeKinds.Got"/>).</summary>
public sealed record ListChange(string Kind, IReadOnlyList<string> Items, string? List);

/// <summary>The kinds of small talk (<see cref="LanguageEngine.ReadSmallTalk"/>).</summary>
public static class SmallTalkKinds
{
    public const string Distress = "distress";
    public const string Venting = "venting";
    public const string WhoAreYou = "who-are-you";
    public const string HowAreYou = "how-are-you";
    public const string Greeting = "greeting";
    public const string Farewell = "farewell";
    public const string Thanks = "gratitude";
    public const string Acknowledgement = "ack";
}
