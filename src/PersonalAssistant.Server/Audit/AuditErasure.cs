using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Audit;

/// <summary>
/// The audit log outlives an erased account but stops naming it: entries where the person acted or was the subject
/// keep what happened and when, with the person's id, address and browser removed.
/// </summary>
internal sealed class AuditErasure(AppDbContext db) : IAccountErasure
{
    public async Task EraseAsync(ErasedAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var id = account.UserId;
        await db.AuditEvents.Where(e => e.ActorUserId == id)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ActorUserId, (Guid?)null).SetProperty(e => e.IpAddress, (string?)null)
                .SetProperty(e => e.UserAgent, (string?)null), cancellationToken);
        await db.AuditEvents.Where(e => e.SubjectUserId == id)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.SubjectUserId, (Guid?)null), cancellationToken);
    }
}
