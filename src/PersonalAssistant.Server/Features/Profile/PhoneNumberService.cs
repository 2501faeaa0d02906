using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Profile;

/// <summary>Who a verified number belongs to, and whether it takes SMS: what the SMS channel asks of the Profile feature.</summary>
internal sealed class PhoneNumberService(AppDbContext db, TimeProvider time)
{
    /// <summary>The account that verified <paramref name="e164"/>, with its opt-out; null when no account did.</summary>
    public async Task<VerifiedNumberResponse?> FindVerifiedAsync(string e164, CancellationToken cancellationToken) =>
        await db.PhoneNumbers.AsNoTracking().Where(p => p.E164 == e164 && p.VerifiedAt != null)
            .Select(p => new VerifiedNumberResponse(p.UserId, p.E164, p.VerifiedAt!.Value, p.OptedOutAt != null))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The person's verified numbers, primary first.</summary>
    public async Task<IReadOnlyList<VerifiedNumberResponse>> VerifiedOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.PhoneNumbers.AsNoTracking().Where(p => p.UserId == userId && p.VerifiedAt != null)
            .OrderByDescending(p => p.IsPrimary).ThenBy(p => p.CreatedAt)
            .Select(p => new VerifiedNumberResponse(p.UserId, p.E164, p.VerifiedAt!.Value, p.OptedOutAt != null))
            .ToListAsync(cancellationToken);

    /// <summary>The number SMS to the person go to: the first verified one (primary first) that has not opted out; null when none.</summary>
    public async Task<string?> SmsTargetAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.PhoneNumbers.AsNoTracking().Where(p => p.UserId == userId && p.VerifiedAt != null && p.OptedOutAt == null)
            .OrderByDescending(p => p.IsPrimary).ThenBy(p => p.CreatedAt).Select(p => p.E164).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Opts <paramref name="e164"/> out of every SMS (STOP) or back in (START): on every account row holding it (verified
    /// or not: the person who texted STOP asked for no SMS at all) and in the list of opted-out numbers, which a number
    /// added later starts from. Answers how many account rows changed.
    /// </summary>
    public async Task<int> SetOptedOutAsync(string e164, bool optedOut, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!optedOut)
        {
            await db.Set<SmsOptOut>().Where(o => o.E164 == e164).ExecuteDeleteAsync(cancellationToken);
            return await db.PhoneNumbers.Where(p => p.E164 == e164 && p.OptedOutAt != null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.OptedOutAt, (DateTimeOffset?)null), cancellationToken);
        }

        if (!await db.Set<SmsOptOut>().AnyAsync(o => o.E164 == e164, cancellationToken))
        {
            db.Set<SmsOptOut>().Add(new SmsOptOut { E164 = e164, OptedOutAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation())
            {
                db.ChangeTracker.Clear(); // a STOP at the same moment recorded it
            }
        }

        return await db.PhoneNumbers.Where(p => p.E164 == e164 && p.OptedOutAt == null).ExecuteUpdateAsync(s => s.SetProperty(p => p.OptedOutAt, now), cancellationToken);
    }

    /// <summary>When <paramref name="e164"/> texted STOP (and not START since), or null.</summary>
    public async Task<DateTimeOffset?> OptedOutAtAsync(string e164, CancellationToken cancellationToken) =>
        await db.Set<SmsOptOut>().AsNoTracking().Where(o => o.E164 == e164).Select(o => (DateTimeOffset?)o.OptedOutAt).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>A verified number and the account it belongs to.</summary>
internal sealed record VerifiedNumberResponse(Guid UserId, string Number, DateTimeOffset VerifiedAt, bool OptedOut);
