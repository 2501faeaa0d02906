using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging;

namespace PersonalAssistant.Server.Features.Auth;

/// <summary>Email confirmation and passwords: forgotten, reset, changed.</summary>
internal static class PasswordEndpoints
{
    public static RouteGroupBuilder MapPasswordEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        var anonymous = group.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimits.AuthPerIpPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        anonymous.MapPost("/verify-email", VerifyEmail).WithName("VerifyEmail").WithSummary("Confirm an email address from its link")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        anonymous.MapPost("/resend-verification", ResendVerification).WithName("ResendVerification").WithSummary("Send the confirmation email again")
            .WithDescription("Always 202, whether or not the address has an account.");
        anonymous.MapPost("/forgot-password", ForgotPassword).WithName("ForgotPassword").WithSummary("Email a password reset link")
            .WithDescription("Always 202, whether or not the address has an account; the token only ever travels by email.");
        anonymous.MapPost("/reset-password", ResetPassword).WithName("ResetPassword").WithSummary("Choose a new password with the emailed token")
            .WithDescription("The token works once and for one hour. Every session of the account ends.")
            .ProducesValidationProblem();
        group.MapPost("/change-password", ChangePassword).WithName("ChangePassword").WithSummary("Change the password")
            .WithDescription("Every other session of the account ends.")
            .ProducesValidationProblem();
        return group;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> VerifyEmail(
        VerifyEmailRequest request, UserManager<AppUser> users, ProfileCache profiles, AuditLog audit, HttpContext context,
        CancellationToken cancellationToken)
    {
        // Single use: Identity's confirmation token stays valid until the security stamp changes, so a confirmed
        // address refuses the link like an invalid one (the person is already confirmed; nothing is left to do).
        var user = await users.FindByEmailAsync(EmailAddress.LookupForm(request.Email));
        if (user is null || user.EmailConfirmed || !(await users.ConfirmEmailAsync(user, request.Token)).Succeeded)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status400BadRequest, "Auth.VerifyLinkInvalid.Title", "Auth.VerifyLinkInvalid.Detail");
        }

        profiles.Forget(user.Id);
        await audit.RecordAsync(AuditActions.EmailVerified, AuditOutcome.Success, ClientInfo.From(context), user.Id, user.Id, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> ResendVerification(
        EmailRequest request, UserManager<AppUser> users, IEmailSender email, RateLimits limits, AuditLog audit,
        HttpContext context, CancellationToken cancellationToken)
    {
        var address = EmailAddress.LookupForm(request.Email);
        var allowed = await limits.AcquireAsync(RateLimitKind.MessagesPerAccount, "verify:" + address.ToUpperInvariant(), cancellationToken);
        if (!allowed.IsAllowed)
        {
            return allowed.ToProblem(context);
        }

        if (await users.FindByEmailAsync(address) is { EmailConfirmed: false, IsActive: true } user)
        {
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            await email.SendAsync(AccountMessages.VerifyEmail(user.Email!, user.Locale, user.DisplayName, AccountLinks.VerifyEmail(context, user.Email!, token), user.Id), cancellationToken);
        }
        else
        {
            await DecoyAsync(users, audit, AuditActions.EmailVerificationRequested, context, cancellationToken);
        }

        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> ForgotPassword(
        EmailRequest request, UserManager<AppUser> users, IEmailSender email, RateLimits limits, AuditLog audit,
        HttpContext context, CancellationToken cancellationToken)
    {
        var address = EmailAddress.LookupForm(request.Email);
        var allowed = await limits.AcquireAsync(RateLimitKind.MessagesPerAccount, "reset:" + address.ToUpperInvariant(), cancellationToken);
        if (!allowed.IsAllowed)
        {
            return allowed.ToProblem(context);
        }

        if (await users.FindByEmailAsync(address) is { IsActive: true } user)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            audit.Stage(AuditActions.PasswordResetRequested, AuditOutcome.Success, ClientInfo.From(context), null, user.Id);
            await email.SendAsync(AccountMessages.ResetPassword(user.Email!, user.Locale, user.DisplayName, AccountLinks.ResetPassword(context, user.Email!, token), user.Id), cancellationToken);
            await audit.FlushAsync(cancellationToken);
        }
        else
        {
            await DecoyAsync(users, audit, AuditActions.PasswordResetRequested, context, cancellationToken);
            await audit.RecordAsync(AuditActions.PasswordResetRequested, AuditOutcome.Failure, ClientInfo.From(context), null, null, AuditDetail.Of(AuditDetails.NoActiveAccount), cancellationToken);
        }

        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetPassword(
        ResetPasswordRequest request, UserManager<AppUser> users, SessionService sessions, RateLimits limits, SignInGuard guard, AuditLog audit,
        HttpContext context, CancellationToken cancellationToken)
    {
        var address = EmailAddress.LookupForm(request.Email);
        var allowed = await limits.AcquireAsync(RateLimitKind.AuthPerAccount, "reset:" + address.ToUpperInvariant(), cancellationToken);
        if (!allowed.IsAllowed)
        {
            return allowed.ToProblem(context);
        }

        var user = await users.FindByEmailAsync(address);
        if (user is null || !user.IsActive)
        {
            return InvalidResetLink(RequestLocale.Of(context));
        }

        var result = await users.ResetPasswordAsync(user, request.Token, request.NewPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? InvalidResetLink(RequestLocale.Of(context))
                : Problems.Invalid(RequestLocale.Of(context), IdentityProblems.ToFieldErrors(result, "newPassword", RequestLocale.Of(context)));
        }

        // A reset proves control of the mailbox: lift a lockout and any administrator's reset request.
        user.PasswordResetRequired = false;
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await guard.ReleaseAsync(user.Id);
        await sessions.RevokeAllAsync(user.Id, keep: null, "password_reset", cancellationToken);
        await audit.RecordAsync(AuditActions.PasswordReset, AuditOutcome.Success, ClientInfo.From(context), null, user.Id, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, UserManager<AppUser> users, SessionService sessions, RateLimits limits, AuditLog audit,
        HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var allowed = await limits.AcquireAsync(RateLimitKind.AuthPerAccount, "password:" + userId, cancellationToken);
        if (!allowed.IsAllowed)
        {
            return allowed.ToProblem(context);
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status401Unauthorized, "Problem.Unauthorized.Title", "Problem.Unauthorized.Detail");
        }

        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            var client = ClientInfo.From(context);
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await audit.RecordAsync(AuditActions.PasswordChanged, AuditOutcome.Failure, client, userId, userId, AuditDetail.Of(AuditDetails.WrongCurrentPassword), cancellationToken);
                return Problems.Invalid(RequestLocale.Of(context), "currentPassword", "Auth.CurrentPasswordWrong");
            }

            return Problems.Invalid(RequestLocale.Of(context), IdentityProblems.ToFieldErrors(result, "newPassword", RequestLocale.Of(context)));
        }

        await sessions.RevokeOthersAsync(context.User, "password_changed", cancellationToken);
        await audit.RecordAsync(AuditActions.PasswordChanged, AuditOutcome.Success, ClientInfo.From(context), userId, userId, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The work an existing address costs, for an address without an account, so the answer's timing does not
    /// tell them apart: a token for a throw-away user (the same data-protection work) and a database write (the
    /// audit entry, in place of the outbox message).
    /// </summary>
    private static async Task DecoyAsync(UserManager<AppUser> users, AuditLog audit, string action, HttpContext context, CancellationToken cancellationToken)
    {
        var decoy = new AppUser { Id = Guid.NewGuid(), SecurityStamp = Guid.NewGuid().ToString("N") };
        var token = await users.GenerateUserTokenAsync(decoy, TokenOptions.DefaultProvider, "Decoy");
        _ = AccountLinks.ResetPassword(context, "decoy@example.invalid", token);
        if (action == AuditActions.EmailVerificationRequested)
        {
            await audit.RecordAsync(action, AuditOutcome.Failure, ClientInfo.From(context), null, null, AuditDetail.Of(AuditDetails.NoUnconfirmedAccount), cancellationToken);
        }
    }

    private static ProblemHttpResult InvalidResetLink(string locale) =>
        Problems.Of(locale, StatusCodes.Status400BadRequest, "Auth.VerifyLinkInvalid.Title", "Auth.ResetLinkInvalid.Detail");
}
