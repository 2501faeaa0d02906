using System.Security.Claims;
using System.Text.Json;
using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// One turn of a conversation as the tools see it: who is speaking (from the signed-in session or the verified
/// phone, never from the model), in which language and channel, what the assistant did so far and the question it
/// leaves open.
/// </summary>
internal sealed class TurnContext(PersonNow person, Guid conversationId, long turnMessageId, string channel, string language)
{
    public PersonNow Person { get; } = person;

    /// <summary>The person as the feature handlers expect them, built from <see cref="Person"/> only.</summary>
    public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity([new Claim(CurrentUser.UserIdClaim, person.UserId.ToString())], "assistant"));

    public Guid ConversationId { get; } = conversationId;

    public long TurnMessageId { get; } = turnMessageId;

    public string Channel { get; } = channel;

    /// <summary>"en" or "fr": the language of the person's message.</summary>
    public string Language { get; } = language;

    public List<ActionTaken> Actions { get; } = [];

    /// <summary>The question this turn leaves open (a confirmation or a clarification), saved on the conversation.</summary>
    public PendingQuestion? Pending { get; set; }

    /// <summary>The item the conversation is about ("it", "ça"): kept with the conversation between turns.</summary>
    public ItemRef? Last { get; set; }

    /// <summary>True while carrying out something the person has just confirmed with "yes".</summary>
    public bool Confirmed { get; set; }

    /// <summary>Called as each action is taken, to stream it to the person's open sessions.</summary>
    public Func<ActionTaken, Task> OnAction { get; init; } = _ => Task.CompletedTask;

}

/// <summary>What the assistant did, as stored with its reply and sent to the web app.</summary>
/// <param name="Kind">task.created, reminder.created, list-item.added, ... (see the API guide).</param>
/// <param name="Summary">What was understood, in the person's words ("call mom, tomorrow 3:00 PM").</param>
/// <param name="EntityId">The task, reminder, note, event, item, expense or memory it concerns.</param>
internal sealed record ActionTaken(string Kind, string Summary, Guid EntityId);

/// <summary>
/// A question the assistant asked and the tool call that waits on its answer: "confirm" (yes/no) or "clarify"
/// (which of the <see cref="Alternatives"/> the person meant for the time argument <see cref="Field"/>).
/// </summary>
internal sealed record PendingQuestion(
    string Kind, string Tool, Dictionary<string, JsonElement> Arguments, string Question, DateTimeOffset ExpiresAt,
    string? Field = null, IReadOnlyList<string>? Alternatives = null, string? Repeat = null)
{
    public const string Confirm = "confirm";
    public const string Clarify = "clarify";

    /// <summary>Which of the items in <see cref="Alternatives"/> the person meant (issue 15).</summary>
    public const string Choose = "choose";
}

/// <summary>
/// What a tool answers: done (with the echo of what was understood), a question for the person, a listing, or a
/// short error. The model reads it as JSON; the offline engine writes its reply from it. <see cref="Note"/> is a
/// sentence for the model to pass on with the echo (a time moved out of a clock-change gap); the offline engine says
/// the same from its own reading of the message.
/// </summary>
internal sealed record ToolResult(bool Ok, string? Done = null, string? Question = null, IReadOnlyList<string>? Lines = null, string? Error = null, string? Note = null)
{
    public static ToolResult Success(string done) => new(true, Done: done);

    public static ToolResult Listing(string heading, IReadOnlyList<string> lines) => new(true, Done: heading, Lines: lines);

    public static ToolResult Ask(string question) => new(true, Question: question);

    public static ToolResult Failed(string error) => new(false, Error: error);
}

/// <summary>
/// Dates and times as a reply says them, in the person's language ("today 3:00 PM", "Friday", "Mar 11"; "demain 15:00"):
/// the words and the date patterns come from the message catalog.
/// </summary>
internal static class FriendlyTime
{
    public static string Describe(DateTimeOffset instant, PersonNow person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var local = Instant.FromDateTimeOffset(instant).InZone(person.Zone).LocalDateTime;
        var time = local.ToString(Texts.Get(person.Locale, "Time.ClockPattern"), Texts.CultureOf(person.Locale));
        return $"{Day(local.Date, person)} {time}";
    }

    public static string Describe(DateOnly date, PersonNow person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Day(LocalDate.FromDateOnly(date), person);
    }

    public static string Describe(Moment moment, PersonNow person) =>
        moment.Instant is { } at ? Describe(at.ToInstant().ToDateTimeOffset(), person) : Describe(moment.Date.ToDateOnly(), person);

    private static string Day(LocalDate date, PersonNow person)
    {
        var locale = person.Locale;
        var culture = Texts.CultureOf(locale);
        return Period.Between(person.Today, date, PeriodUnits.Days).Days switch
        {
            0 => Texts.Get(locale, "Time.Today"),
            1 => Texts.Get(locale, "Time.Tomorrow"),
            > 1 and < 7 => date.ToString("dddd", culture),
            _ when date.Year == person.Today.Year => date.ToString(Texts.Get(locale, "Time.DayPattern"), culture),
            _ => date.ToString(Texts.Get(locale, "Time.DayWithYearPattern"), culture),
        };
    }
}
