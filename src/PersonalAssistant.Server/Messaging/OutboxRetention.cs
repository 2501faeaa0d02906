using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Messaging;

/// <summary>Outbox messages (simulator mode) past their retention.</summary>
internal sealed class OutboxRetention(AppDbContext db) : IRetainedData
{
    public string Kind => RetainedKinds.Outbox;

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        db.Outbox.Where(m => m.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
}
