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
        string? detail = null,
        CancellationToken cancellationToken = default)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = time.GetUtcNow(),
            Action = action,
            Outcome = outcome,
            ActorUserId = actor,
            SubjectUserId = subject,
            IpAddress = client.IpAddress,
            UserAgent = client.UserAgent,
            Detail = detail is { Length: > 256 } ? detail[..256] : detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
