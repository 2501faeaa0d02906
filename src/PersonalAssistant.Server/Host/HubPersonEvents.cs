using Microsoft.AspNetCore.SignalR;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Assistant;

namespace PersonalAssistant.Server.Host;

/// <summary>Sends <see cref="IPersonEvents"/> on the assistant hub, to the person (all their connections), never to a group.</summary>
internal sealed class HubPersonEvents(IHubContext<AssistantHub> hub) : IPersonEvents
{
    public Task NotificationAsync(Guid userId, object notification, CancellationToken cancellationToken) =>
        hub.Clients.User(userId.ToString()).SendAsync(AssistantHub.NotificationReceived, notification, cancellationToken);
}
