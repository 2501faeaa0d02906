using PersonalAssistant.Language.Text;
using PersonalAssistant.Language.Understanding.Statistical;

namespace PersonalAssistant.Language.Understanding;

/// <summary>
/// The statistical intent layer as an arbiter (ADR 0013): asked only when no rule recognised the message, it may
/// name the kind of capture the rules missed ("besoin de papier toilette", "ma cheffe s'appelle Karine, retiens-le",
/// "I already called the plumber"); the grammar still fills every field (title, time, items). It never turns a
/// question or small talk into an item, and stays silent below <see cref="ArbiterConfidence"/>. It reads the whole
/// message once the grammar and the brain-dump split found nothing, so a part of a brain dump is read by the rules.
/// </summary>
internal sealed partial class Interpreter
{
    /// <summary>How sure the classifier must be before the rules' "nothing" becomes a capture.</summary>
    internal const float ArbiterConfidence = 0.7f;

    private PhraseSet<bool>? conversation;

    private PhraseSet<bool> Conversation => conversation ??= Phrases.Of([.. lex.Thanks, .. lex.Greetings, .. lex.QuestionWords, .. lex.DistressPhrases,
        .. lex.Conversation.Venting, .. lex.Conversation.HowAreYou, .. lex.Conversation.WhoAreYou, .. lex.Conversation.Farewells,
        .. lex.Conversation.Acknowledgements, .. lex.Conversation.QuestionOpeners.Phrases]);

    private ParsedAction Arbitrate(string text, Token[] t, ParseContext context)
    {
        var start = SkipPoliteness(t, 0);
        var nothing = new ParsedAction { Intent = Intents.Chat };
        var question = t.Any(x => x.Is("?"));
        if (question || start >= t.Length || Conversation.Contains(t))
        {
            return nothing;
        }

        var guess = IntentClassifier.Default.Classify(t);
        if (guess.Confidence < ArbiterConfidence)
        {
            return nothing;
        }

        var mentions = temporal.Recognize(t);
        return guess.Label switch
        {
            IntentLabels.Reminder => Timed(Intents.ReminderCreate, text, t, mentions, context, lex.ReminderCues),
            IntentLabels.Task => Timed(Intents.TaskCreate, text, t, mentions, context, lex.TaskLists, lex.TaskCues),
            IntentLabels.Event when mentions.Count > 0 => Timed(Intents.EventCreate, text, t, mentions, context, lex.CalendarCues, lex.EventVerbs),
            IntentLabels.Grocery => Grocery(text, t, start),
            IntentLabels.Memory => new ParsedAction { Intent = Intents.MemoryRemember, Body = Rest(text, t, start) },
            IntentLabels.Note => new ParsedAction { Intent = Intents.NoteCreate, Body = Rest(text, t, start) },
            IntentLabels.Complete => Complete(text, t),
            _ => nothing,
        };
    }

    internal static readonly string? MeasureMode = Environment.GetEnvironmentVariable("PA_STAT_MODE");

    private ParsedAction ClassifierFirst(string text, Token[] t, ParseContext context, ParsedAction rules)
    {
        var guess = IntentClassifier.Default.Classify(t);
        var kind = rules.Intent switch
        {
            Intents.AddMore => IntentLabels.Grocery,
            Intents.ItemUpdate or Intents.ItemDelete or Intents.ReminderSnooze => IntentLabels.Change,
            Intents.TaskList => IntentLabels.Question,
            Intents.SuggestNext or Intents.TaskBreakdown => IntentLabels.Chat,
            _ => rules.Intent,
        };
        if (kind == guess.Label)
        {
            return rules;
        }

        var start = SkipPoliteness(t, 0);
        var mentions = temporal.Recognize(t);
        return guess.Label switch
        {
            IntentLabels.Reminder => Timed(Intents.ReminderCreate, text, t, mentions, context, lex.ReminderCues),
            IntentLabels.Task => Timed(Intents.TaskCreate, text, t, mentions, context, lex.TaskLists, lex.TaskCues),
            IntentLabels.Event => Timed(Intents.EventCreate, text, t, mentions, context, lex.CalendarCues, lex.EventVerbs),
            IntentLabels.Grocery => Grocery(text, t, start),
            IntentLabels.Memory => new ParsedAction { Intent = Intents.MemoryRemember, Body = Rest(text, t, start) },
            IntentLabels.Note => new ParsedAction { Intent = Intents.NoteCreate, Body = Rest(text, t, start) },
            IntentLabels.Complete => Complete(text, t),
            IntentLabels.Expense when MoneyRecognizer.Find(t, lex) is { } money => Expense(text, t, money, context, mentions),
            IntentLabels.Change => Change(text, t, start, mentions, context) ?? new ParsedAction { Intent = Intents.Chat },
            _ => new ParsedAction { Intent = Intents.Chat },
        };
    }
}
