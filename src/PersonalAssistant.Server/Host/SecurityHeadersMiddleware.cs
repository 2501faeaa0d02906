using PersonalAssistant.Server.Features;

namespace PersonalAssistant.Server.Host;

/// <summary>Security headers on every response, errors included.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The web app's policy: everything from this origin, nothing inline, no framing.</summary>
    internal const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (Scalar) bootstraps with inline script and styles; it is still same-origin only.</summary>
    internal const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReference.Path)
                ? ApiReferencePolicy
                : AppPolicy;
            // API answers carry personal data (and the admin outbox, reset links): no browser or proxy keeps them,
            // unless an endpoint chose its own caching.
            if (context.Request.Path.StartsWithSegments(ApiRoutes.Root) && string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
