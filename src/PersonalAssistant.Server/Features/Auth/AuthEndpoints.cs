using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Auth;

/// <summary>Registration, sign-in (with MFA), token refresh and sign-out.</summary>
internal static class AuthEndpoints
{
    private static readonly TimeSpan MfaChallengeLifetime = TimeSpan.FromMinutes(5);
    private const int MfaChallengeAttempts = 5;

    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        var anonymous = group.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimits.AuthPerIpPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        anonymous.MapPost("/register", Register).WithName("Register").WithSummary("Create an account")
            .WithDescription("The first account of a fresh instance becomes administrator (unless Auth:FirstUserIsAdmin=false). A confirmation email is sent.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        anonymous.MapPost("/login", Login).WithName("Login").WithSummary("Sign in with email and password")
            .WithDescription("Answers tokens, or {mfaRequired: true, mfaToken, methods} and no token when the account has MFA. 5 failed attempts lock the account for 15 minutes.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        anonymous.MapPost("/login/mfa", LoginMfa).WithName("LoginMfa").WithSummary("Complete a sign-in with a second factor")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        anonymous.MapPost("/login/mfa/sms", SendLoginSmsCode).WithName("SendLoginSmsCode").WithSummary("Text the sign-in code to the primary phone")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        anonymous.MapPost("/refresh", Refresh).WithName("Refresh").WithSummary("Exchange the refresh token for new tokens")
            .WithDescription("Browsers send the httpOnly cookie; other clients send {refreshToken}. Each refresh token works once: presenting a used one ends the session.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout", Logout).WithName("Logout").WithSummary("Sign out: end this session");
        return group;
    }

    public static async Task<Results<Created<UserProfile>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request,
        UserManager<AppUser> users,
        AppDbContext db,
        IEmailSender email,
        AuditLog audit,
        IOptions<AuthOptions> options,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? "UTC" : request.TimeZone.Trim();
        if (!TimeZones.IsValid(timeZone))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["timeZone"] = ["Use an IANA time zone such as America/Toronto or Europe/Paris."] });
        }

        var locale = string.IsNullOrWhiteSpace(request.Locale) ? Locales.English : request.Locale.Trim().ToLowerInvariant();
        if (!Locales.All.Contains(locale))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["locale"] = ["Use en or fr."] });
        }

        var address = request.Email.Trim();
        var user = new AppUser
        {
            Id = Ids.NewV7(),
            UserName = address,
            Email = address,
            DisplayName = request.DisplayName.Trim(),
            TimeZone = timeZone,
            Locale = locale,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return TypedResults.Problem(title: "Email already registered",
                    detail: "An account already uses this email. Sign in, or reset the password if it is forgotten.",
                    statusCode: StatusCodes.Status409Conflict);
            }

            return TypedResults.ValidationProblem(IdentityProblems.ToFieldErrors(created, "password"));
        }

        await users.AddToRoleAsync(user, AppRoles.User);
        if (options.Value.FirstUserIsAdmin && await db.Users.CountAsync(cancellationToken) == 1)
        {
            await users.AddToRolesAsync(user, [AppRoles.Premium, AppRoles.Administrator]);
        }

        var client = ClientInfo.From(context);
        await audit.RecordAsync(AuditActions.Register, AuditOutcome.Success, client, user.Id, user.Id, cancellationToken: cancellationToken);
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await email.SendAsync(AccountMessages.VerifyEmail(address, user.Locale, user.DisplayName, AccountLinks.VerifyEmail(context, address, token), user.Id), cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Prefix}/users/me", UserProfile.From(user, await users.GetRolesAsync(user)));
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request,
        UserManager<AppUser> users,
        AppDbContext db,
        SessionService sessions,
        VerificationCodes codes,
        RateLimits limits,
        AuditLog audit,
        IOptions<AuthOptions> options,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var client = ClientInfo.From(context);
        var tokenInBody = string.Equals(request.TokenDelivery, "body", StringComparison.OrdinalIgnoreCase);
        var perAccount = await limits.AcquireAsync(RateLimitKind.AuthPerAccount, "login:" + request.Email.Trim().ToUpperInvariant(), cancellationToken);
        if (!perAccount.IsAllowed)
        {
            return perAccount.ToProblem(context);
        }

        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            // Same work and answer as a wrong password, so the response does not tell whether the address exists.
            users.PasswordHasher.HashPassword(new AppUser(), request.Password);
            await audit.RecordAsync(AuditActions.LoginFailed, AuditOutcome.Failure, client, null, null, "unknown account", cancellationToken);
            return WrongCredentials();
        }

        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(AuditActions.LoginFailed, AuditOutcome.Denied, client, null, user.Id, "locked out", cancellationToken);
            return LockedOut();
        }

        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await users.AccessFailedAsync(user);
            var locked = await users.IsLockedOutAsync(user);
            await audit.RecordAsync(locked ? AuditActions.LockedOut : AuditActions.LoginFailed, AuditOutcome.Failure, client, null, user.Id,
                locked ? "too many failed attempts" : "wrong password", cancellationToken);
            return locked ? LockedOut() : WrongCredentials();
        }

        if (!user.IsActive)
        {
            await audit.RecordAsync(AuditActions.LoginFailed, AuditOutcome.Denied, client, null, user.Id, "account deactivated", cancellationToken);
            return TypedResults.Problem(title: "Account deactivated", detail: "This account was deactivated by an administrator.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (options.Value.RequireVerifiedEmail && !user.EmailConfirmed)
        {
            return TypedResults.Problem(title: "Email not confirmed", detail: "Confirm your email address first: open the link we sent, or ask for a new one.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (user.PasswordResetRequired)
        {
            return TypedResults.Problem(title: "Password reset required",
                detail: "An administrator asked for a new password on this account. Use \"Forgot password\" to choose one.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (user.HasMfa)
        {
            var mfaToken = SecretHasher.NewToken();
            var now = time.GetUtcNow();
            var challenge = new MfaChallenge
            {
                UserId = user.Id,
                TokenHash = SecretHasher.HashToken(mfaToken),
                CreatedAt = now,
                ExpiresAt = now + MfaChallengeLifetime,
                TokenInBody = tokenInBody,
                UserAgent = client.UserAgent,
                IpAddress = client.IpAddress,
            };
            db.MfaChallenges.Add(challenge);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(AuditActions.MfaChallenged, AuditOutcome.Success, client, null, user.Id, cancellationToken: cancellationToken);
            var methods = MfaMethods.Of(user);
            if (!user.TotpEnabled && user.SmsMfaEnabled && await PrimaryPhoneAsync(db, user.Id, cancellationToken) is { } phone)
            {
                await codes.SendAsync(user, VerificationPurpose.MfaSmsLogin, challenge.Id, phone, cancellationToken);
            }

            return TypedResults.Ok(new LoginResponse(true, MfaToken: mfaToken, Methods: methods));
        }

        await users.ResetAccessFailedCountAsync(user);
        var tokens = await sessions.StartAsync(user, client, cancellationToken);
        await audit.RecordAsync(AuditActions.LoginSucceeded, AuditOutcome.Success, client, user.Id, user.Id, cancellationToken: cancellationToken);
        return TypedResults.Ok(RefreshCookie.Deliver(context, tokens, tokenInBody));
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginMfa(
        MfaLoginRequest request,
        UserManager<AppUser> users,
        AppDbContext db,
        SessionService sessions,
        TotpService totp,
        RecoveryCodes recovery,
        VerificationCodes codes,
        RateLimits limits,
        AuditLog audit,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var client = ClientInfo.From(context);
        var challenge = await FindChallengeAsync(db, request.MfaToken, time, cancellationToken);
        if (challenge is null)
        {
            return ChallengeExpired();
        }

        var perAccount = await limits.AcquireAsync(RateLimitKind.AuthPerAccount, "mfa:" + challenge.UserId, cancellationToken);
        if (!perAccount.IsAllowed)
        {
            return perAccount.ToProblem(context);
        }

        var user = await users.FindByIdAsync(challenge.UserId.ToString());
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user))
        {
            return user is not null && await users.IsLockedOutAsync(user) ? LockedOut() : ChallengeExpired();
        }

        var method = request.Method.Trim().ToLowerInvariant();
        var verified = method switch
        {
            "totp" => user.TotpEnabled && totp.Verify(user, request.Code.Trim()),
            "sms" => user.SmsMfaEnabled
                     && await codes.CheckAsync(user.Id, VerificationPurpose.MfaSmsLogin, challenge.Id, request.Code, cancellationToken) == CodeCheck.Valid,
            "recovery" => await recovery.RedeemAsync(user.Id, request.Code, cancellationToken),
            _ => false,
        };

        if (!verified)
        {
            challenge.FailedAttempts++;
            if (challenge.FailedAttempts >= MfaChallengeAttempts)
            {
                challenge.CompletedAt = time.GetUtcNow();
            }

            await db.SaveChangesAsync(cancellationToken);
            await users.AccessFailedAsync(user);
            var locked = await users.IsLockedOutAsync(user);
            await audit.RecordAsync(locked ? AuditActions.LockedOut : AuditActions.MfaFailed, AuditOutcome.Failure, client, null, user.Id, method, cancellationToken);
            return locked ? LockedOut() : TypedResults.Problem(title: "Wrong code",
                detail: "That code did not work. Check your authenticator app or messages and try again.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // The challenge is single use: only one request can complete it.
        var now = time.GetUtcNow();
        var completed = await db.MfaChallenges.Where(c => c.Id == challenge.Id && c.CompletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.CompletedAt, now), cancellationToken);
        if (completed != 1)
        {
            return ChallengeExpired();
        }

        await db.SaveChangesAsync(cancellationToken);
        if (method == "recovery")
        {
            await audit.RecordAsync(AuditActions.RecoveryCodeUsed, AuditOutcome.Success, client, user.Id, user.Id, cancellationToken: cancellationToken);
        }

        await users.ResetAccessFailedCountAsync(user);
        var tokens = await sessions.StartAsync(user, client, cancellationToken);
        await audit.RecordAsync(AuditActions.LoginSucceeded, AuditOutcome.Success, client, user.Id, user.Id, "mfa:" + method, cancellationToken);
        return TypedResults.Ok(RefreshCookie.Deliver(context, tokens, challenge.TokenInBody));
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> SendLoginSmsCode(
        MfaSmsRequest request,
        UserManager<AppUser> users,
        AppDbContext db,
        VerificationCodes codes,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var challenge = await FindChallengeAsync(db, request.MfaToken, time, cancellationToken);
        var user = challenge is null ? null : await users.FindByIdAsync(challenge.UserId.ToString());
        if (challenge is null || user is not { SmsMfaEnabled: true } || await PrimaryPhoneAsync(db, user.Id, cancellationToken) is not { } phone)
        {
            return ChallengeExpired();
        }

        var sent = await codes.SendAsync(user, VerificationPurpose.MfaSmsLogin, challenge.Id, phone, cancellationToken);
        return sent.IsAllowed ? TypedResults.Accepted((string?)null) : sent.ToProblem(context);
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest? request,
        SessionService sessions,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var fromBody = request?.RefreshToken;
        var presented = fromBody ?? RefreshCookie.Read(context);
        if (string.IsNullOrEmpty(presented))
        {
            return SessionEnded("No refresh token was sent.");
        }

        var (tokens, failure) = await sessions.RefreshAsync(presented, ClientInfo.From(context), cancellationToken);
        if (tokens is null)
        {
            RefreshCookie.Clear(context);
            return SessionEnded(failure == RefreshFailure.Reused
                ? "This refresh token was already used, so the session was ended to protect the account. Sign in again."
                : "The session has ended. Sign in again.");
        }

        return TypedResults.Ok(RefreshCookie.Deliver(context, tokens, inBody: fromBody is not null));
    }

    public static async Task<NoContent> Logout(SessionService sessions, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        await sessions.RevokeOwnAsync(userId, context.User.SessionId(), "logout", cancellationToken);
        RefreshCookie.Clear(context);
        await audit.RecordAsync(AuditActions.Logout, AuditOutcome.Success, ClientInfo.From(context), userId, userId, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<MfaChallenge?> FindChallengeAsync(AppDbContext db, string token, TimeProvider time, CancellationToken cancellationToken)
    {
        var hash = SecretHasher.HashToken(token);
        var challenge = await db.MfaChallenges.SingleOrDefaultAsync(c => c.TokenHash == hash, cancellationToken);
        return challenge is { CompletedAt: null } && challenge.ExpiresAt > time.GetUtcNow() ? challenge : null;
    }

    private static Task<string?> PrimaryPhoneAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.PhoneNumbers.Where(p => p.UserId == userId && p.VerifiedAt != null)
            .OrderByDescending(p => p.IsPrimary).ThenBy(p => p.CreatedAt)
            .Select(p => p.E164).FirstOrDefaultAsync(cancellationToken);

    private static ProblemHttpResult WrongCredentials() =>
        TypedResults.Problem(title: "Sign-in failed", detail: "The email or password is not right.", statusCode: StatusCodes.Status401Unauthorized);

    private static ProblemHttpResult LockedOut() =>
        TypedResults.Problem(title: "Account locked",
            detail: "Too many failed attempts. The account is locked for 15 minutes; you can also reset your password.",
            statusCode: StatusCodes.Status401Unauthorized);

    private static ProblemHttpResult ChallengeExpired() =>
        TypedResults.Problem(title: "Sign-in expired", detail: "This sign-in step has expired or was already used. Sign in again.",
            statusCode: StatusCodes.Status401Unauthorized);

    private static ProblemHttpResult SessionEnded(string detail) =>
        TypedResults.Problem(title: "Session ended", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
