using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common.RateLimiting;

namespace PersonalAssistant.Server.Identity;

internal enum SignInBlock
{
    None,

    /// <summary>This address failed too often on this account: it waits out the lockout, other addresses do not.</summary>
    SourceLockedOut,

    /// <summary>The account failed too often from everywhere: only addresses it signed in from before may try.</summary>
    AccountUnderAttack,
}

/// <summary>
/// Failed sign-ins counted per (account, source address), so a stranger who does not know the password can only
/// lock out their own address: <see cref="AuthOptions.MaxFailedAccessAttempts"/> failures lock that pair for
/// <see cref="AuthOptions.LockoutMinutes"/>. A much larger ceiling counts failures per account from all addresses
/// (<see cref="RateLimitOptions.SignInFailuresPerAccount"/>); above it, new addresses are refused until the window
/// ends while addresses the account signed in from in the last 30 days still may sign in. Identity's own
/// AccessFailedCount is no longer used; its LockoutEnd stays the administrator's lock.
/// </summary>
internal sealed class SignInGuard(FailureCounters counters, IOptions<AuthOptions> auth, IOptions<RateLimitOptions> limits, TimeProvider time)
{
    private static readonly TimeSpan KnownSourceLifetime = TimeSpan.FromDays(30);

    public TimeSpan LockoutWindow => TimeSpan.FromMinutes(auth.Value.LockoutMinutes);

    public TimeSpan CeilingWindow => limits.Value.SignInFailuresPerAccount.Window;

    public async Task<SignInBlock> CheckAsync(Guid userId, string? address)
    {
        if (await counters.CountAsync(await SourceKeyAsync(userId, address)) >= auth.Value.MaxFailedAccessAttempts)
        {
            return SignInBlock.SourceLockedOut;
        }

        if (await counters.CountAsync(AccountKey(userId)) >= limits.Value.SignInFailuresPerAccount.PermitLimit
            && await counters.CountAsync(KnownKey(userId, address)) == 0)
        {
            return SignInBlock.AccountUnderAttack;
        }

        return SignInBlock.None;
    }

    /// <summary>Counts a wrong password or code; true when this address is now locked out of the account.</summary>
    public async Task<bool> RecordFailureAsync(Guid userId, string? address)
    {
        await counters.AddAsync(AccountKey(userId), CeilingWindow);
        var locked = await counters.AddAsync(await SourceKeyAsync(userId, address), LockoutWindow) >= auth.Value.MaxFailedAccessAttempts;
        if (locked)
        {
            // For the administrators, who may lift it: the lock's window started at the address's first failure, so
            // this is the latest it can end. A later lock of another address ends later and replaces it.
            var until = time.GetUtcNow() + LockoutWindow;
            await counters.MarkAsync(await LockedKeyAsync(userId), LockoutWindow, until.ToUnixTimeMilliseconds());
        }

        return locked;
    }

    /// <summary>Until when (at the latest) some address is locked out of the account after failed sign-ins; null when none is.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(Guid userId)
    {
        var until = await counters.CountAsync(await LockedKeyAsync(userId));
        return until > time.GetUtcNow().ToUnixTimeMilliseconds() ? DateTimeOffset.FromUnixTimeMilliseconds(until) : null;
    }

    public async Task RecordSuccessAsync(Guid userId, string? address)
    {
        await counters.ResetAsync(await SourceKeyAsync(userId, address));
        await counters.MarkAsync(KnownKey(userId, address), KnownSourceLifetime);
    }

    /// <summary>
    /// Lifts every address's lockout of the account (an administrator's unlock, a password reset) and its ceiling:
    /// the per-address counters cannot be listed, so the account moves to a new generation of keys.
    /// </summary>
    public async Task ReleaseAsync(Guid userId)
    {
        await counters.AddAsync(GenerationKey(userId), TimeSpan.FromDays(365));
        await counters.ResetAsync(AccountKey(userId));
    }

    private async Task<string> SourceKeyAsync(Guid userId, string? address) =>
        $"signin:{userId:N}:g{await counters.CountAsync(GenerationKey(userId))}:{address ?? "unknown"}";

    private async Task<string> LockedKeyAsync(Guid userId) => $"locked:{userId:N}:g{await counters.CountAsync(GenerationKey(userId))}";

    private static string GenerationKey(Guid userId) => $"generation:{userId:N}";

    private static string AccountKey(Guid userId) => $"signin:{userId:N}";

    private static string KnownKey(Guid userId, string? address) => $"known:{userId:N}:{address ?? "unknown"}";
}
