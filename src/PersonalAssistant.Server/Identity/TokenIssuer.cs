using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Identity;

/// <summary>Signs access tokens (HS256, the only algorithm validation accepts) and describes how they are validated.</summary>
internal sealed class TokenIssuer(ServerSecrets secrets, IOptions<AuthOptions> options, TimeProvider time)
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public SymmetricSecurityKey SigningKey { get; } = new(secrets.JwtSigningKey) { KeyId = "pa-1" };

    public (string Token, int ExpiresInSeconds) CreateAccessToken(Guid userId, Guid sessionId, IEnumerable<string> roles)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime;
        var claims = new List<Claim>
        {
            new(CurrentUser.UserIdClaim, userId.ToString()),
            new(CurrentUser.SessionIdClaim, sessionId.ToString()),
            new(JwtRegisteredClaimNames.Jti, Ids.NewV7().ToString("N")),
            new(CurrentUser.IssuedAtMillisecondsClaim, now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ClaimValueTypes.Integer64),
        };
        claims.AddRange(roles.Select(role => new Claim(CurrentUser.RoleClaim, role)));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey, Algorithm),
        });
        return (token, (int)lifetime.TotalSeconds);
    }

    /// <summary>Strict validation: pinned algorithm, issuer, audience, lifetime, signed tokens only.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [Algorithm],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        LifetimeValidator = IsLive,
        NameClaimType = CurrentUser.UserIdClaim,
        RoleClaimType = CurrentUser.RoleClaim,
    };

    /// <summary>The lifetime check, on the host's clock (the one that set the lifetime) rather than the system's.</summary>
    private bool IsLive(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } end && end.ToUniversalTime() >= now - parameters.ClockSkew
            && (notBefore is not { } start || start.ToUniversalTime() <= now + parameters.ClockSkew);
    }
}
