using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The assistant's tools for changing what exists (issue 15): move an item to a new time or by some minutes, delete
/// it after a yes, add more to the list just used. The item is found by its words across tasks, reminders, events
/// and notes, or is the one the conversation is about ("it", "ça"); when two fit, the person picks one.
/// </summary>
internal sealed partial class AssistantTools
{
    private static readonly JsonSerializerOptions UndoJson = new(JsonSerializerDefaults.Web);

    [Description("Move one of the person's tasks, reminders or events to a new time, or by some minutes. Keeps the time of day when only a day is given.")]
    public async Task<ToolResult> UpdateItem(
        [Description("The item's words (\"the dentist\"); omit for the item just talked about (\"it\").")] string? item = null,
        [Description("The new time: words (\"friday\", \"3pm\") or ISO 8601. Omit when shifting.")] string? when = null,
        [Description("Minutes to move it by instead (negative: earlier).")] int? shiftMinutes = null,
        [Description("task, reminder or event, when the person said which. Optional.")] string? kind = null,
        [Description("True when only a time of day was said: the item keeps its day.")] bool keepDay = false,
        [Description("True when only a day was said: the item keeps its time of day.")] bool keepTime = false,
        [Description("Other readings of a time without am/pm (ISO 8601): the one nearest the item's time is taken. Optional.")] IReadOnlyList<string>? alternatives = null,
        [Description("A new name for the item, when it is renamed. Optional.")] string? title = null,
        [Description("A task's new priority: low, medium or high. Optional.")] string? priority = null,
        [Description("A task to add instead when nothing matches a new priority. Optional.")] string? otherwise = null,
        CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(title) || !string.IsNullOrWhiteSpace(priority))
        {
            return await EditItemAsync(item, kind, title, priority, otherwise, cancellationToken);
        }

        var arguments = new Dictionary<string, object?>
        {
            ["when"] = when,
            ["shiftMinutes"] = shiftMinutes,
            ["kind"] = kind,
            ["keepDay"] = keepDay,
            ["keepTime"] = keepTime,
            ["alternatives"] = alternatives,
        };
        if (string.IsNullOrWhiteSpace(item) && turn.Last is null && shiftMinutes is not null
            && SnoozeTarget(await reminders.SnoozeCandidatesAsync(Person, 200, cancellationToken)) is { } due)
        {
            item = $"{ItemRef.Reminder}:{due.Id}"; // "reporte ça de 10 minutes": the reminder that just went off
        }

        var (found, problem) = await FindItemAsync(item, kind, ToolNames.UpdateItem, arguments, [ItemRef.Task, ItemRef.Reminder, ItemRef.Event], cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        if (NewTime(found, when, shiftMinutes, keepDay, keepTime, alternatives) is not { } moment)
        {
            return ToolResult.Failed(Text("Tools.Change.NoTime"));
        }

        var value = moment.ToString();
        string? previous;
        Common.Failure? failure;
        switch (found.Kind)
        {
            case ItemRef.Task:
                previous = found.Due ?? string.Empty;
                failure = (await tasks.UpdateAsync(Person, found.Id, new UpdateTaskRequest(Due: value), cancellationToken)).Failure;
                break;
            case ItemRef.Reminder:
                previous = found.At?.ToString("o", CultureInfo.InvariantCulture);
                failure = (await reminders.UpdateAsync(Person, found.Id, new UpdateReminderRequest(When: value), cancellationToken)).Failure;
                break;
            default:
                previous = found.At?.ToString("o", CultureInfo.InvariantCulture);
                failure = (await events.UpdateAsync(Person, found.Id, new UpdateEventRequest(Start: value), cancellationToken)).Failure;
                break;
        }

        if (failure is not null)
        {
            return Failed(failure);
        }

        var said = Undoable("Tools.Change.Moved", found.Title, FriendlyTime.Describe(moment, Person));
        await RecordAsync(ActionKinds.ItemUpdated, Clip(found.Title, 300), found.Id, previous: UndoNote(found.Kind, previous));
        turn.Last = new ItemRef(found.Kind, found.Id, found.Title, time.GetUtcNow());
        return ToolResult.Success(said);
    }

