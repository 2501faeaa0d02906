using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Auth;

/// <summary>
/// The browser's refresh token: httpOnly (no script reads it), Secure, SameSite=Strict (never sent cross-site),
/// scoped to the refresh path so that no other request carries it.
/// </summary>
internal static class RefreshCookie
{
    public const string Name = "pa_refresh";

    /// <summary>
    /// A companion cookie script may read, holding no secret: it only tells the web app that a refresh cookie exists,
    /// so a visitor who never signed in is not sent to the refresh endpoint (and a 401) on every page load.
    /// </summary>
    public const string HintName = "pa_signed_in";
    public const string Path = ApiRoutes.Prefix + "/auth/refresh";

    public static LoginResponse Deliver(HttpContext context, IssuedTokens tokens, bool inBody)
    {
        if (inBody)
        {
            Clear(context);
            return new LoginResponse(false, AccessToken: tokens.AccessToken, TokenType: "Bearer", ExpiresIn: tokens.ExpiresInSeconds,
                RefreshToken: tokens.RefreshToken);
        }

        context.Response.Cookies.Append(Name, tokens.RefreshToken, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = Path,
            Expires = tokens.RefreshExpiresAt,
            IsEssential = true,
        });
        context.Response.Cookies.Append(HintName, "1", new CookieOptions
        {
            HttpOnly = false,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = tokens.RefreshExpiresAt,
            IsEssential = true,
        });
        return new LoginResponse(false, AccessToken: tokens.AccessToken, TokenType: "Bearer", ExpiresIn: tokens.ExpiresInSeconds);
    }

    public static void Clear(HttpContext context)
    {
        context.Response.Cookies.Delete(Name, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = Path });
        context.Response.Cookies.Delete(HintName, new CookieOptions { Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });
    }

    public static string? Read(HttpContext context) => context.Request.Cookies.TryGetValue(Name, out var value) ? value : null;
}
