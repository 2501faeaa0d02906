using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>A new task.</summary>
/// <param name="Title">What to do, in the person's words.</param>
/// <param name="Notes">Anything else worth keeping with it.</param>
/// <param name="Due">A date ("2026-03-11"), a date and time with its offset, or words in the person's language and zone ("friday", "tomorrow at 3pm"); the answer shows how it was understood.</param>
/// <param name="Priority">low, medium (default) or high.</param>
/// <param name="Tags">Up to 20 short labels.</param>
/// <param name="ParentId">Makes it a subtask of this task (added last).</param>
/// <param name="EstimatedMinutes">How long it should take.</param>
/// <param name="Energy">Energy it needs: low, medium or high.</param>
internal sealed record CreateTaskRequest(
    [property: Required, StringLength(TaskItemConfiguration.MaxTitleLength, MinimumLength = 1)] string Title,
    [property: StringLength(TaskItemConfiguration.MaxNotesLength)] string? Notes = null,
    [property: StringLength(200)] string? Due = null,
    [property: AllowedValues(null, TaskPriorities.Low, TaskPriorities.Medium, TaskPriorities.High)] string? Priority = null,
    [property: TagList] IReadOnlyList<string>? Tags = null,
    Guid? ParentId = null,
    [property: Range(1, 24 * 60)] int? EstimatedMinutes = null,
    [property: AllowedValues(null, EnergyLevels.Low, EnergyLevels.Medium, EnergyLevels.High)] string? Energy = null);

/// <summary>Changes to a task; absent fields stay as they are. An empty <c>due</c> ("") clears the due date.</summary>
/// <param name="Title">What to do.</param>
/// <param name="Notes">Notes ("" clears them).</param>
/// <param name="Due">As for a new task; "" clears it.</param>
/// <param name="Priority">low, medium or high.</param>
/// <param name="Status">open, in_progress, done or skipped.</param>
/// <param name="Tags">Replaces the tags.</param>
/// <param name="Position">New place among its siblings (0 first).</param>
/// <param name="EstimatedMinutes">How long it should take (0 clears it).</param>
/// <param name="Energy">low, medium or high ("" clears it).</param>
internal sealed record UpdateTaskRequest(
    [property: StringLength(TaskItemConfiguration.MaxTitleLength, MinimumLength = 1)] string? Title = null,
    [property: StringLength(TaskItemConfiguration.MaxNotesLength)] string? Notes = null,
    [property: StringLength(200)] string? Due = null,
    [property: AllowedValues(null, TaskPriorities.Low, TaskPriorities.Medium, TaskPriorities.High)] string? Priority = null,
    [property: AllowedValues(null, TaskStatuses.Open, TaskStatuses.InProgress, TaskStatuses.Done, TaskStatuses.Skipped)] string? Status = null,
    [property: TagList] IReadOnlyList<string>? Tags = null,
    [property: Range(0, 10_000)] int? Position = null,
    [property: Range(0, 24 * 60)] int? EstimatedMinutes = null,
    [property: AllowedValues(null, "", EnergyLevels.Low, EnergyLevels.Medium, EnergyLevels.High)] string? Energy = null);

/// <summary>Filters for the task list.</summary>
internal sealed record TaskQuery : IPaged
{
    /// <summary>open, in_progress, done or skipped. With a view and no status: open and in progress.</summary>
    [FromQuery(Name = "status")]
    [AllowedValues(null, TaskStatuses.Open, TaskStatuses.InProgress, TaskStatuses.Done, TaskStatuses.Skipped)]
    public string? Status { get; init; }

    /// <summary>today (due today), overdue, upcoming (due after today), someday (no due date) or open (everything not finished, due or not), in the person's zone.</summary>
    [FromQuery(Name = "view")]
    [AllowedValues(null, TaskViews.Today, TaskViews.Overdue, TaskViews.Upcoming, TaskViews.Someday, TaskViews.Open)]
    public string? View { get; init; }

    /// <summary>Only tasks with this tag.</summary>
    [FromQuery(Name = "tag")]
    [StringLength(Tags.MaxLength)]
    public string? Tag { get; init; }

    /// <summary>The subtasks of this task, in order. Without it, top-level tasks only.</summary>
    [FromQuery(Name = "parent")]
    public Guid? Parent { get; init; }

    /// <summary>Words to find in the title or the notes.</summary>
    [FromQuery(Name = "q")]
    [StringLength(200)]
    public string? Q { get; init; }

    [FromQuery(Name = "page")]
    [Range(1, PagingLimits.MaxPage)]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    [PageSize]
    public int? PageSize { get; init; }
}

/// <summary>What to suggest: the energy the person has and the minutes they have.</summary>
internal sealed record NextTaskQuery
{
    [FromQuery(Name = "energy")]
    [AllowedValues(null, EnergyLevels.Low, EnergyLevels.Medium, EnergyLevels.High)]
    public string? Energy { get; init; }

    [FromQuery(Name = "minutes")]
    [Range(1, 24 * 60)]
    public int? Minutes { get; init; }
}

