using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// Sign-in leftovers past their retention: sessions that ended (revoked or expired) before the cutoff with their refresh
/// tokens, refresh tokens used or expired before it, and sign-in challenges and verification codes that expired before it.
/// A live session and its current token are never touched.
/// </summary>
internal sealed class SessionRetention(AppDbContext db) : IRetainedData
{
    public string Kind => RetainedKinds.Sessions;

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var ended = db.Sessions.Where(s => s.RevokedAt < cutoff || s.ExpiresAt < cutoff).Select(s => s.Id);
        var tokens = await db.RefreshTokens
            .Where(t => t.ExpiresAt < cutoff || t.UsedAt < cutoff || ended.Contains(t.SessionId))
            .ExecuteDeleteAsync(cancellationToken);
        var sessions = await db.Sessions.Where(s => s.RevokedAt < cutoff || s.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var challenges = await db.MfaChallenges.Where(c => c.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var codes = await db.VerificationCodes.Where(c => c.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        return tokens + sessions + challenges + codes;
    }
}
