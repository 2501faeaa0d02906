using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Audit;

/// <summary>Writes security events to the audit trail at once, whatever happens to the rest of the request.</summary>
internal sealed class AuditLog(AppDbContext db, TimeProvider time)
{
    public async Task RecordAsync(
        string action,
        AuditOutcome outcome,
        ClientInfo client,
        Guid? actor,
        Guid? subject,
        AuditDetail? detail = null,
        CancellationToken cancellationToken = default)
    {
        Stage(action, outcome, client, actor, subject, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the event to the request's unit of work without a round trip of its own: the next save writes it. For
    /// answers whose timing must not depend on the number of writes (forgot-password writes the event together
    /// with the outbox message).
    /// </summary>
    public void Stage(string action, AuditOutcome outcome, ClientInfo client, Guid? actor, Guid? subject, AuditDetail? detail = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = time.GetUtcNow(),
            Action = action,
            Outcome = outcome,
            ActorUserId = actor,
            SubjectUserId = subject,
            IpAddress = client.IpAddress,
            UserAgent = client.UserAgent,
            Detail = detail?.ToStored(),
        });
    }

    /// <summary>Writes staged events (nothing to do, and no round trip, when another save already wrote them).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
