using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Privacy;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Profile;

/// <summary>How and when the assistant may reach the person.</summary>
internal static class PreferencesEndpoints
{
    private const string TimeFormat = "HH:mm";


    public static RouteGroupBuilder MapPreferencesEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/users/me/preferences").WithTags("Profile");
        group.MapGet("", GetPreferences).WithName("GetPreferences").WithSummary("My preferences");
        group.MapPut("", UpdatePreferences).WithName("UpdatePreferences").WithSummary("Replace my preferences")
            .WithDescription("Times are local to my time zone, as HH:mm (24-hour). Every field is checked; errors name the field.")
            .ProducesValidationProblem();
        return group;
    }

    public static async Task<Ok<PreferencesDto>> GetPreferences(AppDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var preferences = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Preferences).SingleAsync(cancellationToken);
        return TypedResults.Ok(PreferencesDto.From(preferences));
    }

    public static async Task<Results<Ok<PreferencesDto>, ValidationProblem>> UpdatePreferences(
        PreferencesDto request, AppDbContext db, ProfileCache profiles, ConsentService consents, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var speak = RequestLocale.Of(context);
        var errors = new Dictionary<string, string[]>();
        var quietStart = ParseTime(request.QuietHoursStart, "quietHoursStart", errors, speak);
        var quietEnd = ParseTime(request.QuietHoursEnd, "quietHoursEnd", errors, speak);
        var morning = ParseTime(request.MorningBriefingTime, "morningBriefingTime", errors, speak);
        var evening = ParseTime(request.EveningReviewTime, "eveningReviewTime", errors, speak);
        if ((quietStart is null) != (quietEnd is null) && !errors.ContainsKey("quietHoursStart") && !errors.ContainsKey("quietHoursEnd"))
        {
            errors["quietHoursEnd"] = [Texts.Get(speak, "Preferences.QuietHoursBothEnds")];
        }

        var channels = Channels.Read(request.PreferredChannels) ?? [];
        if (channels.Count == 0 || channels.Distinct().Count() != channels.Count)
        {
            errors["preferredChannels"] = [Texts.Get(speak, "Preferences.Channels")];
        }
        else if (channels.Contains(Channels.Sms)
                 && !await db.PhoneNumbers.AnyAsync(p => p.UserId == userId && p.VerifiedAt != null, cancellationToken))
        {
            errors["preferredChannels"] = [Texts.Get(speak, "Preferences.SmsNeedsPhone")];
        }

        var style = request.ReplyStyle.Trim().ToLowerInvariant();
        if (!ReplyStyles.All.Contains(style))
        {
            errors["replyStyle"] = [Texts.Get(speak, "Preferences.ReplyStyle")];
        }

        var currency = request.DefaultCurrency.Trim().ToUpperInvariant();
        if (!Currencies.IsKnown(currency))
        {
            errors["defaultCurrency"] = [Texts.Get(speak, "Preferences.Currency")];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(speak, errors);
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        await consents.StageChannelChangesAsync(userId, user.Locale, user.Preferences.PreferredChannels, channels, cancellationToken);
        user.Preferences = new UserPreferences
        {
            QuietHoursStart = quietStart,
            QuietHoursEnd = quietEnd,
            DailyNudgeCap = request.DailyNudgeCap,
            PreferredChannels = channels,
            ReplyStyle = style,
            MorningBriefingTime = morning,
            EveningReviewTime = evening,
            DefaultCurrency = currency,
            MissesBeforeBreakdown = request.MissesBeforeBreakdown,
        };
        await db.SaveChangesAsync(cancellationToken);
        profiles.Forget(user.Id); // the next message reads the new default currency, not the cached one
        return TypedResults.Ok(PreferencesDto.From(user.Preferences));
    }

    private static TimeOnly? ParseTime(string? value, string field, Dictionary<string, string[]> errors, string locale)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (TimeOnly.TryParseExact(value.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors[field] = [Texts.Get(locale, "Preferences.Time")];
        return null;
    }

    internal static string? Format(TimeOnly? time) => time?.ToString(TimeFormat, CultureInfo.InvariantCulture);
}

/// <summary>The person's preferences. Times are local, "HH:mm", or null for "not set".</summary>
/// <param name="QuietHoursStart">No unrequested nudges from this time…</param>
/// <param name="QuietHoursEnd">…until this time (may be the next day).</param>
/// <param name="DailyNudgeCap">At most this many unrequested nudges a day (0 to 50; 0 turns them off).</param>
/// <param name="PreferredChannels">web, push, sms, email, in order of preference.</param>
/// <param name="ReplyStyle">brief or detailed.</param>
/// <param name="MorningBriefingTime">When the day's plan arrives, or null for none.</param>
/// <param name="EveningReviewTime">When the evening review arrives, or null for none.</param>
/// <param name="DefaultCurrency">ISO 4217, used when an expense names none.</param>
/// <param name="MissesBeforeBreakdown">After this many missed days a task is offered a breakdown (1 to 10).</param>
internal sealed record PreferencesDto(
    [property: StringLength(5)] string? QuietHoursStart,
    [property: StringLength(5)] string? QuietHoursEnd,
    [property: Range(0, 50)] int DailyNudgeCap,
    [property: Required, MaxLength(3)] IReadOnlyList<string> PreferredChannels,
    [property: Required, StringLength(16)] string ReplyStyle,
    [property: StringLength(5)] string? MorningBriefingTime,
    [property: StringLength(5)] string? EveningReviewTime,
    [property: Required, StringLength(3, MinimumLength = 3)] string DefaultCurrency,
    [property: Range(1, 10)] int MissesBeforeBreakdown)
{
    public static PreferencesDto From(UserPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return new PreferencesDto(
            PreferencesEndpoints.Format(preferences.QuietHoursStart),
            PreferencesEndpoints.Format(preferences.QuietHoursEnd),
            preferences.DailyNudgeCap,
            preferences.PreferredChannels,
            preferences.ReplyStyle,
            PreferencesEndpoints.Format(preferences.MorningBriefingTime),
            PreferencesEndpoints.Format(preferences.EveningReviewTime),
            preferences.DefaultCurrency,
            preferences.MissesBeforeBreakdown);
    }
}
