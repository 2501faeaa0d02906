using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// Tasks: capture, views in the person's zone, subtasks, completion, breakdown into steps, "what next", and totals.
/// The HTTP face of <see cref="TaskService"/>, which does the work, checks and owner scoping; another person's id is a 404.
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

    public static async Task<Results<Ok<Paged<TaskResponse>>, ValidationProblem, ProblemHttpResult>> ListTasks(
        [AsParameters] TaskQuery query, PersonNow person, TaskService tasks, CancellationToken cancellationToken) =>
        (await tasks.ListAsync(person, query, cancellationToken)).ToOk();

    public static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> CreateTask(
        CreateTaskRequest request, PersonNow person, TaskService tasks, CancellationToken cancellationToken) =>
        (await tasks.CreateAsync(person, request, cancellationToken)).ToCreated(task => $"{ApiRoutes.Prefix}/tasks/{task.Id}");

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetTask(
        Guid id, PersonNow person, TaskService tasks, CancellationToken cancellationToken) =>
        (await tasks.GetAsync(person, id, cancellationToken)).ToFound();

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> UpdateTask(
        Guid id, UpdateTaskRequest request, PersonNow person, TaskService tasks, CancellationToken cancellationToken) =>
        (await tasks.UpdateAsync(person, id, request, cancellationToken)).ToOk();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTask(
        Guid id, PersonNow person, TaskService tasks, CancellationToken cancellationToken) =>
        (await tasks.DeleteAsync(person, id, cancellationToken)).ToNoContent();

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> CompleteTask(
        Guid id, PersonNow person, TaskService tasks, CancellationToken cancellationToken) =>
        (await tasks.CompleteAsync(person, id, cancellationToken)).ToFound();

    public static async Task<Results<Ok<BreakdownResponse>, ValidationProblem, ProblemHttpResult>> BreakDownTask(
        Guid id, BreakdownRequest? request, PersonNow person, TaskService tasks, CancellationToken cancellationToken) =>
        (await tasks.BreakDownAsync(person, id, request, cancellationToken)).ToOk();

    public static async Task<Results<Ok<NextTaskResponse>, ValidationProblem, ProblemHttpResult>> NextTask(
        [AsParameters] NextTaskQuery query, PersonNow person, TaskService tasks, CancellationToken cancellationToken) =>
        (await tasks.NextAsync(person, query, cancellationToken)).ToOk();

    public static async Task<Ok<TaskStatsResponse>> TaskStats(PersonNow person, TaskService tasks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.StatsAsync(person, cancellationToken));
}
