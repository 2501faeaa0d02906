using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// Tasks: capture, views in the person's zone, subtasks, completion, breakdown into steps, "what next", and totals.
/// Every statement is scoped to the signed-in person; another person's id is a 404.
/// </summary>
internal static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListTasks).WithName("ListTasks").WithSummary("My tasks")
            .WithDescription("Top-level tasks unless `parent` is given. Ordered by due date (none last), then priority, then creation.")
            .ProducesValidationProblem();
        group.MapPost("", CreateTask).WithName("CreateTask").WithSummary("Add a task").ProducesValidationProblem();
        group.MapGet("/next", NextTask).WithName("NextTask").WithSummary("One task to do now, and why").ProducesValidationProblem();
        group.MapGet("/stats", TaskStats).WithName("TaskStats").WithSummary("Completed tasks by week and tag");
        group.MapGet("/{id:guid}", GetTask).WithName("GetTask").WithSummary("Read a task");
        group.MapPatch("/{id:guid}", UpdateTask).WithName("UpdateTask").WithSummary("Change a task").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteTask).WithName("DeleteTask").WithSummary("Delete a task and its subtasks");
        group.MapPost("/{id:guid}/complete", CompleteTask).WithName("CompleteTask").WithSummary("Mark a task done");
        group.MapPost("/{id:guid}/breakdown", BreakDownTask).WithName("BreakDownTask")
            .WithSummary("Propose 3 to 7 small steps; save them as subtasks with apply")
            .WithDescription("The first step takes about two minutes. With an AI provider the model writes the steps; offline (or when the model fails) they come from a library per kind of task. To save exactly the steps that were shown, send them back with `apply`.")
            .ProducesValidationProblem();
        return group;
    }

    public static async Task<Ok<Paged<TaskResponse>>> ListTasks(
        [AsParameters] TaskQuery query, AppDbContext db, PersonClock clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var tasks = db.Tasks.AsNoTracking().Where(t => t.UserId == person.UserId);
        tasks = query.Parent is { } parent ? tasks.Where(t => t.ParentId == parent) : tasks.Where(t => t.ParentId == null);
        if (query.Status is { } status)
        {
            tasks = tasks.Where(t => t.Status == status);
        }
        else if (query.View is not null)
        {
            tasks = tasks.Where(t => t.Status == TaskStatuses.Open || t.Status == TaskStatuses.InProgress);
        }

        var today = person.TodayDate;
        var now = person.Now.ToInstant().ToDateTimeOffset();
        tasks = query.View switch
        {
            TaskViews.Today => tasks.Where(t => t.DueDate == today),
            TaskViews.Overdue => tasks.Where(t => t.DueDate < today || (t.DueDate == today && t.DueAt != null && t.DueAt < now)),
            TaskViews.Upcoming => tasks.Where(t => t.DueDate > today),
            TaskViews.Someday => tasks.Where(t => t.DueDate == null),
            _ => tasks,
        };
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim();
            tasks = tasks.Where(t => t.Tags.Contains(tag));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim().ToUpperInvariant();
            // Translated to SQL (UPPER and a substring test) on both databases.
#pragma warning disable CA1304, CA1311, CA1862
            tasks = tasks.Where(t => t.Title.ToUpper().Contains(term) || (t.Notes != null && t.Notes.ToUpper().Contains(term)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        tasks = query.Parent is not null
            ? tasks.OrderBy(t => t.Position).ThenBy(t => t.CreatedAt)
            : tasks.OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.DueAt)
                .ThenByDescending(t => t.Priority == TaskPriorities.High).ThenBy(t => t.Priority == TaskPriorities.Low).ThenBy(t => t.CreatedAt);
        // A person's views are usually shorter than a page, which then tells its own total.
        var found = await tasks.ToPagedAsync(query, cancellationToken, PageTotal.WhenFull);
        var steps = query.Parent is null
            ? await TaskSteps.CountAsync(db, person.UserId, [.. found.Items.Select(t => t.Id)], cancellationToken)
            : [];
        return TypedResults.Ok(found.Map(t => TaskResponse.From(t, person, steps.GetValueOrDefault(t.Id))));
    }

    public static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> CreateTask(
        CreateTaskRequest request, AppDbContext db, PersonClock clock, LanguageEngine engine, TimeProvider time, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        DateOnly? dueDate = null;
        DateTimeOffset? dueAt = null;
        if (request.Due is { } due && !TaskDue.TryParse(due, person, engine, out dueDate, out dueAt, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["due"] = [error!] });
        }

        var position = 0;
        if (request.ParentId is { } parentId)
        {
            var siblings = await db.Tasks.Where(t => t.UserId == person.UserId && t.ParentId == parentId).CountAsync(cancellationToken);
            if (!await db.Tasks.AnyAsync(t => t.Id == parentId && t.UserId == person.UserId && t.ParentId == null, cancellationToken))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["parentId"] = ["No such top-level task of yours."] });
            }

            if (siblings >= TaskRules.MaxSubtasks)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["parentId"] = [$"A task has at most {TaskRules.MaxSubtasks} subtasks."] });
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
        return TypedResults.Created($"{ApiRoutes.Prefix}/tasks/{task.Id}", TaskResponse.From(task, person));
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetTask(
        Guid id, AppDbContext db, PersonClock clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
        return task is null ? NotFound() : TypedResults.Ok(TaskResponse.From(task, person, await TaskSteps.OfAsync(db, task, cancellationToken)));
    }

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> UpdateTask(
        Guid id, UpdateTaskRequest request, AppDbContext db, PersonClock clock, LanguageEngine engine, TimeProvider time,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        if (request.Due is { } due)
        {
            if (!TaskDue.TryParse(due, person, engine, out var dueDate, out var dueAt, out var error))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["due"] = [error!] });
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
            await MoveAsync(db, task, parentId, position, cancellationToken);
        }

        task.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TaskResponse.From(task, person, await TaskSteps.OfAsync(db, task, cancellationToken)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTask(
        Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        // Subtasks go with their parent (a cascade in the database; removed here too so tracked rows agree).
        db.Tasks.RemoveRange(await db.Tasks.Where(t => t.ParentId == id && t.UserId == userId).ToListAsync(cancellationToken));
        db.Tasks.Remove(task);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> CompleteTask(
        Guid id, AppDbContext db, PersonClock clock, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        if (task.Status != TaskStatuses.Done)
        {
            task.Status = TaskStatuses.Done;
            task.CompletedAt = time.GetUtcNow();
            task.UpdatedAt = task.CompletedAt.Value;
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(TaskResponse.From(task, person, await TaskSteps.OfAsync(db, task, cancellationToken)));
    }

    public static async Task<Results<Ok<BreakdownResponse>, ValidationProblem, ProblemHttpResult>> BreakDownTask(
        Guid id, BreakdownRequest? request, AppDbContext db, PersonClock clock, TaskBreakdown breakdown, TimeProvider time, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id && t.UserId == person.UserId, cancellationToken);
        if (task is null)
        {
            return NotFound();
        }

        if (task.ParentId is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["This is already a step of a bigger task; break down the task itself."] });
        }

        var (kind, source, steps) = request?.Steps is { } given
            ? new BreakdownPlan(StepLibrary.KindOf(task.Title, task.Notes), BreakdownSources.Given,
                given.Select(step => new BreakdownStep(step.Title!.Trim(), step.EstimatedMinutes)).ToList())
            : await breakdown.ProposeAsync(task.Title, task.Notes, person.Locale, cancellationToken);
        if (request?.Apply != true)
        {
            return TypedResults.Ok(new BreakdownResponse(kind, source, steps, false, []));
        }

        var existing = await db.Tasks.CountAsync(t => t.UserId == person.UserId && t.ParentId == task.Id, cancellationToken);
        if (existing + steps.Count > TaskRules.MaxSubtasks)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["apply"] = [$"A task has at most {TaskRules.MaxSubtasks} subtasks."] });
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
        return TypedResults.Ok(new BreakdownResponse(kind, source, steps, true, subtasks.Select(s => TaskResponse.From(s, person)).ToList()));
    }

    public static async Task<Ok<NextTaskResponse>> NextTask(
        [AsParameters] NextTaskQuery query, AppDbContext db, PersonClock clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var open = await db.Tasks.AsNoTracking()
            .Where(t => t.UserId == person.UserId && (t.Status == TaskStatuses.Open || t.Status == TaskStatuses.InProgress))
            .OrderBy(t => t.CreatedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var parentsWithOpenSteps = open.Where(t => t.ParentId is not null).Select(t => t.ParentId!.Value).ToHashSet();
        var french = person.Locale == Locales.French;
        var best = open
            .Where(t => !parentsWithOpenSteps.Contains(t.Id)) // a task with open steps is done step by step
            .Select(t => (task: t, reasons: NextTaskReasons.For(t, person, query.Energy, query.Minutes, french)))
            .Where(x => x.reasons.Fits)
            .OrderByDescending(x => x.reasons.Score)
            .ThenBy(x => x.task.CreatedAt)
            .FirstOrDefault();
        if (best.task is null)
        {
            var message = open.Count == 0
                ? (french ? "Rien d'ouvert. Profite de la pause !" : "Nothing open. Enjoy the break!")
                : (french ? "Rien ne rentre dans ce temps-là. Et si tu choisissais la plus petite étape ?" : "Nothing fits that time. Maybe pick the smallest step?");
            return TypedResults.Ok(new NextTaskResponse(null, [], message));
        }

        var suggested = TaskResponse.From(best.task, person, await TaskSteps.OfAsync(db, best.task, cancellationToken));
        return TypedResults.Ok(new NextTaskResponse(suggested, best.reasons.Reasons, best.reasons.Reasons[0]));
    }

    public static async Task<Ok<TaskStatsResponse>> TaskStats(AppDbContext db, PersonClock clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        const int weeks = 8;
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var thisWeek = person.Today.Previous(NodaTime.IsoDayOfWeek.Monday).PlusDays(person.Today.DayOfWeek == NodaTime.IsoDayOfWeek.Monday ? 7 : 0);
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
        return TypedResults.Ok(new TaskStatsResponse(byWeek, byTag, openTasks.Count, openTasks.Count(t => t.DueDate < today), doneTotal));
    }

    private static NodaTime.LocalDate WeekOf(NodaTime.LocalDate day) =>
        day.DayOfWeek == NodaTime.IsoDayOfWeek.Monday ? day : day.Previous(NodaTime.IsoDayOfWeek.Monday);

    private static async Task MoveAsync(AppDbContext db, TaskItem task, Guid parentId, int position, CancellationToken cancellationToken)
    {
        var siblings = await db.Tasks.Where(t => t.UserId == task.UserId && t.ParentId == parentId && t.Id != task.Id)
            .OrderBy(t => t.Position).ThenBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        siblings.Insert(Math.Min(position, siblings.Count), task);
        for (var i = 0; i < siblings.Count; i++)
        {
            siblings[i].Position = i;
        }
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Not found", detail: "No task of yours has this id.", statusCode: StatusCodes.Status404NotFound);
}