    [Description("Delete one of the person's tasks, reminders, events or notes (a repeating reminder stops). Asks the person to confirm first.")]
    public async Task<ToolResult> DeleteItem(
        [Description("The item's words; omit for the item just talked about.")] string? item = null,
        [Description("task, reminder, event or note, when the person said which. Optional.")] string? kind = null,
        [Description("A task to add instead when nothing matches (\"cancel the gym membership\" may be a thing to do). Optional.")] string? otherwise = null,
        [Description("The day the item is on (YYYY-MM-DD), when the person said it (\"the dentist on friday\"). Optional.")] string? on = null,
        CancellationToken cancellationToken = default)
    {
        var arguments = new Dictionary<string, object?> { ["kind"] = kind };
        var day = DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDay) ? parsedDay : (DateOnly?)null;
        var (found, problem) = await FindItemAsync(item, kind, ToolNames.DeleteItem, arguments, [ItemRef.Task, ItemRef.Reminder, ItemRef.Event, ItemRef.Note], cancellationToken, day);
        if (found is null)
        {
            return otherwise is { Length: > 0 } && problem is { Ok: false } ? await AddTask(otherwise, cancellationToken: cancellationToken) : problem!;
        }

        if (!turn.Confirmed)
        {
            return AskToConfirm(ToolNames.DeleteItem, new() { ["item"] = $"{found.Kind}:{found.Id}" }, Text($"Tools.Change.ConfirmDelete.{found.Kind}", found.Title));
        }

        var (outcome, restore) = found.Kind switch
        {
            ItemRef.Task => (await tasks.DeleteAsync(Person, found.Id, cancellationToken), JsonSerializer.Serialize(new Restorable(found.Kind, found.Title, found.Due), UndoJson)),
            ItemRef.Reminder => (await reminders.DeleteAsync(Person, found.Id, cancellationToken),
                JsonSerializer.Serialize(new Restorable(found.Kind, found.Title, found.Anchor ?? found.At?.ToString("o", CultureInfo.InvariantCulture), found.Rule), UndoJson)),
            ItemRef.Event => (await events.DeleteAsync(Person, found.Id, cancellationToken),
                found.Rule is null ? JsonSerializer.Serialize(new Restorable(found.Kind, found.Title, found.Start, null, found.Minutes), UndoJson) : null),
            _ => (await notes.DeleteAsync(Person, found.Id, cancellationToken), null),
        };
        if (!outcome.Succeeded)
        {
            return Failed(outcome.Failure);
        }

