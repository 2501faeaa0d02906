using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Messaging;

/// <summary>Emails and texts kept for an erased account, or addressed to its email address or numbers, go with it.</summary>
internal sealed class MessagingErasure(AppDbContext db) : IAccountErasure
{
    public async Task EraseAsync(ErasedAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var id = account.UserId;
        var addresses = account.PhoneNumbers.Append(account.Email ?? string.Empty).Where(a => a.Length > 0).ToList();
        await db.Outbox.Where(m => m.UserId == id || addresses.Contains(m.Recipient)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<QueuedEmail>().Where(m => m.UserId == id || addresses.Contains(m.Recipient)).ExecuteDeleteAsync(cancellationToken);
    }
}
