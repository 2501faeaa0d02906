using System.Text;
using System.Text.Json;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The replies written without a model, worded by the message catalog in the turn's language: the echo of what was captured with the way to undo
/// it, listings, questions, short supportive answers. Brief, warm, one next step, never shaming (PRODUCT.md).
/// </summary>
internal static partial class Replies
{
    public const int SmsLimit = 320;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The reply to a turn's tool results, in call order.</summary>
    public static string ForResults(IReadOnlyList<(string Tool, ToolResult Result)> results, string locale, string channel)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sms = channel == Channels.Sms;
        var parts = new List<string>();
        var captured = results.Where(r => r.Result is { Ok: true, Question: null, Lines: null, Done: not null } && IsCapture(r.Tool)).Select(r => r.Result.Done!).ToList();
        if (captured.Count > 0)
        {
            parts.Add(Undoable(locale, sms, "Reply.Captured", string.Join(Texts.Get(locale, "Reply.Separator"), captured)));
        }

        foreach (var (tool, result) in results)
        {
            if (result.Question is { } question)
            {
                parts.Add(question);
            }
            else if (!result.Ok)
            {
                parts.Add(Texts.Format(locale, "Reply.Failed", result.Error));
            }
            else if (result.Lines is { } lines)
            {
                parts.Add(Listing(tool, result.Done ?? string.Empty, lines, locale, sms));
            }
            else if (ChangeCalls.SaysItAll(tool) && result.Done is { } said)
            {
                parts.Add(said);
            }
            else if (tool == ToolNames.CompleteTask && result.Done is { } completed)
            {
                parts.Add(Undoable(locale, sms, "Reply.Completed", completed));
            }
            else if (!IsCapture(tool) && result.Done is { } done)
            {
                parts.Add(Texts.Format(locale, "Reply.Done", done));
            }
        }

        return Fit(string.Join(sms ? " " : "\n\n", parts), channel);
    }

    /// <summary>
    /// A sentence saying what changed and, on SMS, how to take it back (the catalog's <c>key.Undo</c>: "Reply UNDO to
    /// cancel."); the web app shows an Undo button beside the reply instead.
    /// </summary>
    public static string Undoable(string locale, bool sms, string key, params object?[] values)
    {
        var said = Texts.Format(locale, key, values);
        return sms ? $"{said} {Texts.Get(locale, key + ".Undo")}" : said;
    }

    /// <summary>What undo did: what was undone, and what could not be (gone already, or refused).</summary>
    public static string Undone(UndoReport report, string locale)
    {
        ArgumentNullException.ThrowIfNull(report);
        var separator = Texts.Get(locale, "Reply.Separator");
        return (report.Undone.Count, report.Failed.Count) switch
        {
            (0, 0) => Texts.Get(locale, "Reply.NothingToUndo"),
            (_, 0) => Texts.Format(locale, "Reply.Undone", string.Join(separator, report.Undone)),
            (0, _) => Texts.Format(locale, "Reply.UndoFailed", string.Join(separator, report.Failed)),
            _ => Texts.Format(locale, "Reply.UndonePartly", string.Join(separator, report.Undone), string.Join(separator, report.Failed)),
        };
    }

    public static string Declined(string locale) => Texts.Get(locale, "Reply.Declined");

    public static string ProviderFailed(string locale) => Texts.Get(locale, "Reply.ProviderFailed");

    public static string NeedsTime(string locale) => Texts.Get(locale, "Reply.NeedsTime");

    /// <summary>A time skipped by a spring-forward change: what was said, and when it is set instead.</summary>
    public static string TimeSkipped(NodaTime.LocalDateTime said, NodaTime.LocalDateTime instead, string locale)
    {
        var pattern = Texts.Get(locale, "Time.ClockPattern");
        var culture = Texts.CultureOf(locale);
        return Texts.Format(locale, "Reply.TimeSkipped", said.ToString(pattern, culture), instead.ToString(pattern, culture));
    }

    /// <summary>
    /// What a guessed capture would do, as a yes/no question: "Should I add this to your tasks: “book the train
    /// tickets”? (yes/no)". The words are the ones the call would store.
    /// </summary>
    public static string Guessed(string tool, IReadOnlyDictionary<string, object?> arguments, string locale)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string? Argument(string name) => arguments.GetValueOrDefault(name) switch
        {
            IEnumerable<string> items => string.Join(", ", items),
            { } value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            null => null,
        };

        var (key, what) = tool switch
        {
            ToolNames.AddReminder => ("Reply.Guess.Reminder", Argument("text")),
            ToolNames.AddNote => ("Reply.Guess.Note", Argument("text")),
            ToolNames.AddToList => ("Reply.Guess.List", Argument("items")),
            ToolNames.Remember => ("Reply.Guess.Memory", Argument("fact")),
            ToolNames.CompleteTask => ("Reply.Guess.Complete", Argument("task")),
            ToolNames.AddEvent => ("Reply.Guess.Event", Argument("title")),
            ToolNames.AddExpense => ("Reply.Guess.Expense", Argument("description")),
            _ => ("Reply.Guess.Task", Argument("title")),
        };
        return Texts.Format(locale, key, what ?? string.Empty) + Texts.Get(locale, "Tools.YesNo");
    }

    /// <summary>Small talk and feelings: a short, kind answer that leads to one small action.</summary>
    public static string Conversational(string text, string locale)
    {
        var words = TextKeys.Words(text);
        var folded = TextKeys.Fold(text);
        if (Said.DistressPhrases.Any(w => folded.Contains(w, StringComparison.Ordinal)))
        {
            return Texts.Get(locale, "Reply.Overwhelmed");
        }

        if (words.Overlaps(Said.Thanks))
        {
            return Texts.Get(locale, "Reply.Welcome");
        }

        if (words.Overlaps(Said.Greetings))
        {
            return Texts.Get(locale, "Reply.Greeting");
        }

        if (text.TrimEnd().EndsWith('?') || words.Overlaps(Said.QuestionWords))
        {
            return Texts.Get(locale, "Reply.CannotAnswerOffline");
        }

        return Texts.Get(locale, "Reply.NotUnderstood");
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

    private static string Listing(string tool, string heading, IReadOnlyList<string> lines, string locale, bool sms)
    {
        if (tool == ToolNames.SuggestNextTask)
        {
            if (lines.Count == 0)
            {
                return heading;
            }

            var why = string.Join(", ", lines.Select(l => l.TrimEnd('.')));
            return Texts.Format(locale, "Reply.TryThis", Bold(heading, sms), why);
        }

        var text = new StringBuilder(heading);
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(sms ? (i == 0 ? " " : "; ") : tool is ToolNames.BreakDownTask or ToolNames.ActOnNudge ? $"\n{i + 1}. " : "\n- ").Append(lines[i]);
        }

        if (tool is ToolNames.BreakDownTask or ToolNames.ActOnNudge)
        {
            text.Append(sms ? ". " : "\n\n").Append(Undoable(locale, sms, "Reply.StartWithTheFirst"));
        }

        return text.ToString();
    }

    private static string Bold(string text, bool sms) => sms ? text : $"**{text}**";

    private static bool IsCapture(string tool) => tool is ToolNames.AddTask or ToolNames.AddReminder or ToolNames.AddNote or ToolNames.AddEvent
        or ToolNames.AddToList or ToolNames.AddExpense or ToolNames.Remember or ToolNames.AddMore;

    /// <summary>The words of small talk, from the lexicons (every language: a French speaker may say "thanks").</summary>
    private static readonly Keywords Said = LanguageEngine.DefaultKeywords;
}
