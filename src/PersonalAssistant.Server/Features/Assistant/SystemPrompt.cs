using System.Globalization;
using System.Text;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// What a model is told before the conversation: the person's local date, time and zone, their preferences and the
/// memories that matter for this message, the channel's rules, the style that helps someone with ADHD, and the rules
/// about confirming and echoing.
/// </summary>
internal static class SystemPrompt
{
    public const int MaxMemories = 12;

    public static string For(PersonNow person, string channel, string language, IReadOnlyList<string> memories)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(memories);
        var now = person.Now;
        var prompt = new StringBuilder();
        prompt.AppendLine("You are the personal assistant of an adult with ADHD, in the app Personal Assistant TDAH.");
        prompt.Append(CultureInfo.InvariantCulture, $"Their local date and time: {now.LocalDateTime.ToString("dddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}, ")
            .AppendLine(CultureInfo.InvariantCulture, $"time zone {person.Zone.Id} (UTC{now.Offset}).");
        prompt.AppendLine(CultureInfo.InvariantCulture, $"Reply in {Texts.Get(language, "Language.ForTheModel")}, the language of their message.");
        prompt.AppendLine(channel == Channels.Sms
            ? $"Channel: SMS. Plain text only, no markdown, at most {Replies.SmsLimit} characters."
            : "Channel: web chat. Short markdown.");
        prompt.AppendLine("Style: brief, warm, plain and adult. End with one clear next step, the first one small enough to do in about two minutes. Never shame: overdue things simply roll over; no guilt, no lectures.");
        prompt.AppendLine("Rules:");
        prompt.AppendLine("- Act with the tools; never claim something was done unless a tool said so. Tools act only for this person.");
        prompt.AppendLine("- For dates and times, pass the person's own words (\"tomorrow at 3pm\") or ISO 8601 to the tools; they resolve them in the person's zone. Do not compute dates yourself. Repeat the time the tool gives back.");
        prompt.AppendLine(channel == Channels.Sms
            ? "- After capturing or changing something, say what was understood and that they can reply UNDO to cancel."
            : "- After capturing or changing something, say what was understood; the app shows an Undo button beside your reply, so do not explain how to undo.");
        prompt.AppendLine("- Create reminders without asking. Confirm before deleting, before changing many things at once, and before events that involve other people; the tools ask for you, so pass their question on.");
        prompt.AppendLine("- When a tool asks a question, ask exactly that and nothing else.");
        prompt.AppendLine("- Use remember when they ask you to remember something. When they mention a lasting fact that would help later (a person's name, a routine, what works for them), call propose_memory once; it asks them first.");
        prompt.AppendLine("- For questions outside their tasks, reminders, notes, calendar, lists and expenses, answer briefly if you can.");
        var preferences = person.Preferences;
        prompt.Append(CultureInfo.InvariantCulture, $"Preferences: {preferences.ReplyStyle} replies; default currency {preferences.DefaultCurrency}");
        if (preferences.QuietHoursStart is { } quietStart && preferences.QuietHoursEnd is { } quietEnd)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"; quiet hours {quietStart:HH\\:mm}–{quietEnd:HH\\:mm}");
        }

        prompt.AppendLine(".");
        if (memories.Count > 0)
        {
            prompt.AppendLine("What they asked you to remember:");
            foreach (var memory in memories)
            {
                prompt.Append("- ").AppendLine(memory);
            }
        }

        return prompt.ToString();
    }

    /// <summary>The memories that share words with the message first, then the newest, up to <see cref="MaxMemories"/>.</summary>
    public static IReadOnlyList<string> Relevant(IReadOnlyList<string> newestFirst, string message)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var words = TextKeys.Words(message).Where(w => w.Length > 3).ToHashSet();
        return newestFirst
            .Select((memory, index) => (memory, index, shared: TextKeys.Words(memory).Count(words.Contains)))
            .OrderByDescending(m => m.shared).ThenBy(m => m.index)
            .Take(MaxMemories).Select(m => m.memory).ToList();
    }
}
