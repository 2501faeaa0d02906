using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Identity;

/// <summary>What a successful sign-in or refresh hands the client.</summary>
internal sealed record IssuedTokens(Guid SessionId, string AccessToken, int ExpiresInSeconds, string RefreshToken, DateTimeOffset RefreshExpiresAt);

internal enum RefreshFailure
{
    None,
    Unknown,
    Reused,
    SessionEnded,
}

/// <summary>
/// Sessions and their tokens: one session per device sign-in, refresh tokens rotated on every use, a reused
/// refresh token revokes the whole session, at most <see cref="AuthOptions.MaxSessionsPerUser"/> live at once.
/// </summary>
internal sealed class SessionService(
    AppDbContext db,
    UserManager<AppUser> users,
    TokenIssuer tokens,
    SessionRevocation revocation,
    AuditLog audit,
    IOptions<AuthOptions> options,
    TimeProvider time)
{
    private AuthOptions Auth => options.Value;

    public async Task<IssuedTokens> StartAsync(AppUser user, ClientInfo client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var session = new UserSession
        {
            UserId = user.Id,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now.AddDays(Auth.SessionAbsoluteDays),
            DeviceLabel = DeviceLabel.From(client.UserAgent),
            UserAgent = client.UserAgent,
            IpAddress = client.IpAddress,
        };
        db.Sessions.Add(session);
        user.LastLoginAt = now;
        var refresh = NewRefreshToken(session, now);
        await db.SaveChangesAsync(cancellationToken);

        await RevokeBeyondLimitAsync(user.Id, cancellationToken);
        var roles = await users.GetRolesAsync(user);
        var (access, expiresIn) = tokens.CreateAccessToken(user.Id, session.Id, roles);
        return new IssuedTokens(session.Id, access, expiresIn, refresh.Token, refresh.Entity.ExpiresAt);
    }

    public async Task<(IssuedTokens? Tokens, RefreshFailure Failure)> RefreshAsync(string presented, ClientInfo client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = SecretHasher.HashToken(presented);
        var stored = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (stored is null)
        {
            return (null, RefreshFailure.Unknown);
        }

        var session = await db.Sessions.SingleAsync(s => s.Id == stored.SessionId, cancellationToken);
        // Claim the token atomically: of two requests presenting it, exactly one wins; the other is a reuse.
        var claimed = stored.UsedAt is null && await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken) == 1;
        if (!claimed)
        {
            if (session.RevokedAt is null)
            {
                await RevokeAsync([session], "refresh_reuse", cancellationToken);
                await audit.RecordAsync(AuditActions.RefreshReuse, AuditOutcome.Denied, client, actor: null, subject: session.UserId,
                    detail: AuditDetail.Of(AuditDetails.SessionEnded), cancellationToken);
            }

            return (null, RefreshFailure.Reused);
        }

        var user = await users.FindByIdAsync(session.UserId.ToString());
        if (!session.IsActiveAt(now, Auth.SessionIdleTimeout) || stored.ExpiresAt <= now || user is not { IsActive: true })
        {
            return (null, RefreshFailure.SessionEnded);
        }

        session.LastSeenAt = now;
        session.IpAddress = client.IpAddress ?? session.IpAddress;
        var refresh = NewRefreshToken(session, now);
        await db.SaveChangesAsync(cancellationToken);

        var roles = await users.GetRolesAsync(user);
        var (access, expiresIn) = tokens.CreateAccessToken(user.Id, session.Id, roles);
        return (new IssuedTokens(session.Id, access, expiresIn, refresh.Token, refresh.Entity.ExpiresAt), RefreshFailure.None);
    }

    public async Task<IReadOnlyList<UserSession>> ActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var idleSince = now - Auth.SessionIdleTimeout;
        return await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Revokes one of the person's sessions; false when it is not theirs or already ended.</summary>
    public async Task<bool> RevokeOwnAsync(Guid userId, Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null, cancellationToken);
        if (session is null)
        {
            return false;
        }

        await RevokeAsync([session], reason, cancellationToken);
        return true;
    }

    /// <summary>Revokes every live session of a person except <paramref name="keep"/>; returns how many ended.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, Guid? keep, string reason, CancellationToken cancellationToken)
    {
        var sessions = await db.Sessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && (keep == null || s.Id != keep))
            .ToListAsync(cancellationToken);
        await RevokeAsync(sessions, reason, cancellationToken);
        return sessions.Count;
    }

    /// <summary>
    /// Ends every other session of the signed-in caller and keeps the one making the request: after a change of
    /// credentials (password, a new second factor) or when the person asks to sign out their other devices.
    /// </summary>
    public Task<int> RevokeOthersAsync(ClaimsPrincipal caller, string reason, CancellationToken cancellationToken) =>
        RevokeAllAsync(caller.UserId(), keep: caller.SessionId(), reason, cancellationToken);

    /// <summary>Access tokens of the person's live sessions issued before now stop working; refresh gives new ones.</summary>
    public async Task MarkStaleAsync(Guid userId, CancellationToken cancellationToken)
    {
        var validAfter = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var sessions = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var session in sessions)
        {
            session.AccessTokensValidAfter = validAfter;
        }

        await db.SaveChangesAsync(cancellationToken);
        await revocation.StaleAsync(sessions.Select(s => s.Id).ToList(), validAfter);
    }

    private async Task RevokeAsync(List<UserSession> sessions, string reason, CancellationToken cancellationToken)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var session in sessions)
        {
            session.RevokedAt = now;
            session.RevokedReason = reason;
        }

        await db.SaveChangesAsync(cancellationToken);
        await revocation.RevokedAsync(sessions.Select(s => s.Id).ToList());
    }

    private async Task RevokeBeyondLimitAsync(Guid userId, CancellationToken cancellationToken)
    {
        var live = await db.Sessions
            .Where(s => s.UserId == userId && s.RevokedAt == null)
            .OrderByDescending(s => s.CreatedAt)
            .ToListAsync(cancellationToken);
        var excess = live.Skip(Auth.MaxSessionsPerUser).ToList();
        await RevokeAsync(excess, "session_limit", cancellationToken);
    }

    private (string Token, RefreshToken Entity) NewRefreshToken(UserSession session, DateTimeOffset now)
    {
        var token = SecretHasher.NewToken();
        var entity = new RefreshToken
        {
            SessionId = session.Id,
            TokenHash = SecretHasher.HashToken(token),
            CreatedAt = now,
            ExpiresAt = Min(now + Auth.SessionIdleTimeout, session.ExpiresAt),
        };
        db.RefreshTokens.Add(entity);
        return (token, entity);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
