using PersonalAssistant.Language.Text;
using PersonalAssistant.Language.Understanding.Statistical;

namespace PersonalAssistant.Language.Understanding;

/// <summary>
/// The statistical intent layer as an arbiter (ADR 0013): asked only when no rule recognised the message, it may
/// name the kind of capture the rules missed ("besoin de papier toilette", "ma cheffe s'appelle Karine, retiens-le",
/// "I already called the plumber"); the grammar still fills every field (title, time, items). It never turns a
/// question or small talk into an item; between <see cref="GuessConfidence"/> and <see cref="ArbiterConfidence"/> its
/// capture is marked <see cref="ParsedAction.Guessed"/> (the host asks first), and below it stays silent. It reads the whole
/// message once the grammar and the brain-dump split found nothing, so a part of a brain dump is read by the rules.
/// </summary>
internal sealed partial class Interpreter
{
    /// <summary>How sure the classifier must be before the rules' "nothing" becomes a capture.</summary>
    internal const float ArbiterConfidence = 0.7f;

    /// <summary>From here up to <see cref="ArbiterConfidence"/> the capture is a guess: the host asks before acting.</summary>
    internal const float GuessConfidence = 0.5f;

    private PhraseSet<bool>? conversation;

    private PhraseSet<bool> Conversation => conversation ??= Phrases.Of([.. lex.Thanks, .. lex.Greetings, .. lex.QuestionWords, .. lex.DistressPhrases,
        .. lex.Conversation.Venting, .. lex.Conversation.HowAreYou, .. lex.Conversation.WhoAreYou, .. lex.Conversation.Farewells,
        .. lex.Conversation.Acknowledgements, .. lex.Conversation.QuestionOpeners.Phrases]);

    private ParsedAction Arbitrate(string text, Token[] t, ParseContext context)
    {
        var start = SkipPoliteness(t, 0);
        var nothing = new ParsedAction { Intent = Intents.Chat };
        var question = t.Any(x => x.Is("?"));
        // "j'ai pris le lait": crossed off a list by the assistant's list reader, not a completion to guess
        if (question || start >= t.Length || Conversation.Contains(t) || lex.Conversation.ListGotCues.Match(t, start) > 0)
        {
            return nothing;
        }

        var guess = IntentClassifier.Of(lex).Classify(t);
        if (guess.Confidence < GuessConfidence)
        {
            return nothing;
        }

        var mentions = temporal.Recognize(t);
        var action = guess.Label switch
        {
            IntentLabels.Reminder => Timed(Intents.ReminderCreate, text, t, mentions, context, lex.ReminderCues),
            IntentLabels.Task => Timed(Intents.TaskCreate, text, t, mentions, context, lex.TaskLists, lex.TaskCues),
            IntentLabels.Grocery => Grocery(text, t, start),
            IntentLabels.Memory => new ParsedAction { Intent = Intents.MemoryRemember, Body = Rest(text, t, start) },
            IntentLabels.Note => new ParsedAction { Intent = Intents.NoteCreate, Body = Rest(text, t, start) },
            IntentLabels.Complete => Complete(text, t),
            _ => nothing,
        };
        return guess.Confidence < ArbiterConfidence && action.Intent != Intents.Chat ? action with { Guessed = true } : action;
    }
}
