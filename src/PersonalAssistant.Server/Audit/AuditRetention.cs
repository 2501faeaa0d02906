using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Audit;

/// <summary>Audit events past their retention.</summary>
internal sealed class AuditRetention(AppDbContext db) : IRetainedData
{
    public string Kind => RetainedKinds.Audit;

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.AuditEvents.Where(e => e.OccurredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
}
