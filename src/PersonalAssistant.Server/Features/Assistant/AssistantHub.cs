using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Live chat for the web app at <c>/hubs/assistant</c>: signed-in clients receive their own turns as they happen
/// (<see cref="TurnStarted"/>, <see cref="TextDelta"/>, <see cref="ActionTaken"/>, <see cref="TurnCompleted"/>).
/// Events go to the person (every open session of theirs), never to a group a client could join by name.
/// Each connection is tied to the session and access token that opened it (<see cref="SessionConnections"/>): it is
/// closed when the session ends, when its token is made stale or when the token expires.
/// </summary>
[Authorize]
internal sealed class AssistantHub(SessionConnections connections, SessionRevocation revocation, IOptions<AuthOptions> auth, TimeProvider time) : Hub
{
    public const string Path = "/hubs/assistant";

    public const string TurnStarted = "turnStarted";
    public const string TextDelta = "textDelta";
    public const string ActionTaken = "actionTaken";
    public const string TurnCompleted = "turnCompleted";

    /// <summary>A new in-app notification (a reminder that went off); the payload is a <c>NotificationResponse</c>.</summary>
    public const string NotificationReceived = "notification";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var sessionId = user.SessionId();
        var issuedAt = user.TokenIssuedAt();
        // The bearer handler puts the token's expiry in the authentication properties (SignalR's own
        // CloseOnAuthenticationExpiration reads the same value); a token can never outlive the configured lifetime.
        var expiresAt = Context.GetHttpContext()?.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc
            ?? time.GetUtcNow() + auth.Value.AccessTokenLifetime;
        connections.Add(Context, sessionId, issuedAt, expiresAt);

        // A revocation that landed between the token check and the registration above found nothing to close.
        if (!await revocation.AllowsAsync(sessionId, issuedAt, Context.ConnectionAborted))
        {
            connections.Remove(Context.ConnectionId);
            Context.Abort();
            return;
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>SignalR addresses people by the token's subject, the same id every other part of the API uses.</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection?.User.UserIdOrNull()?.ToString();
}

internal sealed record TurnStartedEvent(Guid ConversationId, long MessageId);

internal sealed record TextDeltaEvent(Guid ConversationId, long MessageId, string Text);

internal sealed record ActionEvent(Guid ConversationId, long MessageId, ActionTaken Action);
