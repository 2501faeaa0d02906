using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>
/// Reminders: create from words or ISO values, repeat with an RRULE, snooze, acknowledge. The HTTP face of
/// <see cref="ReminderService"/>, which does the work, checks and owner scoping; another person's id is a 404.
/// </summary>
internal static class ReminderEndpoints
{
    public static RouteGroupBuilder MapReminderEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/reminders").WithTags("Reminders").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListReminders).WithName("ListReminders").WithSummary("My reminders, soonest first")
            .WithDescription("status filters: one status (scheduled, delivered, acknowledged, snoozed, cancelled), or active for the reminders "
                + "still in play (scheduled, snoozed, and delivered but not yet acknowledged). Without it, every reminder.")
            .ProducesValidationProblem();
        group.MapPost("", CreateReminder).WithName("CreateReminder").WithSummary("Add a reminder").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetReminder).WithName("GetReminder").WithSummary("Read a reminder, with its next occurrences and deliveries");
        group.MapPatch("/{id:guid}", UpdateReminder).WithName("UpdateReminder").WithSummary("Change or cancel a reminder").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteReminder).WithName("DeleteReminder").WithSummary("Delete a reminder");
        group.MapPost("/{id:guid}/snooze", SnoozeReminder).WithName("SnoozeReminder").WithSummary("Ask again in some minutes").ProducesValidationProblem();
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeReminder).WithName("AcknowledgeReminder")
            .WithSummary("Got it: a one-off is done, a repeating one moves to its next occurrence");
        return group;
    }

    public static async Task<Ok<Paged<ReminderResponse>>> ListReminders(
        [AsParameters] ReminderQuery query, PersonNow person, ReminderService reminders, CancellationToken cancellationToken) =>
        TypedResults.Ok((await reminders.ListAsync(person, query, cancellationToken)).Checked());

    public static async Task<Results<Created<ReminderResponse>, ValidationProblem>> CreateReminder(
        CreateReminderRequest request, PersonNow person, ReminderService reminders, CancellationToken cancellationToken) =>
        (await reminders.CreateAsync(person, request, cancellationToken)).ToCreatedOrInvalid(reminder => $"{ApiRoutes.Prefix}/reminders/{reminder.Id}");

    public static async Task<Results<Ok<ReminderResponse>, ProblemHttpResult>> GetReminder(
        Guid id, PersonNow person, ReminderService reminders, CancellationToken cancellationToken) =>
        (await reminders.GetAsync(person, id, cancellationToken)).ToFound();

    public static async Task<Results<Ok<ReminderResponse>, ValidationProblem, ProblemHttpResult>> UpdateReminder(
        Guid id, UpdateReminderRequest request, PersonNow person, ReminderService reminders, CancellationToken cancellationToken) =>
        (await reminders.UpdateAsync(person, id, request, cancellationToken)).ToOk();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteReminder(
        Guid id, PersonNow person, ReminderService reminders, CancellationToken cancellationToken) =>
        (await reminders.DeleteAsync(person, id, cancellationToken)).ToNoContent();

    public static async Task<Results<Ok<ReminderResponse>, ProblemHttpResult>> SnoozeReminder(
        Guid id, SnoozeRequest request, PersonNow person, ReminderService reminders, CancellationToken cancellationToken) =>
        (await reminders.SnoozeAsync(person, id, request, cancellationToken)).ToFound();

    public static async Task<Results<Ok<ReminderResponse>, ProblemHttpResult>> AcknowledgeReminder(
        Guid id, PersonNow person, ReminderService reminders, CancellationToken cancellationToken) =>
        (await reminders.AcknowledgeAsync(person, id, cancellationToken)).ToFound();
}
