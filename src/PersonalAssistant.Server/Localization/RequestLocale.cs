using Microsoft.Net.Http.Headers;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Localization;

/// <summary>
/// The language a request is answered in: the signed-in person's profile locale, else the best supported language of
/// <c>Accept-Language</c>, else English. <see cref="Middleware"/> settles it once per request after authentication;
/// everything that writes text for the request (problem details, field errors) reads it with <see cref="Of"/>.
/// </summary>
internal static class RequestLocale
{
    private const string ItemKey = "pa.locale";

    /// <summary>The request's locale ("en", "fr").</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ItemKey] as string ?? FromAcceptLanguage(context.Request);
    }

    /// <summary>The supported language the client prefers most, by quality then order; English when none is.</summary>
    public static string FromAcceptLanguage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var ranges))
        {
            return Locales.English;
        }

        foreach (var range in ranges.Where(r => r.Quality is not 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var language = range.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (language is not null && Locales.All.Contains(language))
            {
                return language;
            }
        }

        return Locales.English;
    }

    /// <summary>Reads the signed-in person's locale (through the 2-second profile cache) before the endpoint runs.</summary>
    internal sealed class Middleware(RequestDelegate next)
    {
        public async Task InvokeAsync(HttpContext context, ProfileCache profiles)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(profiles);
            if (context.User.UserIdOrNull() is { } userId)
            {
                var db = context.RequestServices.GetRequiredService<AppDbContext>();
                if (await profiles.GetAsync(db, userId, context.RequestAborted) is { } user && Locales.All.Contains(user.Locale))
                {
                    context.Items[ItemKey] = user.Locale;
                }
            }

            await next(context);
        }
    }
}