        var undoable = restore is { Length: <= 200 };
        await RecordAsync(ActionKinds.ItemDeleted, Clip(found.Title, 300), found.Id, previous: undoable ? restore : null, undoable: undoable);
        turn.Last = null;
        return ToolResult.Success(undoable ? Undoable($"Tools.Change.Deleted.{found.Kind}", found.Title) : Text($"Tools.Change.DeletedForGood.{found.Kind}", found.Title));
    }

    [Description("Add more items to the list the person just added to (\"and eggs too\").")]
    public async Task<ToolResult> AddMore(
        [Description("The items.")] IReadOnlyList<string> items,
        CancellationToken cancellationToken = default)
    {
        if (turn.Last is not { Kind: ItemRef.List, ContainerId: { } listId })
        {
            return ToolResult.Failed(Text("Tools.Change.NothingReferred"));
        }

        var name = (await lists.ListAsync(Person, cancellationToken)).FirstOrDefault(l => l.Id == listId)?.Name;
        return await AddToList(items, name, cancellationToken);
    }

    /// <summary>What undo needs to put a change back: the kind and the previous value.</summary>
    private static string UndoNote(string kind, string? previous) => JsonSerializer.Serialize(new Restorable(kind, null, previous), UndoJson);

    /// <summary>
    /// The new time: a shift from the item's time (from now for a reminder that already went off); or the time said,
    /// on the item's day when only a time was said (an hour without am/pm read nearest the item's time), at the
    /// item's time of day when only a day was said.
    /// </summary>
    private Moment? NewTime(Candidate item, string? when, int? shiftMinutes, bool keepDay, bool keepTime, IReadOnlyList<string>? alternatives)
    {
        var zone = Person.Zone;
        var now = Person.Now.ToInstant();
        var old = item.At is { } at ? Instant.FromDateTimeOffset(at).InZone(zone) : (ZonedDateTime?)null;
        if (shiftMinutes is { } minutes and not 0)
        {
            var from = old is { } o && !(item.Kind == ItemRef.Reminder && (item.WentOff || o.ToInstant() < now)) ? o.ToInstant() : now;
            return item.Kind == ItemRef.Task && old is null && item.Date is null ? null : Moment.At(from.Plus(Duration.FromMinutes(minutes)).InZone(zone));
        }

        if (string.IsNullOrWhiteSpace(when) || ReadTime(when) is not { } parsed)
        {
            return null;
        }

        var readings = (alternatives ?? []).Select(ReadTime).Where(r => r is not null).Select(r => r!.When).ToList();
        if (readings.Count > 1)
        {
            parsed = parsed with { Ambiguous = true, Alternatives = readings };
        }

        var said = parsed.When;
        var oldDate = old?.Date ?? (item.Date is { } d ? LocalDate.FromDateOnly(d) : (LocalDate?)null);
        if (keepDay && said.Instant is { } clock && oldDate is { } day)
        {
            var clocks = new[] { said }.Concat(parsed.Ambiguous ? parsed.Alternatives : []).Where(m => m.Instant is not null).Select(m => m.Instant!.Value.TimeOfDay).Distinct().ToList();
            var chosen = old is { } was ? clocks.OrderBy(c => Math.Abs(Period.Between(was.TimeOfDay, c, PeriodUnits.Minutes).Minutes)).First() : clock.TimeOfDay;
            return Moment.At(day + chosen, zone);
        }

        if (keepTime && !said.HasTime && old is { } keep)
        {
            return Moment.At(said.Date + keep.TimeOfDay, zone);
        }

        return parsed.Ambiguous && old is { } near && parsed.Alternatives.Count > 0
            ? parsed.Alternatives.Where(a => a.Instant is not null).OrderBy(a => Math.Abs((a.Instant!.Value.ToInstant() - near.ToInstant()).TotalMinutes)).First()
            : said;
    }

    /// <summary>
    /// The item the words name (or the one the conversation is about when there are none), of the kinds allowed;
    /// a question when several fit equally, a refusal when none does.
    /// </summary>
    private async Task<(Candidate? Item, ToolResult? Problem)> FindItemAsync(
        string? words, string? kind, string tool, Dictionary<string, object?> arguments, string[] kinds, CancellationToken cancellationToken, DateOnly? on = null)
    {
        var allowed = kind is { Length: > 0 } && kinds.Contains(kind) ? [kind] : kinds;
        if (words is { } direct && direct.Split(':') is [var k, var raw] && allowed.Contains(k) && Guid.TryParse(raw, out var id))
        {
            var byId = (await CandidatesAsync([k], cancellationToken)).FirstOrDefault(c => c.Id == id);
            return byId is null ? (null, ToolResult.Failed(Text("Tools.Change.Gone"))) : (byId, null);
        }

        if (string.IsNullOrWhiteSpace(words))
        {
            if (turn.Last is { } last && allowed.Contains(last.Kind))
            {
                var current = (await CandidatesAsync([last.Kind], cancellationToken)).FirstOrDefault(c => c.Id == last.Id);
                return current is null ? (null, ToolResult.Failed(Text("Tools.Change.Gone"))) : (current, null);
            }

            return (null, ToolResult.Failed(Text("Tools.Change.NothingReferred")));
        }

        var candidates = await CandidatesAsync(allowed, cancellationToken);
        if (on is { } day && candidates.Where(c => OnDay(c, day)).ToList() is { Count: > 0 } thatDay
            && ToolMatching.Best(thatDay, c => c.Title, words).Count > 0)
        {
            candidates = thatDay; // "delete the dentist on friday" when two dentists exist
        }

        var best = ToolMatching.Best(candidates, c => c.Title, words);
        switch (best.Count)
        {
            case 0:
                return (null, ToolResult.Failed(Text("Tools.Change.NoMatch", words)));
            case 1:
                return (best[0], null);
            default:
                var options = best.Take(3).ToList();
                var lines = options.Select((c, i) => $"{i + 1}. {Describe(c)}");
                var question = Text("Tools.Change.Which", string.Join("\n", lines));
                turn.Pending = new PendingQuestion(PendingQuestion.Choose, tool, Serialize(arguments), question, time.GetUtcNow() + QuestionLifetime,
                    "item", options.Select(c => ChangeAnswers.Option(c.Kind, c.Id, c.Title)).ToList());
                return (null, ToolResult.Ask(question));
        }
    }

    private string Describe(Candidate item) =>
        item.At is { } at ? $"{item.Title} ({FriendlyTime.Describe(at, Person)})"
        : item.Date is { } date ? $"{item.Title} ({FriendlyTime.Describe(date, Person)})" : item.Title;

    /// <summary>The person's open tasks, reminders in play, events of the coming months and notes, as the tools match them.</summary>
    private async Task<List<Candidate>> CandidatesAsync(IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        var found = new List<Candidate>();
        if (kinds.Contains(ItemRef.Task))
        {
            found.AddRange((await tasks.OpenAsync(Person, 500, cancellationToken))
                .Select(t => new Candidate(ItemRef.Task, t.Id, t.Title, t.DueAt, t.DueDate) { Due = t.DueAt?.ToString("o", CultureInfo.InvariantCulture) ?? t.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        }

        if (kinds.Contains(ItemRef.Reminder))
        {
            found.AddRange((await reminders.SnoozeCandidatesAsync(Person, 200, cancellationToken))
                .Where(r => r.Status != ReminderStatuses.Cancelled)
                .Select(r => new Candidate(ItemRef.Reminder, r.Id, r.Text, r.NextAt, null)
                {
                    WentOff = r.Status is ReminderStatuses.Delivered or ReminderStatuses.Snoozed,
                    Rule = r.RRule,
                    Anchor = r.When,
                }));
        }

        if (kinds.Contains(ItemRef.Event))
        {
            var from = time.GetUtcNow().AddDays(-1);
            var occurrences = (await events.ListAsync(Person, from, from.AddDays(365), cancellationToken)).Value ?? [];
            found.AddRange(occurrences.GroupBy(o => o.EventId).Select(g => g.First()).Select(o =>
            {
                var start = DateTimeOffset.Parse(o.Start, CultureInfo.InvariantCulture);
                var end = DateTimeOffset.Parse(o.End, CultureInfo.InvariantCulture);
                return new Candidate(ItemRef.Event, o.EventId, o.Title, start, null) { Start = o.Start, Minutes = (int)(end - start).TotalMinutes, Rule = o.Repeats ? string.Empty : null };
            }));
        }

        if (kinds.Contains(ItemRef.Note))
        {
            var page = (await notes.ListAsync(Person, new NoteQuery { PageSize = 100 }, cancellationToken)).Value;
            found.AddRange((page?.Items ?? []).Select(n => new Candidate(ItemRef.Note, n.Id, n.Title, null, null)));
        }

        return found;
    }

    /// <summary>An item a change may be about, with what is needed to change it and to put it back.</summary>
    private sealed record Candidate(string Kind, Guid Id, string Title, DateTimeOffset? At, DateOnly? Date)
    {
        public string? Due { get; init; }

        public bool WentOff { get; init; }

        public string? Rule { get; init; }

        public string? Anchor { get; init; }

        public string? Start { get; init; }

        public int? Minutes { get; init; }
    }
}

/// <summary>What undo keeps of a changed or deleted item: its kind, title, previous time, rule and length.</summary>
internal sealed record Restorable(string Kind, string? Title, string? When, string? Rule = null, int? Minutes = null)
{
    /// <summary>A task's previous priority, when the change was one of priority.</summary>
    public string? Priority { get; init; }
}
