namespace PersonalAssistant.Server.Identity;

/// <summary>What a person (or an administrator) sees of an account. Never a hash, stamp, secret or code.</summary>
/// <param name="Id">The account id.</param>
/// <param name="Email">The sign-in address.</param>
/// <param name="EmailConfirmed">Whether the address was confirmed from its email.</param>
/// <param name="DisplayName">How the assistant addresses the person.</param>
/// <param name="TimeZone">IANA zone.</param>
/// <param name="Locale">en or fr.</param>
/// <param name="Roles">The account's roles (each includes the ones below it).</param>
/// <param name="MfaEnabled">Whether sign-in asks for a second factor.</param>
/// <param name="IsActive">False when an administrator deactivated the account.</param>
/// <param name="CreatedAt">When the account was created (UTC).</param>
/// <param name="DeletionDueAt">When the account is to be deleted (UTC), if its owner asked; signing in before then can cancel it.</param>
internal sealed record UserProfile(
    Guid Id,
    string Email,
    bool EmailConfirmed,
    string DisplayName,
    string TimeZone,
    string Locale,
    IReadOnlyList<string> Roles,
    bool MfaEnabled,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletionDueAt)
{
    public static UserProfile From(AppUser user, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserProfile(user.Id, user.Email ?? string.Empty, user.EmailConfirmed, user.DisplayName, user.TimeZone, user.Locale,
            roles.OrderBy(role => AppRoles.Rank(role)).ToList(), user.HasMfa, user.IsActive, user.CreatedAt, user.DeletionDueAt);
    }
}