/// <summary>
/// Ask for steps, or save them. To save the steps the person was shown (a model writes different steps each time),
/// send them back with <c>apply</c>, edited or not; <c>apply</c> without steps saves a fresh proposal.
/// </summary>
/// <param name="Apply">Save the steps as subtasks (after any existing ones).</param>
/// <param name="Steps">With <c>apply</c>: the steps to save, 1 to 7, in order.</param>
internal sealed record BreakdownRequest(bool Apply = false, IReadOnlyList<BreakdownStepInput>? Steps = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Steps is null)
        {
            yield break;
        }

        var locale = RequestValidationFilter.LocaleOf(validationContext);

        if (!Apply)
        {
            yield return new ValidationResult(Texts.Get(locale, "Tasks.Steps.NeedApply"), ["steps"]);
        }

        if (Steps.Count is < 1 or > TaskBreakdown.MaxSteps)
        {
            yield return new ValidationResult(Texts.Format(locale, "Tasks.Steps.Count", TaskBreakdown.MaxSteps), ["steps"]);
        }

        for (var index = 0; index < Steps.Count; index++)
        {
            var step = Steps[index];
            if (step is null || string.IsNullOrWhiteSpace(step.Title) || step.Title.Length > TaskItemConfiguration.MaxTitleLength)
            {
                yield return new ValidationResult(Texts.Format(locale, "Tasks.Steps.Title", TaskItemConfiguration.MaxTitleLength), [$"steps[{index}].title"]);
            }

            if (step?.EstimatedMinutes is < 1 or > 24 * 60)
            {
                yield return new ValidationResult(Texts.Get(locale, "Tasks.Steps.Minutes"), [$"steps[{index}].estimatedMinutes"]);
            }
        }
    }
}

/// <summary>A step to save.</summary>
/// <param name="Title">What to do.</param>
/// <param name="EstimatedMinutes">How long it should take.</param>
internal sealed record BreakdownStepInput(string? Title, int? EstimatedMinutes = null);

/// <summary>A task as the person sees it. Due is shown in the person's zone; Steps and StepsDone count its subtasks.</summary>
internal sealed record TaskResponse(
    Guid Id,
    string Title,
    string? Notes,
    string? Due,
    DateOnly? DueDate,
    DateTimeOffset? DueAt,
    string Priority,
    string Status,
    IReadOnlyList<string> Tags,
    Guid? ParentId,
    int Position,
    int? EstimatedMinutes,
    string? Energy,
    int MissedCount,
    bool BreakdownSuggested,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    int Steps,
    int StepsDone)
{
    /// <param name="task">The task.</param>
    /// <param name="person">Whose zone its due is shown in.</param>
    /// <param name="steps">Its subtasks (<see cref="TaskSteps"/>); none for a new task or a step.</param>
    public static TaskResponse From(TaskItem task, PersonNow person, StepCounts steps = default) => new(
        task.Id, task.Title, task.Notes, TaskDue.Format(task, person), task.DueDate, task.DueAt, task.Priority, task.Status, task.Tags,
        task.ParentId, task.Position, task.EstimatedMinutes, task.Energy, task.MissedCount, task.BreakdownSuggestedAt is not null,
        task.CreatedAt, task.UpdatedAt, task.CompletedAt, steps.Total, steps.Done);
}

/// <summary>How many steps (subtasks) a task has and how many of them are done.</summary>
internal readonly record struct StepCounts(int Total, int Done);

/// <summary>One proposed step.</summary>
internal sealed record BreakdownStep(string Title, int? EstimatedMinutes);

/// <summary>Small steps for a task; saved as subtasks when asked.</summary>
/// <param name="Kind">The kind of task by its words (cleaning, paperwork, ..., or general).</param>
/// <param name="Source">Where the steps come from: model (the configured AI provider), library (the offline step library, also when the model fails) or given (sent with apply).</param>
/// <param name="Steps">3 to 7 proposed steps, the first one about two minutes; or the steps sent with apply.</param>
/// <param name="Applied">Whether they were saved as subtasks.</param>
/// <param name="Subtasks">The saved subtasks, when applied.</param>
internal sealed record BreakdownResponse(string Kind, string Source, IReadOnlyList<BreakdownStep> Steps, bool Applied, IReadOnlyList<TaskResponse> Subtasks);

/// <summary>One task to do now, and why; no task when nothing is open.</summary>
internal sealed record NextTaskResponse(TaskResponse? Task, IReadOnlyList<string> Reasons, string Message);

/// <summary>Completed tasks per week (in the person's zone) and per tag. Totals only: nothing resets.</summary>
internal sealed record TaskStatsResponse(IReadOnlyList<WeekCount> ByWeek, IReadOnlyList<TagCount> ByTag, int Open, int Overdue, int DoneTotal);

internal sealed record WeekCount(DateOnly WeekStart, int Completed);

internal sealed record TagCount(string Tag, int Completed, int Open);

internal static class TaskRules
{
    public const int MaxSubtasks = 50;
}

internal static class TaskViews
{
    public const string Today = "today";
    public const string Overdue = "overdue";
    public const string Upcoming = "upcoming";
    public const string Someday = "someday";
    public const string Open = "open";
}
