using Microsoft.EntityFrameworkCore;
using NodaTime;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>A one-word reply to a nudge: DONE, SNOOZE [minutes], SKIP, SMALLER (FAIT, PLUS TARD, PASSER, PLUS PETIT).</summary>
internal enum NudgeCommand
{
    Done,
    Snooze,
    Skip,
    Smaller,
}

/// <summary>What a reply to a nudge did.</summary>
/// <param name="Command">The reply.</param>
/// <param name="Reminder">The reminder as it is now.</param>
/// <param name="Task">For SMALLER, the task the steps were saved under; for DONE, the linked task it finished.</param>
/// <param name="Breakdown">For SMALLER, the steps saved as subtasks of <paramref name="Task"/>.</param>
/// <param name="TaskStatusBefore">When DONE finished the linked task: its status before, for undo.</param>
internal sealed record NudgeResponse(
    NudgeCommand Command, ReminderResponse Reminder, TaskResponse? Task = null, BreakdownResponse? Breakdown = null, string? TaskStatusBefore = null);

/// <summary>
/// Replies to nudges (issue 16), for every channel that carries them: the web chat today, push actions and SMS later.
/// "The last nudge" is the person's most recent nudge not acted on yet (<see cref="Reminder.LastNudgeAt"/>: set when
/// the dispatcher sends one, cleared when the person acts on the reminder in any way).
/// </summary>
internal sealed partial class ReminderService
{
    /// <summary>Minutes a SNOOZE without a number pushes the reminder back (the assistant's snooze default).</summary>
    public const int DefaultSnoozeMinutes = 10;

    /// <summary>The person's most recent nudge not acted on yet, if any: the reminder it was about and when it was sent.</summary>
    public async Task<(ReminderResponse Reminder, DateTimeOffset NudgedAt)?> LatestNudgeAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var latest = await db.Reminders.AsNoTracking()
            .Where(r => r.UserId == person.UserId && r.LastNudgeAt != null && r.Status != ReminderStatuses.Cancelled)
            .OrderByDescending(r => r.LastNudgeAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : (Describe(latest, Instant.FromDateTimeOffset(time.GetUtcNow()), upcoming: false), latest.LastNudgeAt!.Value);
    }

    /// <summary>
    /// Acts on a nudge: on the reminder <paramref name="reminderId"/> (a push action names it), or on the latest nudge
    /// not acted on yet when null (a reply in the chat or by SMS). DONE and SKIP acknowledge this occurrence (a
    /// one-off is done, a series keeps its next time); SNOOZE asks again in <paramref name="minutes"/> (default
    /// <see cref="DefaultSnoozeMinutes"/>); SMALLER breaks the linked task into small steps saved as subtasks, or
    /// first makes the reminder's words a task linked to it. DONE on a one-off reminder linked to an open task finishes
    /// the task too (the person did the thing; a series' occurrence is not the whole task, and SKIP did nothing). Not
    /// found when there is no such nudge.
    /// </summary>
    public async Task<Outcome<NudgeResponse>> ActOnNudgeAsync(
        PersonNow person, Guid? reminderId, NudgeCommand command, int? minutes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        Guid id;
        if (reminderId is { } named)
        {
            id = named;
        }
        else if (await LatestNudgeAsync(person, cancellationToken) is { } latest)
        {
            id = latest.Reminder.Id;
        }
        else
        {
            return Failure.NotFound(person.Locale, "Reminders.NoNudge");
        }

        switch (command)
        {
            case NudgeCommand.Snooze:
                var snoozed = await SnoozeAsync(person, id, new SnoozeRequest(minutes ?? DefaultSnoozeMinutes), cancellationToken);
                return snoozed.Value is { } s ? new NudgeResponse(command, s) : snoozed.Failure!;
            case NudgeCommand.Smaller:
                return await SmallerAsync(person, id, cancellationToken);
            default:
                var answered = await AnswerOccurrenceAsync(person, id, cancellationToken);
                if (answered.Value is not { } a)
                {
                    return answered.Failure!;
                }

                if (command == NudgeCommand.Done && a.RRule is null && a.TaskId is { } taskId
                    && (await tasks.GetAsync(person, taskId, cancellationToken)).Value is { Status: TaskStatuses.Open or TaskStatuses.InProgress } open
                    && (await tasks.CompleteAsync(person, taskId, cancellationToken)).Value is { } finished)
                {
                    return new NudgeResponse(command, a, finished, TaskStatusBefore: open.Status);
                }

                return new NudgeResponse(command, a);
        }
    }

