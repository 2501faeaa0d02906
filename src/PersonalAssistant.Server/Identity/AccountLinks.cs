using Microsoft.Extensions.Options;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// Links in account emails point at the web app's pages on <c>Auth:PublicBaseUrl</c>. Without it they point at
/// localhost on the port the request came in on: never at the request's Host header, which a caller controls
/// (a forged Host would otherwise send a reset token to the caller's site).
/// </summary>
internal static class AccountLinks
{
    public static Uri VerifyEmail(HttpContext context, string email, string token) =>
        Build(context, "verify-email", $"email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}");

    public static Uri ResetPassword(HttpContext context, string email, string token) =>
        Build(context, "reset-password", $"email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}");

    /// <summary>Any path of this instance as an absolute link, on the same base as the account links.</summary>
    public static Uri At(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(path);
        var link = Build(context, path.TrimStart('/'), string.Empty);
        return new Uri(link.GetLeftPart(UriPartial.Path));
    }

    private static Uri Build(HttpContext context, string page, string query)
    {
        var baseUrl = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.PublicBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            baseUrl = $"{context.Request.Scheme}://localhost:{context.Connection.LocalPort}";
        }

        return new Uri($"{baseUrl.TrimEnd('/')}/{page}?{query}");
    }
}
