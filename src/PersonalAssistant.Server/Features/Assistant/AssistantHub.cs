using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Live chat for the web app at <c>/hubs/assistant</c>: signed-in clients receive their own turns as they happen
/// (<see cref="TurnStarted"/>, <see cref="TextDelta"/>, <see cref="ActionTaken"/>, <see cref="TurnCompleted"/>).
/// Events go to the person (every open session of theirs), never to a group a client could join by name.
/// </summary>
[Authorize]
internal sealed class AssistantHub : Hub
{
    public const string Path = "/hubs/assistant";

    public const string TurnStarted = "turnStarted";
    public const string TextDelta = "textDelta";
    public const string ActionTaken = "actionTaken";
    public const string TurnCompleted = "turnCompleted";
}

/// <summary>SignalR addresses people by the token's subject, the same id every other part of the API uses.</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection?.User.UserIdOrNull()?.ToString();
}

internal sealed record TurnStartedEvent(Guid ConversationId, long MessageId);

internal sealed record TextDeltaEvent(Guid ConversationId, long MessageId, string Text);

internal sealed record ActionEvent(Guid ConversationId, long MessageId, ActionTaken Action);
