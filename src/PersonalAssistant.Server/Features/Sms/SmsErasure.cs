using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Texts from or to an erased account's numbers go with it, those from before a number was verified included (they
/// carry no account id, so the cascade does not reach them); so do the numbers' STOP records.
/// </summary>
internal sealed class SmsErasure(AppDbContext db) : IAccountErasure
{
    public async Task EraseAsync(ErasedAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var id = account.UserId;
        var numbers = account.PhoneNumbers;
        await db.Set<SmsMessage>().Where(m => m.UserId == id || numbers.Contains(m.From) || numbers.Contains(m.To)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<SmsOptOut>().Where(o => numbers.Contains(o.E164)).ExecuteDeleteAsync(cancellationToken);
    }
}
