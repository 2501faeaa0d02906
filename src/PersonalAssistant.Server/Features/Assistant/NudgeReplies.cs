using System.ComponentModel;
using System.Globalization;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Reminders;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// One-word replies to a nudge (issue 16): DONE, SNOOZE [minutes], SKIP, SMALLER and FAIT, PLUS TARD [minutes], PASSER,
/// PLUS PETIT, in any case, with or without punctuation. The words live in the lexicons (<see cref="Keywords"/>); the
/// acting is <see cref="ReminderService.ActOnNudgeAsync"/>, which push actions and SMS reuse.
/// </summary>
internal static class NudgeReplies
{
    /// <summary>The command a whole message is, with its minutes for a snooze; null when it is not one.</summary>
    public static (NudgeCommand Command, int? Minutes)? Read(string text, Keywords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var folded = TextKeys.Fold(text ?? string.Empty);
        if (words.NudgeDone.Contains(folded))
        {
            return (NudgeCommand.Done, null);
        }

        if (words.NudgeSkip.Contains(folded))
        {
            return (NudgeCommand.Skip, null);
        }

        if (words.NudgeSmaller.Contains(folded))
        {
            return (NudgeCommand.Smaller, null);
        }

        if (words.NudgeSnooze.Contains(folded))
        {
            return (NudgeCommand.Snooze, null);
        }

        var split = folded.LastIndexOf(' ');
        return split > 0 && words.NudgeSnooze.Contains(folded[..split])
            && int.TryParse(folded[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            ? (NudgeCommand.Snooze, minutes)
            : null;
    }
}

/// <summary>The assistant's tool for replies to nudges, and the nudge as the item "it" is about when it came last.</summary>
internal sealed partial class AssistantTools
{
    [Description("Act on the latest nudge (a reminder that went off and is not answered yet).")]
    public async Task<ToolResult> ActOnNudge(
        [Description("done, snooze, skip (this time only) or smaller (break it into small steps).")] string command,
        [Description("Minutes to snooze (default 10). Optional.")] int? minutes = null,
        CancellationToken cancellationToken = default)
    {
        if (!Enum.TryParse<NudgeCommand>(command, ignoreCase: true, out var what) || !Enum.IsDefined(what) || command.Any(char.IsDigit))
        {
            return ToolResult.Failed(Text("Tools.Nudge.Unknown"));
        }

        if (minutes is { } asked && Invalid(new SnoozeRequest(asked)) is { } invalid)
        {
            return invalid;
        }

        // The item talked about since the latest nudge (or with none pending) is what a bare "done!" means, as before.
        var pending = await reminders.LatestNudgeAsync(Person, cancellationToken);
        if (turn.Last is { } last && (pending is null || pending.Value.NudgedAt <= last.At) && await AboutLastItemAsync(what, last, minutes, cancellationToken) is { } said)
        {
            return said;
        }

        // Nothing waiting: a kind word, and nothing changes.
        if (pending is not { } latest)
        {
            return ToolResult.Success(Text("Tools.Nudge.None"));
        }

        var before = latest.Reminder;
        var result = await reminders.ActOnNudgeAsync(Person, before.Id, what, minutes, cancellationToken);
        if (result.Value is not { } acted)
        {
            return Failed(result.Failure);
        }

        var reminder = acted.Reminder;
        switch (what)
        {
            case NudgeCommand.Snooze:
                var until = FriendlyTime.Describe(reminder.NextAt!.Value, Person);
                await RecordAsync(ActionKinds.ReminderSnoozed, $"{reminder.Text}, {until}", reminder.Id, undoable: false);
                return ToolResult.Success(Text("Tools.Nudge.Snoozed", reminder.Text, until));
            case NudgeCommand.Smaller:
                if (before.TaskId is null && acted.Task is { } made)
                {
                    await RecordAsync(ActionKinds.TaskCreated, made.Title, made.Id);
                }

                foreach (var step in acted.Breakdown!.Subtasks)
                {
                    await RecordAsync(ActionKinds.TaskCreated, step.Title, step.Id);
                }

                return ToolResult.Listing(Text("Tools.Breakdown.Heading", acted.Task!.Title),
                    acted.Breakdown.Steps.Select(s => s.EstimatedMinutes is { } m ? $"{s.Title} (~{m} min)" : s.Title).ToList());
            default:
                // undo puts the reminder back as it was: its status and next time
                var previous = $"{before.Status}|{before.NextAt?.ToString("O", CultureInfo.InvariantCulture)}";
                await RecordAsync(ActionKinds.ReminderAcknowledged, reminder.Text, reminder.Id, previous: previous);
                if (acted is { Task: { } finished, TaskStatusBefore: { } was })
                {
                    await RecordAsync(ActionKinds.TaskCompleted, finished.Title, finished.Id, previous: was); // undone with it
                }

                return ToolResult.Success(Text(what == NudgeCommand.Done ? "Tools.Nudge.Done" : "Tools.Nudge.Skipped", reminder.Text));
        }
    }

    /// <summary>The command applied to the item the conversation is about, through the existing tools; null when it does not fit that item.</summary>
    private async Task<ToolResult?> AboutLastItemAsync(NudgeCommand command, ItemRef last, int? minutes, CancellationToken cancellationToken)
    {
        switch (command, last.Kind)
        {
            case (NudgeCommand.Done, ItemRef.Task):
                var completed = await CompleteTask(cancellationToken: cancellationToken);
                return completed is { Ok: true, Done: { } title } ? ToolResult.Success(Undoable("Reply.Completed", title)) : completed;
            case (NudgeCommand.Snooze, ItemRef.Reminder):
                var snoozed = await SnoozeReminder(minutes, cancellationToken: cancellationToken);
                return snoozed is { Ok: true, Done: { } what } ? ToolResult.Success(Text("Reply.Done", what)) : snoozed;
            default:
                return null;
        }
    }

    /// <summary>
    /// The reminder of the latest unanswered nudge when it came after the item the conversation was about (or there is
    /// none): "snooze that" and "I finished it" then mean the nudge.
    /// </summary>
    private async Task<ReminderResponse?> NudgeReferentAsync(CancellationToken cancellationToken) =>
        await reminders.LatestNudgeAsync(Person, cancellationToken) is { } latest && (turn.Last is null || latest.NudgedAt > turn.Last.At)
            ? latest.Reminder
            : null;
}
