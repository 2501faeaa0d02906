using PersonalAssistant.Language.Text;

namespace PersonalAssistant.Language.Lexicons;

/// <summary>
/// The words for changing what already exists (issue 15): moving, cancelling, deleting, snoozing an item named or
/// referred to ("it", "ça"), and the forms a finished task is told in ("called the landlord", "loyer payé"). The
/// direction of a move is +1 (later), -1 (earlier) or 0 (a new time is given).
/// </summary>
internal sealed class ChangeLexicon
{
    /// <summary>Verbs that open a change of time or name: "move", "push" (+1), "bring forward" (-1), "décale", "avance" (-1).</summary>
    public required PhraseSet<int> UpdateVerbs { get; init; }

    /// <summary>A change told after its subject: "the lunch got pushed back", "le dîner est décalé".</summary>
    public required PhraseSet<int> PassiveChanges { get; init; }

    /// <summary>Words that say which way a length of time moves it: "back", "later" (+1), "earlier", "plus tôt" (-1).</summary>
    public required PhraseSet<int> Directions { get; init; }

    /// <summary>Words that make a time a correction of the item just talked about: "actually", "make it", "plutôt".</summary>
    public required PhraseSet<bool> CorrectionCues { get; init; }

    /// <summary>Verbs that delete: "delete", "cancel", "supprime", "efface"; the value is the kind they imply ("reminder" for "stop reminding me"), or null.</summary>
    public required PhraseSet<string?> DeleteVerbs { get; init; }

    /// <summary>Words that name the kind of item ("task", "reminder", "note", "de mes tâches"), by kind code.</summary>
    public required PhraseSet<string> KindWords { get; init; }

    /// <summary>Snooze phrases that refer to the reminder by a pronoun ("rappelle-le-moi").</summary>
    public required PhraseSet<bool> SnoozeReferences { get; init; }

    /// <summary>"and eggs too": what opens and closes an addition to the item just talked about.</summary>
    public required PhraseSet<bool> AlsoStarts { get; init; }

    public required PhraseSet<bool> AlsoEnds { get; init; }

    /// <summary>Words before a bare number that make it the new hour of a change ("move it to 3", "décale à 15").</summary>
    public required PhraseSet<bool> NewTimeMarkers { get; init; }

    /// <summary>"I have", "j'ai": before an appointment noun and a time, a new event told as a fact ("j'ai un rdv chez l'ostéo mardi à 10h").</summary>
    public required PhraseSet<bool> HaveOpeners { get; init; }

    /// <summary>Words before a length of time that make it a shift ("by an hour", "de 10 minutes").</summary>
    public required PhraseSet<bool> ShiftMarkers { get; init; }

    /// <summary>Marks that say something is done ("✅", "✔").</summary>
    public required PhraseSet<bool> DoneMarks { get; init; }

    /// <summary>What, at the end of a message, says the thing before it is done ("that's done", "comme fait").</summary>
    public required PhraseSet<bool> DoneTails { get; init; }

    /// <summary>Articles, possessives and prepositions trimmed off the words that name an item.</summary>
    public required PhraseSet<bool> TargetNoise { get; init; }

    /// <summary>Short words that do not count when an item is matched by its words ("the", "my", "de", "chez").</summary>
    public required IReadOnlyList<string> MatchStopWords { get; init; }

    /// <summary>Irregular forms and their base ("did": "do", "paid": "pay", "fait": "faire", "sorti": "sortir").</summary>
    public required IReadOnlyDictionary<string, string> Lemmas { get; init; }

    /// <summary>Endings removed before two words are compared ("called" and "call", "payé" and "payer"), longest first.</summary>
    public required IReadOnlyList<string> Endings { get; init; }

    /// <summary>Words of an answer that pick the third option offered.</summary>
    public required IReadOnlyList<string> ThirdAnswers { get; init; }

    /// <summary>Words that may follow a yes without changing it ("yes please", "oui vas-y").</summary>
    public required IReadOnlyList<string> Courtesies { get; init; }

    /// <summary>Verbs that rename an item named after them: "rename", "renomme" (the new name follows a <see cref="RenameSeparators"/> word).</summary>
    public PhraseSet<bool> RenameVerbs { get; init; } = Phrases.Of();

    /// <summary>What renames the item just talked about, the new name right after: "call it", "rename it to", "renomme-le en".</summary>
    public PhraseSet<bool> RenameReferred { get; init; } = Phrases.Of();

    /// <summary>The word between the old name and the new one: "to", "as", "en".</summary>
    public PhraseSet<bool> RenameSeparators { get; init; } = Phrases.Of();

    /// <summary>Words at the end of a new name that are not part of it: "instead", "plutôt".</summary>
    public PhraseSet<bool> RenameTails { get; init; } = Phrases.Of();

    /// <summary>Verbs that, with a priority ("high priority", "priorité haute"), change an existing task's priority: "make", "set", "mets", "passe".</summary>
    public PhraseSet<bool> PriorityVerbs { get; init; } = Phrases.Of();

    /// <summary>Little words around a priority that do not name the task: "as", "to", "is", "en", "c'est".</summary>
    public PhraseSet<bool> PriorityNoise { get; init; } = Phrases.Of();

    /// <summary>What, at the end of an addition, points at the list just shown: "to it", "to that list", "dessus".</summary>
    public PhraseSet<bool> ListReferences { get; init; } = Phrases.Of();

    /// <summary>What opens an addition to the list just used even without a closing "too": "and", "oh and", "et".</summary>
    public PhraseSet<bool> AlsoAlone { get; init; } = Phrases.Of();
}
