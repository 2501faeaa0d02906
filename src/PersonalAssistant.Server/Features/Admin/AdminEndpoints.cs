using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Privacy;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Admin;

/// <summary>Running the instance: accounts, roles, the audit trail and the outbox. Administrators only.</summary>
internal static class AdminEndpoints
{
    private static readonly Dictionary<string, string> SortKeys = new(StringComparer.Ordinal)
    {
        ["email"] = "email",
        ["-email"] = "-email",
        ["displayName"] = "displayName",
        ["-displayName"] = "-displayName",
        ["createdAt"] = "createdAt",
        ["-createdAt"] = "-createdAt",
        ["lastLoginAt"] = "lastLoginAt",
        ["-lastLoginAt"] = "-lastLoginAt",
    };

    public static RouteGroupBuilder MapAdminEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin").WithTags("Administration")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/users", ListUsers).WithName("AdminListUsers").WithSummary("List accounts")
            .RequireAuthorization(Permissions.Policy(Permissions.UsersRead)).ProducesValidationProblem();
        group.MapGet("/users/{id:guid}", GetUser).WithName("AdminGetUser").WithSummary("Read an account")
            .RequireAuthorization(Permissions.Policy(Permissions.UsersRead));
        group.MapPatch("/users/{id:guid}", UpdateUser).WithName("AdminUpdateUser")
            .WithSummary("Activate, deactivate, unlock, rename or force a password reset")
            .RequireAuthorization(Permissions.Policy(Permissions.UsersManage)).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/users/{id:guid}", DeleteUser).WithName("AdminDeleteUser").WithSummary("Delete an account and its data")
            .RequireAuthorization(Permissions.Policy(Permissions.UsersManage)).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/users/{id:guid}/roles", GrantRole).WithName("AdminGrantRole").WithSummary("Grant a role (and the ones below it)")
            .RequireAuthorization(Permissions.Policy(Permissions.RolesManage)).ProducesValidationProblem();
        group.MapDelete("/users/{id:guid}/roles/{role}", RemoveRole).WithName("AdminRemoveRole").WithSummary("Remove a role (and the ones above it)")
            .RequireAuthorization(Permissions.Policy(Permissions.RolesManage)).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/users/{id:guid}/sessions", RevokeUserSessions).WithName("AdminRevokeUserSessions").WithSummary("Sign an account out everywhere")
            .RequireAuthorization(Permissions.Policy(Permissions.UsersManage));
        group.MapGet("/roles", ListRoles).WithName("AdminListRoles").WithSummary("Roles and their permissions")
            .RequireAuthorization(Permissions.Policy(Permissions.RolesRead));
        group.MapGet("/permissions", ListPermissions).WithName("AdminListPermissions").WithSummary("Every permission")
            .RequireAuthorization(Permissions.Policy(Permissions.RolesRead));
        group.MapGet("/audit", ListAudit).WithName("AdminListAudit").WithSummary("The security audit trail, newest first")
            .RequireAuthorization(Permissions.Policy(Permissions.AuditRead));
        group.MapGet("/outbox", ListOutbox).WithName("AdminListOutbox")
            .WithSummary("Emails and SMS the instance would have sent, newest first")
            .WithDescription("Without an email or SMS provider, messages are kept here instead of being delivered.")
            .RequireAuthorization(Permissions.Policy(Permissions.AuditRead));
        return group;
    }

    public static async Task<Results<Ok<Paged<AdminUserResponse>>, ValidationProblem>> ListUsers(
        [AsParameters] AdminUserQuery query, AppDbContext db, SignInGuard guard, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var sort = query.Sort ?? "-createdAt";
        if (!SortKeys.ContainsKey(sort))
        {
            return Problems.Invalid(RequestLocale.Of(context), "sort", "Admin.Sort", string.Join(", ", SortKeys.Keys));
        }

        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            // Translated to SQL (UPPER and a substring test) on both databases; the analyzers' culture advice is for .NET strings.
#pragma warning disable CA1304, CA1311, CA1862
            users = users.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var role = query.Role.Trim().ToLowerInvariant();
            if (!AppRoles.Exists(role))
            {
                return Problems.Invalid(RequestLocale.Of(context), "role", "Admin.Role");
            }

            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(cancellationToken);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        users = sort switch
        {
            "email" => users.OrderBy(u => u.NormalizedEmail),
            "-email" => users.OrderByDescending(u => u.NormalizedEmail),
            "displayName" => users.OrderBy(u => u.DisplayName),
            "-displayName" => users.OrderByDescending(u => u.DisplayName),
            "createdAt" => users.OrderBy(u => u.CreatedAt),
            "lastLoginAt" => users.OrderBy(u => u.LastLoginAt),
            "-lastLoginAt" => users.OrderByDescending(u => u.LastLoginAt),
            _ => users.OrderByDescending(u => u.CreatedAt),
        };
        var found = await users.ToPagedAsync(query, cancellationToken, Paging.TotalFor(query.Search));
        var roles = await RolesOfAsync(db, found.Items.Select(u => u.Id).ToList(), cancellationToken);
        var locks = new Dictionary<Guid, DateTimeOffset?>();
        foreach (var user in found.Items)
        {
            locks[user.Id] = await guard.LockedUntilAsync(user.Id);
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(found.Map(u => AdminUserResponse.From(u, roles.GetValueOrDefault(u.Id, []), locks[u.Id], now)));
    }

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> GetUser(
        Guid id, UserManager<AppUser> users, SignInGuard guard, TimeProvider time, HttpContext context)
    {
        var user = await users.FindByIdAsync(id.ToString());
        return user is null ? UserNotFound(RequestLocale.Of(context)) : TypedResults.Ok(await ResponseAsync(user, users, guard, time));
    }

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> UpdateUser(
        Guid id, AdminUpdateUserRequest request, UserManager<AppUser> users, SessionService sessions, SignInGuard guard, IEmailSender email, AuditLog audit,
        ProfileCache profiles, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var adminId = context.User.UserId();
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return UserNotFound(RequestLocale.Of(context));
        }

        if (id == adminId && (request.IsActive == false || request.ForcePasswordReset == true))
        {
            return NotOnYourself(RequestLocale.Of(context), "Admin.OwnAccount.Deactivate");
        }

        var changes = new List<string>();
        if (request.DisplayName is { } name)
        {
            user.DisplayName = name.Trim();
            changes.Add(AuditChanges.DisplayName);
        }

        if (request.IsActive is { } active && active != user.IsActive)
        {
            user.IsActive = active;
            changes.Add(active ? AuditChanges.Activated : AuditChanges.Deactivated);
        }

        if (request.ForcePasswordReset == true)
        {
            user.PasswordResetRequired = true;
            changes.Add(AuditChanges.PasswordResetRequired);
        }

        await users.UpdateAsync(user);
        profiles.Forget(user.Id);
        if (request.Unlock == true)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await guard.ReleaseAsync(user.Id);
            changes.Add(AuditChanges.Unlocked);
        }

        if (request.IsActive == false || request.ForcePasswordReset == true)
        {
            await sessions.RevokeAllAsync(user.Id, keep: null, request.IsActive == false ? "deactivated" : "password_reset_required", cancellationToken);
        }

        if (request.ForcePasswordReset == true)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await email.SendAsync(AccountMessages.ResetPassword(user.Email!, user.Locale, user.DisplayName,
                AccountLinks.ResetPassword(context, user.Email!, token), user.Id), cancellationToken);
        }

        await audit.RecordAsync(AuditActions.AdminUserUpdated, AuditOutcome.Success, ClientInfo.From(context), adminId, user.Id,
            changes.Count == 0 ? AuditDetail.Of(AuditDetails.NoChange) : AuditDetail.Of(AuditDetails.Changes, changes), cancellationToken);
        return TypedResults.Ok(await ResponseAsync(user, users, guard, time));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteUser(
        Guid id, AccountDeletionService deletions, HttpContext context, CancellationToken cancellationToken)
    {
        var adminId = context.User.UserId();
        if (id == adminId)
        {
            return NotOnYourself(RequestLocale.Of(context), "Admin.OwnAccount.Delete");
        }

        // The same erasure as an owner's deletion after its grace period: every row of the account, at once.
        return await deletions.EraseByAdministratorAsync(id, adminId, ClientInfo.From(context), cancellationToken)
            ? TypedResults.NoContent()
            : UserNotFound(RequestLocale.Of(context));
    }

    public static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> GrantRole(
        Guid id, GrantRoleRequest request, UserManager<AppUser> users, SessionService sessions, SignInGuard guard, AuditLog audit, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var role = request.Role.Trim().ToLowerInvariant();
        if (!AppRoles.Exists(role))
        {
            return Problems.Invalid(RequestLocale.Of(context), "role", "Admin.Role");
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return UserNotFound(RequestLocale.Of(context));
        }

        var current = await users.GetRolesAsync(user);
        var missing = AppRoles.Includes(role).Where(r => !current.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            await users.AddToRolesAsync(user, missing);
            await sessions.MarkStaleAsync(user.Id, cancellationToken);
            await audit.RecordAsync(AuditActions.RoleGranted, AuditOutcome.Success, ClientInfo.From(context), context.User.UserId(), user.Id,
                AuditDetail.Of(AuditDetails.Roles, missing), cancellationToken);
        }

        return TypedResults.Ok(await ResponseAsync(user, users, guard, time));
    }

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> RemoveRole(
        Guid id, string role, UserManager<AppUser> users, SessionService sessions, SignInGuard guard, AuditLog audit, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        role = role.Trim().ToLowerInvariant();
        if (!AppRoles.Exists(role))
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status400BadRequest, "Admin.UnknownRole.Title", "Admin.Role");
        }

        if (role == AppRoles.User)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Admin.RoleNeeded.Title", "Admin.RoleNeeded.Detail");
        }

        var adminId = context.User.UserId();
        if (id == adminId && AppRoles.Rank(role) <= AppRoles.Rank(AppRoles.Administrator))
        {
            return NotOnYourself(RequestLocale.Of(context), "Admin.OwnAccount.RemoveRole");
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return UserNotFound(RequestLocale.Of(context));
        }

        var current = await users.GetRolesAsync(user);
        var removed = current.Where(r => AppRoles.Rank(r) >= AppRoles.Rank(role)).ToList();
        if (removed.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, removed);
            await sessions.MarkStaleAsync(user.Id, cancellationToken);
            await audit.RecordAsync(AuditActions.RoleRemoved, AuditOutcome.Success, ClientInfo.From(context), adminId, user.Id,
                AuditDetail.Of(AuditDetails.Roles, removed), cancellationToken);
        }

        return TypedResults.Ok(await ResponseAsync(user, users, guard, time));
    }

    public static async Task<Results<Ok<AdminRevokedSessionsResponse>, ProblemHttpResult>> RevokeUserSessions(
        Guid id, AppDbContext db, SessionService sessions, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return UserNotFound(RequestLocale.Of(context));
        }

        var count = await sessions.RevokeAllAsync(id, keep: id == context.User.UserId() ? context.User.SessionId() : null, "revoked_by_admin", cancellationToken);
        await audit.RecordAsync(AuditActions.SessionRevoked, AuditOutcome.Success, ClientInfo.From(context), context.User.UserId(), id,
            AuditDetail.Of(AuditDetails.SessionsEndedByAdministrator, count.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        return TypedResults.Ok(new AdminRevokedSessionsResponse(count));
    }

    public static Ok<IReadOnlyList<RoleResponse>> ListRoles() =>
        TypedResults.Ok<IReadOnlyList<RoleResponse>>(AppRoles.Hierarchy
            .Select(role => new RoleResponse(role, AppRoles.Includes(role).Skip(1).ToList(), AppRoles.GrantedAt(role), AppRoles.PermissionsOf(role).ToList()))
            .ToList());

    public static Ok<IReadOnlyList<PermissionResponse>> ListPermissions() =>
        TypedResults.Ok<IReadOnlyList<PermissionResponse>>(Permissions.All.Select(p => new PermissionResponse(p.Name, p.Description)).ToList());

    public static async Task<Ok<Paged<AuditEventResponse>>> ListAudit([AsParameters] AuditQuery query, AppDbContext db, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (query.UserId is { } userId)
        {
            events = events.Where(e => e.ActorUserId == userId || e.SubjectUserId == userId);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            events = events.Where(e => e.Action == query.Action);
        }

        if (query.From is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            events = events.Where(e => e.OccurredAt >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = to.ToUniversalTime();
            events = events.Where(e => e.OccurredAt < toUtc);
        }

        var found = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).ToPagedAsync(query, cancellationToken);
        return TypedResults.Ok(found.Map(AuditEventResponse.From));
    }

    public static async Task<Results<Ok<Paged<OutboxMessageResponse>>, ValidationProblem>> ListOutbox(
        [AsParameters] OutboxQuery query, AppDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var messages = db.Outbox.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Channel))
        {
            var channel = query.Channel.Trim().ToLowerInvariant();
            if (channel is not (OutboxChannels.Email or OutboxChannels.Sms))
            {
                return Problems.Invalid(RequestLocale.Of(context), "channel", "Admin.Channel");
            }

            messages = messages.Where(m => m.Channel == channel);
        }

        if (!string.IsNullOrWhiteSpace(query.Recipient))
        {
            var recipient = query.Recipient.Trim();
            messages = messages.Where(m => m.Recipient == recipient);
        }

        var found = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToPagedAsync(query, cancellationToken);
        return TypedResults.Ok(found.Map(OutboxMessageResponse.From));
    }

    private static async Task<Dictionary<Guid, List<string>>> RolesOfAsync(AppDbContext db, List<Guid> userIds, CancellationToken cancellationToken)
    {
        var pairs = await db.UserRoles.Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.Select(p => p.Name!).ToList());
    }

    /// <summary>The account as the administrators see it, with any lock after failed sign-ins.</summary>
    private static async Task<AdminUserResponse> ResponseAsync(AppUser user, UserManager<AppUser> users, SignInGuard guard, TimeProvider time) =>
        AdminUserResponse.From(user, await users.GetRolesAsync(user), await guard.LockedUntilAsync(user.Id), time.GetUtcNow());

    private static ProblemHttpResult UserNotFound(string locale) =>
        Problems.Of(locale, StatusCodes.Status404NotFound, "Admin.NotFound.Title", "Admin.NotFound.Detail");

    private static ProblemHttpResult NotOnYourself(string locale, string detailKey) =>
        Problems.Of(locale, StatusCodes.Status409Conflict, "Admin.OwnAccount.Title", detailKey);
}
