using System.ComponentModel;
using PersonalAssistant.Server.Features.Reminders;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>The assistant's tools for reminders: add, list, snooze.</summary>
internal sealed partial class AssistantTools
{
    [Description("Add a reminder.")]
    public async Task<ToolResult> AddReminder(
        [Description("What to remind the person of.")] string text,
        [Description("When: words (\"in 20 minutes\", \"tomorrow at 9am\", \"every weekday at 8am\") or ISO 8601.")] string when,
        [Description("An RFC 5545 RRULE when it repeats and the time words do not say so. Optional.")] string? repeat = null,
        CancellationToken cancellationToken = default)
    {
        if (AskWhenAmbiguous(ToolNames.AddReminder, "when", when, new() { ["text"] = text, ["when"] = when, ["repeat"] = repeat }) is { } question)
        {
            return question;
        }

        var request = new CreateReminderRequest(text, when, RRule: repeat);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await reminders.CreateAsync(Person, request, cancellationToken);
        if (result.Value is not { } reminder)
        {
            return Failed(result.Failure);
        }

        var at = reminder.NextAt is { } next ? $", {FriendlyTime.Describe(next, Person)}" : string.Empty;
        var repeats = reminder.RRule is null ? string.Empty : Text("Tools.Reminders.Repeating");
        var done = await DidAsync(ActionKinds.ReminderCreated, $"{reminder.Text}{at}{repeats}", reminder.Id);
        return done with { Note = SkippedNote(when, reminder.NextAt) };
    }

    [Description("List upcoming reminders.")]
    public async Task<ToolResult> ListReminders(CancellationToken cancellationToken = default)
    {
        var page = (await reminders.ListAsync(Person, new ReminderQuery { PageSize = 10 }, cancellationToken)).Value!;
        var lines = page.Items.Where(r => r.NextAt is not null)
            .Select(r => $"{r.Text} ({FriendlyTime.Describe(r.NextAt!.Value, Person)})").ToList();
        return ToolResult.Listing(lines.Count == 0 ? Text("Tools.Reminders.None") : Text("Tools.Reminders.Heading"), lines);
    }

    [Description("Snooze a reminder.")]
    public async Task<ToolResult> SnoozeReminder(
        [Description("Minutes to push it back (default 10).")] int? minutes = null,
        [Description("The reminder's words; the latest delivered one when omitted.")] string? reminder = null,
        CancellationToken cancellationToken = default)
    {
        var candidates = await reminders.SnoozeCandidatesAsync(Person, 200, cancellationToken);
        var target = string.IsNullOrWhiteSpace(reminder)
            ? await NudgeReferentAsync(cancellationToken) ?? SnoozeTarget(candidates)
            : ToolMatching.Best(candidates, r => r.Text, reminder) is [var named, ..] ? named : null;
        if (target is null)
        {
            return ToolResult.Failed(Text("Tools.Reminders.NotFound"));
        }

        var request = new SnoozeRequest(minutes ?? 10);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await reminders.SnoozeAsync(Person, target.Id, request, cancellationToken);
        return result.Value is { } snoozed
            ? await DidAsync(ActionKinds.ReminderSnoozed, $"{snoozed.Text}, {FriendlyTime.Describe(snoozed.NextAt!.Value, Person)}", snoozed.Id, undoable: false)
            : Failed(result.Failure);
    }

    /// <summary>
    /// The reminder a "snooze that" is about: the one the conversation is about, else the latest that went off, else
    /// the next one due within the hour.
    /// </summary>
    private ReminderResponse? SnoozeTarget(IReadOnlyList<ReminderResponse> candidates)
    {
        var soon = time.GetUtcNow().AddHours(1);
        return (turn.Last is { Kind: ItemRef.Reminder } last ? candidates.FirstOrDefault(r => r.Id == last.Id) : null)
            ?? candidates.FirstOrDefault(r => r.Status is ReminderStatuses.Delivered or ReminderStatuses.Snoozed)
            ?? candidates.Where(r => r.NextAt is { } next && next <= soon).OrderBy(r => r.NextAt).FirstOrDefault();
    }
}
