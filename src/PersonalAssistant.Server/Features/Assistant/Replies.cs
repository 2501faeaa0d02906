using System.Text;
using System.Text.Json;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The replies written without a model, in English and French: the echo of what was captured with the way to undo
/// it, listings, questions, short supportive answers. Brief, warm, one next step, never shaming (PRODUCT.md).
/// </summary>
internal static class Replies
{
    public const int SmsLimit = 320;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The reply to a turn's tool results, in call order.</summary>
    public static string ForResults(IReadOnlyList<(string Tool, ToolResult Result)> results, bool french, string channel)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sms = channel == Channels.Sms;
        var parts = new List<string>();
        var captured = results.Where(r => r.Result is { Ok: true, Question: null, Lines: null, Done: not null } && IsCapture(r.Tool)).Select(r => r.Result.Done!).ToList();
        if (captured.Count > 0)
        {
            var list = string.Join(french ? " ; " : "; ", captured);
            parts.Add(french ? $"C'est noté : {list}. Réponds ANNULE pour annuler." : $"Got it: {list}. Reply UNDO to cancel.");
        }

        foreach (var (tool, result) in results)
        {
            if (result.Question is { } question)
            {
                parts.Add(question);
            }
            else if (!result.Ok)
            {
                parts.Add(french ? $"Je n'ai pas pu : {result.Error}" : $"I couldn't do that: {result.Error}");
            }
            else if (result.Lines is { } lines)
            {
                parts.Add(Listing(tool, result.Done ?? string.Empty, lines, french, sms));
            }
            else if (tool == ToolNames.CompleteTask && result.Done is { } completed)
            {
                parts.Add(french ? $"Bien joué : « {completed} » est fait. Réponds ANNULE pour annuler." : $"Nice: \"{completed}\" is done. Reply UNDO to cancel.");
            }
            else if (!IsCapture(tool) && result.Done is { } done)
            {
                parts.Add(french ? $"C'est fait : {done}." : $"Done: {done}.");
            }
        }

        return Fit(string.Join(sms ? " " : "\n\n", parts), channel);
    }

    public static string Undone(IReadOnlyList<string> summaries, bool french) => summaries.Count == 0
        ? french ? "Rien à annuler dans les 10 dernières minutes." : "Nothing to undo from the last 10 minutes."
        : french ? $"Annulé : {string.Join(" ; ", summaries)}." : $"Undone: {string.Join("; ", summaries)}.";

    public static string Declined(bool french) => french ? "D'accord, je n'y touche pas." : "Okay, I left it as it is.";

    public static string ProviderFailed(bool french) => french
        ? "Désolé, je n'arrive pas à répondre pour l'instant. Rien n'a été perdu : réessaie dans un moment."
        : "Sorry, I can't answer right now. Nothing was lost; try again in a moment.";

    public static string NeedsTime(bool french) => french ? "Pour quand, le rappel ?" : "When should I remind you?";

    /// <summary>Small talk and feelings: a short, kind answer that leads to one small action.</summary>
    public static string Conversational(string text, bool french)
    {
        var words = TextKeys.Words(text);
        var folded = TextKeys.Fold(text);
        if (Said.DistressPhrases.Any(w => folded.Contains(w, StringComparison.Ordinal)))
        {
            return french
                ? "Ça fait beaucoup. Choisissons une seule petite chose. Tu veux que je la choisisse pour toi ? Réponds SUIVANT, ou dis-moi quelle tâche découper en petites étapes."
                : "That sounds like a lot. Let's pick one small thing. Want me to choose it for you? Reply NEXT, or tell me which task to break into small steps.";
        }

        if (words.Overlaps(Said.Thanks))
        {
            return french ? "Avec plaisir !" : "You're welcome!";
        }

        if (words.Overlaps(Said.Greetings))
        {
            return french
                ? "Bonjour ! Dis-moi ce que tu as en tête : une tâche, un rappel, une course, une dépense."
                : "Hi! Tell me what's on your mind: a task, a reminder, groceries, an expense.";
        }

        if (text.TrimEnd().EndsWith('?') || words.Overlaps(Said.QuestionWords))
        {
            return french
                ? "Je ne peux pas chercher ça hors ligne : répondre aux questions demande un fournisseur d'IA (réglage Assistant:Provider). Je peux noter tes tâches, rappels, notes, rendez-vous, courses et dépenses."
                : "I can't look that up offline: answering questions needs an AI provider (the Assistant:Provider setting). I can capture tasks, reminders, notes, events, groceries and expenses.";
        }

        return french
            ? "Je n'ai pas compris. Essaie « appeler maman demain à 15h », « lait, œufs » ou « souviens-toi que … »."
            : "I didn't catch that. Try \"call mom tomorrow at 3pm\", \"milk, eggs\" or \"remember that …\".";
    }

    /// <summary>SMS: plain text within one 320-character message.</summary>
    public static string Fit(string reply, string channel)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (channel != Channels.Sms)
        {
            return reply.Length <= ConversationMessageConfiguration.MaxTextLength ? reply : reply[..(ConversationMessageConfiguration.MaxTextLength - 1)] + "…";
        }

        var plain = reply.Replace("**", string.Empty, StringComparison.Ordinal).Replace("\n- ", "; ", StringComparison.Ordinal).Replace('\n', ' ');
        return plain.Length <= SmsLimit ? plain : plain[..(SmsLimit - 1)] + "…";
    }

    /// <summary>A tool's answer as the model or the reply writer gets it back.</summary>
    public static ToolResult Read(object? result) => result switch
    {
        ToolResult tool => tool,
        JsonElement element when element.ValueKind == JsonValueKind.Object => element.Deserialize<ToolResult>(Json) ?? ToolResult.Failed("No answer."),
        string text => ToolResult.Failed(text),
        _ => ToolResult.Failed("No answer."),
    };

    private static string Listing(string tool, string heading, IReadOnlyList<string> lines, bool french, bool sms)
    {
        if (tool == ToolNames.SuggestNextTask)
        {
            if (lines.Count == 0)
            {
                return heading;
            }

            var why = string.Join(", ", lines.Select(l => l.TrimEnd('.')));
            return french
                ? $"Essaie celle-ci : {Bold(heading, sms)} ({why}). Dis-moi quand c'est fait."
                : $"Try this one: {Bold(heading, sms)} ({why}). Tell me when it's done.";
        }

        var text = new StringBuilder(heading);
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(sms ? (i == 0 ? " " : "; ") : tool == ToolNames.BreakDownTask ? $"\n{i + 1}. " : "\n- ").Append(lines[i]);
        }

        if (tool == ToolNames.BreakDownTask)
        {
            text.Append(sms ? ". " : "\n\n").Append(french ? "Commence juste par la première. Réponds ANNULE pour annuler." : "Just start with the first one. Reply UNDO to cancel.");
        }

        return text.ToString();
    }

    private static string Bold(string text, bool sms) => sms ? text : $"**{text}**";

    private static bool IsCapture(string tool) => tool is ToolNames.AddTask or ToolNames.AddReminder or ToolNames.AddNote or ToolNames.AddEvent
        or ToolNames.AddToList or ToolNames.AddExpense or ToolNames.Remember;

    /// <summary>The words of small talk, from the lexicons (every language: a French speaker may say "thanks").</summary>
    private static readonly Keywords Said = LanguageEngine.DefaultKeywords;
}
