namespace PersonalAssistant.Server.Common;

/// <summary>
/// Live events to every open connection of one person (the assistant hub, on every replica through the backplane), for
/// features that must not depend on the hub itself. Best effort: what matters is already stored when an event is sent.
/// </summary>
internal interface IPersonEvents
{
    /// <summary>A new notification for the person (the hub's <c>notification</c> event).</summary>
    Task NotificationAsync(Guid userId, object notification, CancellationToken cancellationToken);
}
