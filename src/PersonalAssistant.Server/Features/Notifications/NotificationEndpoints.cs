using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Notifications;

/// <summary>The in-app notifications: the person's own, newest first; mark one read. The HTTP face of <see cref="NotificationService"/>.</summary>
internal static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListNotifications).WithName("ListNotifications").WithSummary("My notifications, newest first")
            .WithDescription("unread=true lists the unread ones only.").ProducesValidationProblem();
        group.MapPost("/{id:guid}/read", MarkNotificationRead).WithName("MarkNotificationRead").WithSummary("Mark a notification read");
        return group;
    }

    public static async Task<Results<Ok<Paged<NotificationResponse>>, ValidationProblem, ProblemHttpResult>> ListNotifications(
        [AsParameters] NotificationQuery query, PersonNow person, NotificationService notifications, CancellationToken cancellationToken) =>
        (await notifications.ListAsync(person, query, cancellationToken)).ToOk();

    public static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> MarkNotificationRead(
        Guid id, PersonNow person, NotificationService notifications, CancellationToken cancellationToken) =>
        (await notifications.MarkReadAsync(person, id, cancellationToken)).ToFound();
}
