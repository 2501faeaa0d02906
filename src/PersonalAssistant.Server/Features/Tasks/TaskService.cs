using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// The tasks feature's public API, for its endpoints, the assistant's tools, undo, jobs and text commands alike.
/// Every method takes the person it acts for, checks its own input, scopes every statement to that person (another
/// person's id is not found) and answers an <see cref="Outcome{T}"/> whose texts are in the person's language.
/// This is the slice to copy when a feature gets its service (see CONTRIBUTING.md).
/// </summary>
internal sealed class TaskService(AppDbContext db, LanguageEngine engine, TaskBreakdown breakdown, TimeProvider time)
{
    /// <summary>Top-level tasks (or one task's steps), filtered and paged.</summary>
    public async Task<Outcome<Paged<TaskResponse>>> ListAsync(PersonNow person, TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(query);
        if (Failure.Check(query, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var (page, size, skip) = query.Resolve();
        var words = string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim().ToUpperInvariant();
        var tag = string.IsNullOrWhiteSpace(query.Tag) ? null : query.Tag.Trim();
        var arguments = new TaskListQuery.Arguments(
            person.UserId, query.Parent, query.Status, tag, words, person.TodayDate, person.Now.ToInstant().ToDateTimeOffset(), skip, size);
        var (rows, total) = await TaskListQuery.ReadAsync(db, query.View, arguments, cancellationToken);
        var found = new Paged<TaskRow>(rows, page, size, total);
        return found.Map(row => TaskResponse.From(row.Task, person, new StepCounts(row.Steps, row.StepsDone)));
    }

    /// <summary>Open tasks (steps after top-level ones, soonest due first), for finding one by its words.</summary>
    public async Task<IReadOnlyList<TaskResponse>> OpenAsync(PersonNow person, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var open = await db.Tasks.AsNoTracking()
            .Where(t => t.UserId == person.UserId && t.Status != TaskStatuses.Done && t.Status != TaskStatuses.Skipped)
            .OrderBy(t => t.ParentId != null).ThenBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.CreatedAt)
            .Take(Math.Clamp(limit, 1, 500))
            .ToListAsync(cancellationToken);
        return [.. open.Select(t => TaskResponse.From(t, person))];
    }

    /// <summary>The person's unfinished tasks due on one day (their calendar day), the timed ones first by time.</summary>
    public async Task<IReadOnlyList<TaskResponse>> DueOnAsync(PersonNow person, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var due = await db.Tasks.AsNoTracking()
            .Where(t => t.UserId == person.UserId && t.Status != TaskStatuses.Done && t.Status != TaskStatuses.Skipped && t.DueDate == day)
            .OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        return [.. due.Select(t => TaskResponse.From(t, person))];
    }

    /// <summary>Unfinished tasks due on or before <paramref name="day"/> (the ones that rolled over first), for the briefing and the evening review.</summary>
    public async Task<IReadOnlyList<TaskResponse>> DueThroughAsync(PersonNow person, DateOnly day, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var due = await db.Tasks.AsNoTracking()
            .Where(t => t.UserId == person.UserId && (t.Status == TaskStatuses.Open || t.Status == TaskStatuses.InProgress) && t.DueDate <= day)
            .OrderBy(t => t.DueDate).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .Take(Math.Clamp(limit, 1, 200))
            .ToListAsync(cancellationToken);
        return [.. due.Select(t => TaskResponse.From(t, person))];
    }

    /// <summary>Tasks (and steps) completed in [<paramref name="from"/>, <paramref name="to"/>), in the order they were done.</summary>
    public async Task<IReadOnlyList<TaskResponse>> DoneBetweenAsync(PersonNow person, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var done = await db.Tasks.AsNoTracking()
            .Where(t => t.UserId == person.UserId && t.Status == TaskStatuses.Done && t.CompletedAt >= from && t.CompletedAt < to)
            .OrderBy(t => t.CompletedAt)
            .Take(Math.Clamp(limit, 1, 200))
            .ToListAsync(cancellationToken);
        return [.. done.Select(t => TaskResponse.From(t, person))];
    }

    public async Task<Outcome<TaskResponse>> CreateAsync(PersonNow person, CreateTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        DateOnly? dueDate = null;
        DateTimeOffset? dueAt = null;
        if (request.Due is { } due && !TaskDue.TryParse(due, person, engine, out dueDate, out dueAt, out var error))
        {
            return Failure.Invalid(person.Locale, new Dictionary<string, string[]>(StringComparer.Ordinal) { ["due"] = [error!] });
        }

        var position = 0;
        if (request.ParentId is { } parentId)
        {
            var siblings = await db.Tasks.Where(t => t.UserId == person.UserId && t.ParentId == parentId).CountAsync(cancellationToken);
            if (!await db.Tasks.AnyAsync(t => t.Id == parentId && t.UserId == person.UserId && t.ParentId == null, cancellationToken))
            {
                return Failure.Invalid(person.Locale, "parentId", "Tasks.NoSuchParent");
            }

            if (siblings >= TaskRules.MaxSubtasks)
            {
                return Failure.Invalid(person.Locale, "parentId", "Tasks.TooManySubtasks", TaskRules.MaxSubtasks);
            }

            position = siblings;
        }

        var now = time.GetUtcNow();
        var task = new TaskItem
        {
            UserId = person.UserId,
            ParentId = request.ParentId,
            Position = position,
            Title = request.Title.Trim(),
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes,
            DueDate = dueDate,
            DueAt = dueAt,
            Priority = request.Priority ?? TaskPriorities.Medium,
            Tags = Tags.Clean(request.Tags),
            EstimatedMinutes = request.EstimatedMinutes,
            Energy = request.Energy,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return TaskResponse.From(task, person);
    }

    /// <summary>Whether the person has this task (another person's task does not exist for them).</summary>
    public Task<bool> ExistsAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return db.Tasks.AnyAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
    }

    public async Task<Outcome<TaskResponse>> GetAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
        return task is null ? NotFound(person) : TaskResponse.From(task, person, await TaskSteps.OfAsync(db, task, cancellationToken));
    }

