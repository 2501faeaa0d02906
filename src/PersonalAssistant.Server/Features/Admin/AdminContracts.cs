using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging;

namespace PersonalAssistant.Server.Features.Admin;

/// <summary>Filters for the account list.</summary>
/// <param name="Search">Part of an email address or display name.</param>
/// <param name="Role">user, premium or administrator.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">1 to 100 (default 20).</param>
/// <param name="Sort">email, -email, displayName, -displayName, createdAt, -createdAt (default), lastLoginAt, -lastLoginAt.</param>
internal sealed record AdminUserQuery(
    [property: StringLength(254)][FromQuery(Name = "search")] string? Search,
    [property: StringLength(32)][FromQuery(Name = "role")] string? Role,
    [property: Range(1, PagingLimits.MaxPage)][FromQuery(Name = "page")] int? Page,
    [property: PageSize][FromQuery(Name = "pageSize")] int? PageSize,
    [property: StringLength(32)][FromQuery(Name = "sort")] string? Sort) : IPaged;

/// <summary>An account as an administrator sees it. Never a hash, a stamp, a token or a secret.</summary>
/// <param name="Id">The account id.</param>
/// <param name="Email">Sign-in address.</param>
/// <param name="EmailConfirmed">Confirmed from its email.</param>
/// <param name="DisplayName">Name.</param>
/// <param name="TimeZone">IANA zone.</param>
/// <param name="Locale">en or fr.</param>
/// <param name="Roles">Roles, lowest first.</param>
/// <param name="MfaEnabled">Sign-in asks for a second factor.</param>
/// <param name="IsActive">False when deactivated.</param>
/// <param name="CreatedAt">Registration (UTC).</param>
/// <param name="LastLoginAt">Last sign-in (UTC).</param>
/// <param name="LockedOutUntil">Set while locked out: after failed sign-ins from some address (the latest the lock can end), or by an administrator.</param>
/// <param name="PasswordResetRequired">An administrator asked for a new password.</param>
internal sealed record AdminUserResponse(
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
    DateTimeOffset? LastLoginAt,
    DateTimeOffset? LockedOutUntil,
    bool PasswordResetRequired)
{
    /// <summary>The account; <paramref name="signInLockedUntil"/> is the lock after failed sign-ins (<c>SignInGuard.LockedUntilAsync</c>).</summary>
    public static AdminUserResponse From(AppUser user, IEnumerable<string> roles, DateTimeOffset? signInLockedUntil, DateTimeOffset now) => new(
        user.Id, user.Email ?? string.Empty, user.EmailConfirmed, user.DisplayName, user.TimeZone, user.Locale,
        roles.OrderBy(AppRoles.Rank).ToList(), user.HasMfa, user.IsActive, user.CreatedAt, user.LastLoginAt,
        Latest(user.LockoutEnd is { } end && end > now ? end : null, signInLockedUntil), user.PasswordResetRequired);

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

/// <summary>Changes to an account; only the fields sent apply.</summary>
/// <param name="IsActive">false deactivates (every session ends); true reactivates.</param>
/// <param name="Unlock">true lifts a lockout.</param>
/// <param name="ForcePasswordReset">true ends every session and emails a reset link; sign-in waits for the new password.</param>
/// <param name="DisplayName">A new name.</param>
internal sealed record AdminUpdateUserRequest(bool? IsActive, bool? Unlock, bool? ForcePasswordReset, [property: StringLength(100, MinimumLength = 1)] string? DisplayName);

/// <summary>A role to grant.</summary>
/// <param name="Role">user, premium or administrator (granting one grants the ones below it).</param>
internal sealed record GrantRoleRequest([property: Required, StringLength(32)] string Role);

/// <summary>A role and what it allows.</summary>
/// <param name="Name">The role.</param>
/// <param name="Includes">The roles it inherits from.</param>
/// <param name="Granted">Permissions granted at this level.</param>
/// <param name="Permissions">Every permission it holds, inherited ones included.</param>
internal sealed record RoleResponse(string Name, IReadOnlyList<string> Includes, IReadOnlyList<string> Granted, IReadOnlyList<string> Permissions);

/// <summary>A permission.</summary>
/// <param name="Name">resource:action.</param>
/// <param name="Description">What it allows.</param>
internal sealed record PermissionResponse(string Name, string Description);

/// <summary>Filters for the audit trail.</summary>
/// <param name="UserId">Events where this account is the actor or the subject.</param>
/// <param name="Action">An exact action name, such as auth.login.failed.</param>
/// <param name="From">From this instant (inclusive).</param>
/// <param name="To">Until this instant (exclusive).</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">1 to 100.</param>
internal sealed record AuditQuery(
    [FromQuery(Name = "userId")] Guid? UserId,
    [property: StringLength(64)][FromQuery(Name = "action")] string? Action,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [property: Range(1, PagingLimits.MaxPage)][FromQuery(Name = "page")] int? Page,
    [property: PageSize][FromQuery(Name = "pageSize")] int? PageSize) : IPaged;

/// <summary>One audited event.</summary>
/// <param name="Id">Event id.</param>
/// <param name="OccurredAt">When (UTC).</param>
/// <param name="Action">What happened.</param>
/// <param name="Outcome">Success, Failure or Denied.</param>
/// <param name="ActorUserId">Who did it.</param>
/// <param name="SubjectUserId">Whose account it concerned.</param>
/// <param name="IpAddress">From where.</param>
/// <param name="UserAgent">With what.</param>
/// <param name="Detail">A secret-free detail: a stable code and its values (role names, a method, a count, an id), for the reader's catalog to word.</param>
internal sealed record AuditEventResponse(
    Guid Id, DateTimeOffset OccurredAt, string Action, AuditOutcome Outcome, Guid? ActorUserId, Guid? SubjectUserId,
    string? IpAddress, string? UserAgent, AuditDetail? Detail)
{
    public static AuditEventResponse From(AuditEvent e) =>
        new(e.Id, e.OccurredAt, e.Action, e.Outcome, e.ActorUserId, e.SubjectUserId, e.IpAddress, e.UserAgent, AuditDetail.FromStored(e.Detail));
}

/// <summary>Filters for the outbox.</summary>
/// <param name="Recipient">An exact email address or E.164 number.</param>
/// <param name="Channel">email or sms.</param>
/// <param name="Page">1-based page.</param>
/// <param name="PageSize">1 to 100.</param>
internal sealed record OutboxQuery(
    [property: StringLength(256)][FromQuery(Name = "recipient")] string? Recipient,
    [property: StringLength(8)][FromQuery(Name = "channel")] string? Channel,
    [property: Range(1, PagingLimits.MaxPage)][FromQuery(Name = "page")] int? Page,
    [property: PageSize][FromQuery(Name = "pageSize")] int? PageSize) : IPaged;

/// <summary>A message the instance would have sent.</summary>
/// <param name="Id">Message id.</param>
/// <param name="CreatedAt">When (UTC).</param>
/// <param name="Channel">email or sms.</param>
/// <param name="Recipient">Address or number.</param>
/// <param name="Subject">Email subject.</param>
/// <param name="Body">The text.</param>
internal sealed record OutboxMessageResponse(Guid Id, DateTimeOffset CreatedAt, string Channel, string Recipient, string? Subject, string Body)
{
    public static OutboxMessageResponse From(OutboxMessage m) => new(m.Id, m.CreatedAt, m.Channel, m.Recipient, m.Subject, m.Body);
}

/// <summary>How many sessions ended.</summary>
/// <param name="Revoked">The count.</param>
internal sealed record AdminRevokedSessionsResponse(int Revoked);
