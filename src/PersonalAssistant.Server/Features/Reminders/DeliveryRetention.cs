using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>
/// Delivery records past their retention. The dispatcher only consults records from a reminder's next occurrence on,
/// so an old record is never needed to keep an occurrence from being sent twice.
/// </summary>
internal sealed class DeliveryRetention(AppDbContext db) : IRetainedData
{
    public string Kind => RetainedKinds.Deliveries;

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Set<ReminderDelivery>().Where(d => d.At < cutoff).ExecuteDeleteAsync(cancellationToken);
}