    public async Task<Outcome<TaskResponse>> UpdateAsync(PersonNow person, Guid id, UpdateTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
        if (task is null)
        {
            return NotFound(person);
        }

        if (request.Due is { } due)
        {
            if (!TaskDue.TryParse(due, person, engine, out var dueDate, out var dueAt, out var error))
            {
                return Failure.Invalid(person.Locale, new Dictionary<string, string[]>(StringComparer.Ordinal) { ["due"] = [error!] });
            }

            (task.DueDate, task.DueAt) = (dueDate, dueAt);
            task.MissedThrough = null;
            task.MissedCount = 0;
            task.BreakdownSuggestedAt = null;
        }

        if (request.Title is { } title)
        {
            task.Title = title.Trim();
        }

        if (request.Notes is { } notes)
        {
            task.Notes = notes.Length == 0 ? null : notes;
        }

        task.Priority = request.Priority ?? task.Priority;
        if (request.Status is { } status && status != task.Status)
        {
            task.Status = status;
            task.CompletedAt = status == TaskStatuses.Done ? time.GetUtcNow() : null;
        }

        if (request.Tags is { } tags)
        {
            task.Tags = Tags.Clean(tags);
        }

        if (request.EstimatedMinutes is { } minutes)
        {
            task.EstimatedMinutes = minutes == 0 ? null : minutes;
        }

        if (request.Energy is { } energy)
        {
            task.Energy = energy.Length == 0 ? null : energy;
        }

        if (request.Position is { } position && task.ParentId is { } parentId)
        {
            await MoveAsync(task, parentId, position, cancellationToken);
        }

        task.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TaskResponse.From(task, person, await TaskSteps.OfAsync(db, task, cancellationToken));
    }

    /// <summary>Deletes a task and its subtasks.</summary>
    public async Task<Outcome<Done>> DeleteAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
        if (task is null)
        {
            return NotFound(person);
        }

