using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Host;

/// <summary>Where the built web app lives (section <c>WebApp</c>).</summary>
internal sealed class WebAppOptions
{
    public const string Section = "WebApp";

    /// <summary>A folder holding the built app's index.html. Unset: wwwroot when published, else ../../web/dist.</summary>
    public string? RootPath { get; set; }

    internal sealed class Validator : IValidateOptions<WebAppOptions>
    {
        public ValidateOptionsResult Validate(string? name, WebAppOptions options)
        {
            var failures = new OptionsFailures();
            if (options.RootPath is { Length: > 0 } root && !File.Exists(Path.Combine(Path.GetFullPath(root), "index.html")))
            {
                failures.Add("WebApp:RootPath", $"has no index.html in '{Path.GetFullPath(root)}'.");
            }

            return failures.ToResult();
        }
    }
}

/// <summary>
/// Serves the React app with SPA fallback for client routes. Unknown <c>/api/*</c> paths stay 404 problems, and
/// files that do not exist are 404s rather than the app's page.
/// </summary>
internal static class WebAppHosting
{
    public static IServiceCollection AddWebApp(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebAppOptions, WebAppOptions.Validator>(WebAppOptions.Section);
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<ClientRouteConstraint>("clientroute"));
        return services;
    }

    public static void UseWebAppFiles(this WebApplication app)
    {
        if (ResolveFiles(app) is { } files)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = SetCaching });
        }
    }

    /// <summary>
    /// Client routes: GET or HEAD of any path that is not under /api and does not look like a file. Keeping /api
    /// out gives an unknown API path a 404 problem; keeping other methods out lets routing answer 405.
    /// </summary>
    internal const string ClientRoutePattern = "{**path:clientroute}";

    private static readonly HttpMethodMetadata ClientRouteMethods = new([HttpMethods.Get, HttpMethods.Head]);

    public static void MapWebApp(this WebApplication app)
    {
        if (ResolveFiles(app) is { } files)
        {
            app.MapFallbackToFile(ClientRoutePattern, "index.html",
                    new StaticFileOptions { FileProvider = files, OnPrepareResponse = SetCaching })
                .WithMetadata(ClientRouteMethods)
                .AllowAnonymous();
        }
        else
        {
            app.MapFallback(ClientRoutePattern, WebAppNotBuilt).WithMetadata(ClientRouteMethods).AllowAnonymous().ExcludeFromDescription();
        }
    }

    private static PhysicalFileProvider? ResolveFiles(WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<WebAppOptions>>().Value.RootPath;
        string[] candidates = configured is { Length: > 0 }
            ? [Path.GetFullPath(configured)]
            : [Path.Combine(app.Environment.ContentRootPath, "wwwroot"),
               Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, "..", "..", "web", "dist"))];
        var root = candidates.FirstOrDefault(path => File.Exists(Path.Combine(path, "index.html")));
        return root is null ? null : new PhysicalFileProvider(root);
    }

    private static void SetCaching(StaticFileResponseContext context)
    {
        // Vite fingerprints everything under /assets; the page itself must always be revalidated.
        context.Context.Response.Headers[HeaderNames.CacheControl] =
            context.Context.Request.Path.StartsWithSegments("/assets")
                ? "public, max-age=31536000, immutable"
                : "no-cache";
    }

    private static ProblemHttpResult WebAppNotBuilt() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "The web app is not built.",
        detail: "Build it with 'dotnet build' (which runs the web build) or set WebApp:RootPath.");
}

/// <summary>A path the web app's router owns: not under /api, and not a file name (those are 404s when missing).</summary>
internal sealed class ClientRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        var path = values.TryGetValue(routeKey, out var value) ? value as string ?? string.Empty : string.Empty;
        if (path.Equals("api", StringComparison.OrdinalIgnoreCase) || path.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var lastSegment = path[(path.LastIndexOf('/') + 1)..];
        return !lastSegment.Contains('.', StringComparison.Ordinal);
    }
}