    /// <summary>
    /// DONE or SKIP: the occurrence nudged about needs nothing more. A one-off is acknowledged; a series keeps its next
    /// occurrence (the dispatcher moved it there already), or goes back to its rule when the nudge was a snoozed or held
    /// repeat of the occurrence.
    /// </summary>
    private async Task<Outcome<ReminderResponse>> AnswerOccurrenceAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == id && r.UserId == person.UserId, cancellationToken);
        if (reminder is null)
        {
            return NotFound(person);
        }

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        if (reminder.RRule is null)
        {
            reminder.Status = ReminderStatuses.Acknowledged;
            reminder.NextAt = null;
        }
        else if (reminder.Status is ReminderStatuses.Snoozed or ReminderStatuses.Held)
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(reminder.TimeZone) ?? DateTimeZone.Utc;
            var anchor = Recurrences.AnchorPattern.Parse(reminder.AnchorLocal).Value;
            reminder.NextAt = Recurrences.Next(reminder.RRule, anchor, zone, now)?.ToDateTimeOffset();
            reminder.Status = reminder.NextAt is null ? ReminderStatuses.Acknowledged : ReminderStatuses.Scheduled;
        }

        reminder.UpdatedAt = now.ToDateTimeOffset();
        ActedOn(reminder);
        await db.SaveChangesAsync(cancellationToken);
        return Describe(reminder, now, upcoming: true);
    }

    /// <summary>Puts a reminder back as it was before a DONE or SKIP (undo), if it has not changed since.</summary>
    public async Task<Outcome<ReminderResponse>> RestoreAsync(PersonNow person, Guid id, string status, DateTimeOffset? nextAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == id && r.UserId == person.UserId, cancellationToken);
        if (reminder is null)
        {
            return NotFound(person);
        }

        reminder.Status = status;
        reminder.NextAt = nextAt;
        reminder.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Describe(reminder, Instant.FromDateTimeOffset(reminder.UpdatedAt), upcoming: true);
    }

    private async Task<Outcome<NudgeResponse>> SmallerAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == id && r.UserId == person.UserId, cancellationToken);
        if (reminder is null)
        {
            return NotFound(person);
        }

        TaskResponse? task = null;
        if (reminder.TaskId is { } taskId && (await tasks.GetAsync(person, taskId, cancellationToken)).Value is { } linked)
        {
            task = linked;
        }
        else
        {
            var title = reminder.Text.Length > TaskItemConfiguration.MaxTitleLength ? reminder.Text[..TaskItemConfiguration.MaxTitleLength] : reminder.Text;
            var created = await tasks.CreateAsync(person, new CreateTaskRequest(title), cancellationToken);
            if (created.Value is not { } newTask)
            {
                return created.Failure!;
            }

            task = newTask;
            reminder.TaskId = newTask.Id;
        }

        var breakdown = await tasks.BreakDownAsync(person, task.Id, new BreakdownRequest(Apply: true), cancellationToken);
        if (breakdown.Value is not { } steps)
        {
            return breakdown.Failure!;
        }

        reminder.UpdatedAt = time.GetUtcNow();
        ActedOn(reminder);
        await db.SaveChangesAsync(cancellationToken);
        return new NudgeResponse(NudgeCommand.Smaller, Describe(reminder, Instant.FromDateTimeOffset(reminder.UpdatedAt), upcoming: true), task, steps);
    }

    /// <summary>The person did something with the reminder: its latest nudge is answered, and nudges resume if they were paused.</summary>
    private static void ActedOn(Reminder reminder)
    {
        reminder.IgnoredNudges = 0;
        reminder.LastNudgeId = null;
        reminder.LastNudgeAt = null;
    }
}