        // Subtasks go with their parent (a cascade in the database; removed here too so tracked rows agree).
        db.Tasks.RemoveRange(await db.Tasks.Where(t => t.ParentId == id && t.UserId == person.UserId).ToListAsync(cancellationToken));
        db.Tasks.Remove(task);
        await db.SaveChangesAsync(cancellationToken);
        return default(Done);
    }

    /// <summary>Marks a task done (done already is fine: nothing changes).</summary>
    public async Task<Outcome<TaskResponse>> CompleteAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
        if (task is null)
        {
            return NotFound(person);
        }

        if (task.Status != TaskStatuses.Done)
        {
            task.Status = TaskStatuses.Done;
            task.CompletedAt = time.GetUtcNow();
            task.UpdatedAt = task.CompletedAt.Value;
            await db.SaveChangesAsync(cancellationToken);
        }

        return TaskResponse.From(task, person, await TaskSteps.OfAsync(db, task, cancellationToken));
    }

    /// <summary>Proposes 3 to 7 small steps, or saves them (the given ones, or a fresh proposal) as subtasks.</summary>
    public async Task<Outcome<BreakdownResponse>> BreakDownAsync(PersonNow person, Guid id, BreakdownRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (request is not null && Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
        if (task is null)
        {
            return NotFound(person);
        }

        if (task.ParentId is not null)
        {
            return Failure.Invalid(person.Locale, "id", "Tasks.AlreadyAStep");
        }

        var (kind, source, steps) = request?.Steps is { } given
            ? new BreakdownPlan(StepLibrary.KindOf(task.Title, task.Notes), BreakdownSources.Given,
                given.Select(step => new BreakdownStep(step.Title!.Trim(), step.EstimatedMinutes)).ToList())
            : await breakdown.ProposeAsync(task.Title, task.Notes, person.Locale, cancellationToken);
        if (request?.Apply != true)
        {
            return new BreakdownResponse(kind, source, steps, false, []);
        }

        var existing = await db.Tasks.CountAsync(t => t.UserId == person.UserId && t.ParentId == task.Id, cancellationToken);
        if (existing + steps.Count > TaskRules.MaxSubtasks)
        {
            return Failure.Invalid(person.Locale, "apply", "Tasks.TooManySubtasks", TaskRules.MaxSubtasks);
        }

        var now = time.GetUtcNow();
        var subtasks = steps.Select((step, index) => new TaskItem
        {
            UserId = person.UserId,
            ParentId = task.Id,
            Position = existing + index,
            Title = step.Title,
            EstimatedMinutes = step.EstimatedMinutes,
            Priority = task.Priority,
            DueDate = task.DueDate,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.Tasks.AddRange(subtasks);
        task.BreakdownSuggestedAt = null;
        task.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new BreakdownResponse(kind, source, steps, true, subtasks.Select(s => TaskResponse.From(s, person)).ToList());
    }

    /// <summary>One open task to do now, with the reasons; a task with open steps is done step by step.</summary>
    public async Task<Outcome<NextTaskResponse>> NextAsync(PersonNow person, NextTaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(query);
        if (Failure.Check(query, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var open = await db.Tasks.AsNoTracking()
            .Where(t => t.UserId == person.UserId && (t.Status == TaskStatuses.Open || t.Status == TaskStatuses.InProgress))
            .OrderBy(t => t.CreatedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var parentsWithOpenSteps = open.Where(t => t.ParentId is not null).Select(t => t.ParentId!.Value).ToHashSet();
        var best = open
            .Where(t => !parentsWithOpenSteps.Contains(t.Id))
            .Select(t => (task: t, reasons: NextTaskReasons.For(t, person, query.Energy, query.Minutes)))
            .Where(x => x.reasons.Fits)
            .OrderByDescending(x => x.reasons.Score)
            .ThenBy(x => x.task.CreatedAt)
            .FirstOrDefault();
        if (best.task is null)
        {
            return new NextTaskResponse(null, [], Texts.Get(person.Locale, open.Count == 0 ? "Tasks.Next.NothingOpen" : "Tasks.Next.NothingFits"));
        }

        var suggested = TaskResponse.From(best.task, person, await TaskSteps.OfAsync(db, best.task, cancellationToken));
        return new NextTaskResponse(suggested, best.reasons.Reasons, best.reasons.Reasons[0]);
    }

    /// <summary>Completed tasks by week (8 weeks) and by tag, with the open and overdue counts.</summary>
    public async Task<TaskStatsResponse> StatsAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        const int weeks = 8;
        var thisWeek = WeekOf(person.Today);
        var since = person.StartOf(thisWeek.PlusWeeks(-(weeks - 1)));
        var mine = db.Tasks.AsNoTracking().Where(t => t.UserId == person.UserId);
        var done = await mine.Where(t => t.Status == TaskStatuses.Done && t.CompletedAt >= since)
            .Select(t => new { t.CompletedAt, t.Tags }).ToListAsync(cancellationToken);
        var openTasks = await mine.Where(t => t.Status == TaskStatuses.Open || t.Status == TaskStatuses.InProgress)
            .Select(t => new { t.DueDate, t.Tags }).ToListAsync(cancellationToken);
        var doneTotal = await mine.CountAsync(t => t.Status == TaskStatuses.Done, cancellationToken);

        var byWeek = Enumerable.Range(0, weeks).Select(i => thisWeek.PlusWeeks(-(weeks - 1) + i)).Select(start => new WeekCount(
            start.ToDateOnly(),
            done.Count(t => WeekOf(NodaTime.Instant.FromDateTimeOffset(t.CompletedAt!.Value).InZone(person.Zone).Date) == start))).ToList();
        var byTag = done.SelectMany(t => t.Tags).Concat(openTasks.SelectMany(t => t.Tags)).Distinct(StringComparer.Ordinal)
            .Select(tag => new TagCount(tag, done.Count(t => t.Tags.Contains(tag)), openTasks.Count(t => t.Tags.Contains(tag))))
            .OrderByDescending(t => t.Completed).ThenBy(t => t.Tag, StringComparer.Ordinal).Take(50).ToList();
        var today = person.TodayDate;
        return new TaskStatsResponse(byWeek, byTag, openTasks.Count, openTasks.Count(t => t.DueDate < today), doneTotal);
    }

    private static NodaTime.LocalDate WeekOf(NodaTime.LocalDate day) =>
        day.DayOfWeek == NodaTime.IsoDayOfWeek.Monday ? day : day.Previous(NodaTime.IsoDayOfWeek.Monday);

    private async Task MoveAsync(TaskItem task, Guid parentId, int position, CancellationToken cancellationToken)
    {
        var siblings = await db.Tasks.Where(t => t.UserId == task.UserId && t.ParentId == parentId && t.Id != task.Id)
            .OrderBy(t => t.Position).ThenBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        siblings.Insert(Math.Min(position, siblings.Count), task);
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].Position = i;
        }
    }

    private static Failure NotFound(PersonNow person) => Failure.NotFound(person.Locale, "Tasks.NotFound");
}
