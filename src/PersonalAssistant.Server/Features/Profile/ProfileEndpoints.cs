using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Profile;

/// <summary>The signed-in person's own account.</summary>
internal static class ProfileEndpoints
{

    public static RouteGroupBuilder MapProfileEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/users/me").WithTags("Profile");
        group.MapGet("", GetMe).WithName("GetMe").WithSummary("My account");
        group.MapPatch("", UpdateMe).WithName("UpdateMe").WithSummary("Change my name, time zone or language")
            .ProducesValidationProblem();
        return group;
    }

    /// <summary>
    /// The hottest authenticated read: at most one untracked query every 2 seconds (<see cref="ProfileCache"/>). Roles
    /// come from the token, which is at most a few seconds behind a role change (the change marks older tokens stale
    /// and the client refreshes).
    /// </summary>
    public static async Task<Results<Ok<UserProfile>, UnauthorizedHttpResult>> GetMe(
        AppDbContext db, ProfileCache profiles, HttpContext context, CancellationToken cancellationToken)
    {
        var user = await profiles.GetAsync(db, context.User.UserId(), cancellationToken);
        return user is null
            ? TypedResults.Unauthorized()
            : TypedResults.Ok(UserProfile.From(user, context.User.FindAll(CurrentUser.RoleClaim).Select(claim => claim.Value)));
    }

    public static async Task<Results<Ok<UserProfile>, ValidationProblem, UnauthorizedHttpResult>> UpdateMe(
        UpdateProfileRequest request, UserManager<AppUser> users, ProfileCache profiles, HttpContext context)
    {
        var user = await users.FindByIdAsync(context.User.UserId().ToString());
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var speak = RequestLocale.Of(context);
        var errors = new Dictionary<string, string[]>();
        if (request.DisplayName is { } name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                errors["displayName"] = [Texts.Get(speak, "Profile.DisplayName")];
            }

            user.DisplayName = name.Trim();
        }

        if (request.TimeZone is { } zone)
        {
            if (!TimeZones.IsValid(zone.Trim()))
            {
                errors["timeZone"] = [Texts.Get(speak, "Auth.TimeZone")];
            }

            user.TimeZone = zone.Trim();
        }

        if (request.Locale is { } locale)
        {
            if (!Locales.All.Contains(locale.Trim().ToLowerInvariant()))
            {
                errors["locale"] = [Texts.Get(speak, "Auth.Locale")];
            }

            user.Locale = locale.Trim().ToLowerInvariant();
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(speak, errors);
        }

        await users.UpdateAsync(user);
        profiles.Forget(user.Id);
        return TypedResults.Ok(UserProfile.From(user, await users.GetRolesAsync(user)));
    }
}

/// <summary>Only the fields sent change.</summary>
/// <param name="DisplayName">How the assistant addresses the person.</param>
/// <param name="TimeZone">IANA zone.</param>
/// <param name="Locale">en or fr.</param>
internal sealed record UpdateProfileRequest(
    [property: StringLength(100)] string? DisplayName,
    [property: StringLength(64)] string? TimeZone,
    [property: StringLength(8)] string? Locale);
