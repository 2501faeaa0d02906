using Microsoft.EntityFrameworkCore;

namespace PersonalAssistant.Server.Persistence;

/// <summary>Owner checks one feature needs about another feature's rows (a reminder linking a task).</summary>
internal static class Ownership
{
    public static Task<bool> OwnsTaskAsync(this AppDbContext db, Guid userId, Guid taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Tasks.AnyAsync(t => t.Id == taskId && t.UserId == userId, cancellationToken);
    }
}
