namespace PersonalAssistant.Language.Lexicons;

/// <summary>
/// The sentences the statistical intent layer learns from (ADR 0013), as data: per label, templates with slots
/// ("remind me to {todo} {when}"), and the words that fill the slots. The generator
/// (<c>Understanding/Statistical/CorpusGenerator</c>) also fills slots from the lexicon's own tables: {weekday},
/// {dayword}, {daypart}, {month}, {smalltalk}, and numbers ({hour12}, {hour24}, {minute}, {number}, {cents}).
/// A slot's filler may hold slots itself ("{when}" → "{dayword} at {hour12}pm").
/// </summary>
internal sealed class IntentTemplates
{
    public static IntentTemplates Empty { get; } = new();

    /// <summary>Label (<see cref="Understanding.Statistical.IntentLabels"/>) → its templates.</summary>
    public IReadOnlyDictionary<string, string[]> Templates { get; init; } = new Dictionary<string, string[]>();

    /// <summary>Slot name → the words that fill it.</summary>
    public IReadOnlyDictionary<string, string[]> Slots { get; init; } = new Dictionary<string, string[]>();

    /// <summary>Words said before a request that do not change it ("hey", "ok so", "stp").</summary>
    public IReadOnlyList<string> Openers { get; init; } = [];

    /// <summary>Words said after a request that do not change it ("please", "thx", "merci").</summary>
    public IReadOnlyList<string> Closers { get; init; } = [];
}
