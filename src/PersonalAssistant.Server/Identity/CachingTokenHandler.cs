using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// Remembers a token that passed full validation (signature, issuer, audience, lifetime) until it expires, so a
/// client's next requests with the same token skip re-parsing and re-verifying it. Only valid tokens are kept, keyed
/// by the whole token string; the session check still runs on every request. A remembered token past its expiry by
/// the host's clock is validated again (and refused): the cache's own clock is not the host's.
/// </summary>
internal sealed class CachingTokenHandler(IMemoryCache cache, TimeProvider time) : JsonWebTokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var key = new CacheKey(token);
        if (cache.TryGetValue(key, out TokenValidationResult? remembered) && remembered is not null
            && remembered.SecurityToken.ValidTo > time.GetUtcNow().UtcDateTime)
        {
            return remembered;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt)
        {
            cache.Set(key, result, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        }

        return result;
    }

    private sealed record CacheKey(string Token);
}
