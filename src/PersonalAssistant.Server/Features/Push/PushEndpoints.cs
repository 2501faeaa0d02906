using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Push;

/// <summary>Web push: the server key, the person's browsers, a test message; and the buttons of a push notification.</summary>
internal static class PushEndpoints
{
    public static RouteGroupBuilder MapPushEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/push").WithTags("Push").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/public-key", GetPushPublicKey).WithName("GetPushPublicKey").WithSummary("The key browsers subscribe with")
            .WithDescription("The VAPID application server key (base64url), for pushManager.subscribe({ applicationServerKey }).");
        group.MapGet("/subscriptions", ListPushSubscriptions).WithName("ListPushSubscriptions").WithSummary("My subscribed browsers");
        group.MapPost("/subscriptions", SubscribePush).WithName("SubscribePush").WithSummary("Subscribe this browser to push")
            .WithDescription("The body is PushSubscription.toJSON() plus a label. The same endpoint again updates it. The endpoint must be https.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/subscriptions/{id:guid}", UnsubscribePush).WithName("UnsubscribePush").WithSummary("Remove a subscribed browser");
        group.MapPost("/test", SendTestPush).WithName("SendTestPush").WithSummary("Send me a test notification")
            .WithDescription("To every subscribed browser; 409 when there is none. Rate-limited.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        // A service worker cannot sign in: the action token in the push payload stands for the person, for this notification only.
        api.MapPost("/notifications/{id:guid}/actions", ActOnNotification).WithTags("Notifications").WithName("ActOnNotification")
            .WithSummary("Done or snooze from a notification's button")
            .WithDescription("Signed in, or with the notification's actionToken from its push payload (valid 48 hours). Rate-limited per address.")
            .AllowAnonymous().RequireRateLimiting(RateLimits.AuthPerIpPolicy)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    public static Ok<PushPublicKeyResponse> GetPushPublicKey(PushService push) => TypedResults.Ok(push.PublicKey());

    public static async Task<Ok<IReadOnlyList<PushSubscriptionResponse>>> ListPushSubscriptions(
        PersonNow person, PushService push, CancellationToken cancellationToken) =>
        TypedResults.Ok(await push.ListAsync(person, cancellationToken));

    public static async Task<Results<Created<PushSubscriptionResponse>, ValidationProblem, ProblemHttpResult>> SubscribePush(
        PushSubscriptionRequest request, PersonNow person, PushService push, CancellationToken cancellationToken) =>
        (await push.SubscribeAsync(person, request, cancellationToken)).ToCreated(s => $"{ApiRoutes.Prefix}/push/subscriptions/{s.Id}");

    public static async Task<Results<NoContent, ProblemHttpResult>> UnsubscribePush(
        Guid id, PersonNow person, PushService push, CancellationToken cancellationToken) =>
        (await push.UnsubscribeAsync(person, id, cancellationToken)).ToNoContent();

    public static async Task<Results<Accepted, ProblemHttpResult>> SendTestPush(
        PersonNow person, PushService push, RateLimits limits, HttpContext context, CancellationToken cancellationToken)
    {
        var allowed = await limits.AcquireAsync(RateLimitKind.MessagesPerAccount, "push-test:" + person.UserId, cancellationToken);
        if (!allowed.IsAllowed)
        {
            return allowed.ToProblem(context);
        }

        var sent = await push.SendTestAsync(person, cancellationToken);
        return sent.Failure is { } failure ? OutcomeResults.Problem(failure) : TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ActOnNotification(
        Guid id, NotificationActionRequest request, PushService push, HttpContext context, CancellationToken cancellationToken)
    {
        Guid? signedIn = context.User.Identity?.IsAuthenticated == true ? context.User.UserId() : null;
        if (signedIn is null && string.IsNullOrEmpty(request.Token))
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status401Unauthorized, "Push.ActionToken.Title", "Push.ActionToken.Missing");
        }

        return (await push.ActAsync(id, request, signedIn, RequestLocale.Of(context), cancellationToken)).ToNoContentOrProblem();
    }
}

internal static class ChannelsRegistration
{
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        services.AddValidatedOptions<PushOptions, PushOptions.Validator>(PushOptions.Section);
        services.AddSingleton<VapidKeys>();
        services.AddSingleton<ChannelMetrics>();
        services.AddSingleton<NotificationActionTokens>();
        services.AddHttpClient<PushSender>((provider, client) =>
            client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PushOptions>>().Value.TimeoutSeconds));
        services.AddScoped<PushService>();
        services.AddScoped<ChannelDeliveryService>();
        services.AddRetainedRows<DeliveryAttempt>(RetainedKinds.Deliveries, a => a.At);
        // The endpoint only: the browser's keys and auth secret stay out of the export.
        services.AddPersonalData("push-subscriptions.json", "Exports.File.PushSubscriptions", (db, userId) => db.Set<PushSubscription>().AsNoTracking()
            .Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Endpoint, s.Label, s.CreatedAt, s.UpdatedAt, s.LastSuccessAt }));
        return services;
    }
}
