using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Notifications;

/// <summary>In-app notifications past their retention, read or not.</summary>
internal sealed class NotificationRetention(AppDbContext db) : IRetainedData
{
    public string Kind => RetainedKinds.Notifications;

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Notifications.Where(n => n.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
}
