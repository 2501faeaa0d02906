using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Sessions;

/// <summary>The devices a person is signed in on, and ending them.</summary>
internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/sessions").WithTags("Sessions");
        group.MapGet("", ListSessions).WithName("ListSessions").WithSummary("List my signed-in devices");
        group.MapDelete("/{id:guid}", RevokeSession).WithName("RevokeSession").WithSummary("Sign out one device")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("", RevokeOtherSessions).WithName("RevokeOtherSessions").WithSummary("Sign out every other device");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<SessionResponse>>> ListSessions(SessionService sessions, HttpContext context, CancellationToken cancellationToken)
    {
        var current = context.User.SessionId();
        var active = await sessions.ActiveAsync(context.User.UserId(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SessionResponse>>(active
            .Select(s => new SessionResponse(s.Id, s.DeviceLabel, s.IpAddress, s.CreatedAt, s.LastSeenAt, s.Id == current))
            .ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeSession(
        Guid id, SessionService sessions, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        if (!await sessions.RevokeOwnAsync(userId, id, "revoked_by_user", cancellationToken))
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status404NotFound, "Sessions.NotFound.Title", "Sessions.NotFound.Detail");
        }

        await audit.RecordAsync(AuditActions.SessionRevoked, AuditOutcome.Success, ClientInfo.From(context), userId, userId, AuditDetail.Of(AuditDetails.Session, id.ToString()), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<RevokedSessionsResponse>> RevokeOtherSessions(
        SessionService sessions, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var count = await sessions.RevokeOthersAsync(context.User, "revoked_by_user", cancellationToken);
        await audit.RecordAsync(AuditActions.SessionRevoked, AuditOutcome.Success, ClientInfo.From(context), userId, userId,
            AuditDetail.Of(AuditDetails.OtherSessionsEnded, count.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        return TypedResults.Ok(new RevokedSessionsResponse(count));
    }
}

/// <summary>One signed-in device.</summary>
/// <param name="Id">The session id.</param>
/// <param name="Device">A label from the browser's user agent, such as "Firefox on Windows".</param>
/// <param name="IpAddress">The address it last refreshed from.</param>
/// <param name="CreatedAt">Sign-in time (UTC).</param>
/// <param name="LastSeenAt">Last sign-in or refresh (UTC).</param>
/// <param name="Current">True for the session making this request.</param>
internal sealed record SessionResponse(Guid Id, string Device, string? IpAddress, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Current);

/// <summary>How many sessions were ended.</summary>
/// <param name="Revoked">The count.</param>
internal sealed record RevokedSessionsResponse(int Revoked);
