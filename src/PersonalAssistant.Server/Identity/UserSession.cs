using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Identity;

/// <summary>One signed-in device. Access tokens carry its id; refresh tokens belong to it.</summary>
internal sealed class UserSession
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end of the session, whatever its activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }

    /// <summary>Access tokens issued before this instant are refused (roles changed); the client refreshes.</summary>
    public DateTimeOffset? AccessTokensValidAfter { get; set; }

    public string DeviceLabel { get; set; } = string.Empty;

    public string? UserAgent { get; set; }

    public string? IpAddress { get; set; }

    public bool IsActiveAt(DateTimeOffset now, TimeSpan idleTimeout) =>
        RevokedAt is null && now < ExpiresAt && now - LastSeenAt < idleTimeout;
}

/// <summary>An opaque refresh token, stored as a SHA-256 hash. Each use replaces it; a second use revokes the session.</summary>
internal sealed class RefreshToken
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid SessionId { get; set; }

    public string TokenHash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>The step between a correct password and a second factor, identified by a hashed one-time token.</summary>
internal sealed class MfaChallenge
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public string TokenHash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Whether the refresh token goes in the body rather than a cookie once the challenge is met.</summary>
    public bool TokenInBody { get; set; }

    public string? UserAgent { get; set; }

    public string? IpAddress { get; set; }
}

/// <summary>A single-use MFA recovery code, stored hashed.</summary>
internal sealed class RecoveryCode
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public string CodeHash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
