using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Features.Privacy;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
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
            .WithDescription("Always 200 with the same body, whether or not the address already has an account (its owner is emailed instead; nothing changes). A new account gets a confirmation email and can sign in (unless Auth:RequireVerifiedEmail). The first account of a fresh instance becomes administrator (unless Auth:FirstUserIsAdmin=false).")
            .ProducesValidationProblem();
        anonymous.MapPost("/login", Login).WithName("Login").WithSummary("Sign in with email and password")
            .WithDescription("Answers tokens, or {mfaRequired: true, mfaToken, methods} and no token when the account has MFA. 5 failed attempts lock the account for 15 minutes from that address only (other addresses are not affected).")
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

    public static async Task<Results<Ok<RegisterResponse>, ValidationProblem>> Register(
        RegisterRequest request,
        UserManager<AppUser> users,
        AppDbContext db,
        IEmailSender email,
        RateLimits limits,
        AuditLog audit,
        ConsentService consents,
        IOptions<AuthOptions> options,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? "UTC" : request.TimeZone.Trim();
        if (!TimeZones.IsValid(timeZone))
        {
            return Problems.Invalid(RequestLocale.Of(context), "timeZone", "Auth.TimeZone");
        }

        var locale = string.IsNullOrWhiteSpace(request.Locale) ? Locales.English : request.Locale.Trim().ToLowerInvariant();
        if (!Locales.All.Contains(locale))
        {
            return Problems.Invalid(RequestLocale.Of(context), "locale", "Auth.Locale");
        }

        if (!EmailAddress.TryNormalize(request.Email, out var address, out var addressError))
        {
            return Problems.Invalid(RequestLocale.Of(context), "email", addressError, EmailAddress.MaxLength);
        }

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

        // amounts said with no currency are in the money of where the person lives until they choose another
        if (NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is { } zone
            && PersonalAssistant.Language.LanguageEngine.CurrencyOf(zone) is { } local && Currencies.IsKnown(local))
        {
            user.Preferences.DefaultCurrency = local;
        }

        var client = ClientInfo.From(context);
        if (await users.FindByEmailAsync(address) is { } owner)
        {
            return await AnswerForTakenAddressAsync(request, users, email, limits, audit, user, owner, client, context, cancellationToken);
        }

        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
                && await users.FindByEmailAsync(address) is { } raced)
            {
                return await AnswerForTakenAddressAsync(request, users, email, limits, audit, user, raced, client, context, cancellationToken);
            }

            return Problems.Invalid(RequestLocale.Of(context), IdentityProblems.ToFieldErrors(created, "password", RequestLocale.Of(context)));
        }

        await users.AddToRoleAsync(user, AppRoles.User);
        if (options.Value.FirstUserIsAdmin && await db.Users.CountAsync(cancellationToken) == 1)
        {
            await users.AddToRolesAsync(user, [AppRoles.Premium, AppRoles.Administrator]);
        }

        await consents.RecordSignUpAsync(user.Id, user.Locale, cancellationToken);
        await audit.RecordAsync(AuditActions.Register, AuditOutcome.Success, client, user.Id, user.Id, cancellationToken: cancellationToken);
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await email.SendAsync(AccountMessages.VerifyEmail(address, user.Locale, user.DisplayName, AccountLinks.VerifyEmail(context, address, token), user.Id), cancellationToken);
        return RegisterAnswer(RequestLocale.Of(context));
    }

    /// <summary>
    /// An address that already has an account answers exactly like a new one (after the same password checks and
    /// hashing), and its owner gets an email instead: the answer never tells a stranger who has an account.
    /// </summary>
    private static async Task<Results<Ok<RegisterResponse>, ValidationProblem>> AnswerForTakenAddressAsync(
        RegisterRequest request, UserManager<AppUser> users, IEmailSender email, RateLimits limits, AuditLog audit, AppUser candidate, AppUser owner,
        ClientInfo client, HttpContext context, CancellationToken cancellationToken)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, candidate, request.Password);
            if (!checkedPassword.Succeeded)
            {
                return Problems.Invalid(RequestLocale.Of(context), IdentityProblems.ToFieldErrors(checkedPassword, "password", RequestLocale.Of(context)));
            }
        }

        users.PasswordHasher.HashPassword(candidate, request.Password);
        // Within the owner's message budget only, so repeated attempts cannot flood their mailbox; the answer is the same.
        if ((await limits.AcquireAsync(RateLimitKind.MessagesPerAccount, "register-notice:" + owner.Id, cancellationToken)).IsAllowed)
        {
            await email.SendAsync(AccountMessages.RegistrationAttempt(owner.Email!, owner.Locale, owner.DisplayName,
                AccountLinks.At(context, "login"), owner.Id), cancellationToken);
        }
        await audit.RecordAsync(AuditActions.Register, AuditOutcome.Denied, client, null, owner.Id, AuditDetail.Of(AuditDetails.AddressTaken), cancellationToken);
        return RegisterAnswer(RequestLocale.Of(context));
    }

    private static Ok<RegisterResponse> RegisterAnswer(string locale) =>
        TypedResults.Ok(new RegisterResponse(Texts.Get(locale, "Auth.Registered")));

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request,
        UserManager<AppUser> users,
        AppDbContext db,
        SessionService sessions,
        VerificationCodes codes,
        SignInGuard guard,
        AuditLog audit,
        IOptions<AuthOptions> options,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var client = ClientInfo.From(context);
        var tokenInBody = string.Equals(request.TokenDelivery, "body", StringComparison.OrdinalIgnoreCase);
        var user = await users.FindByEmailAsync(EmailAddress.LookupForm(request.Email));
        if (user is null)
        {
            // Same work and answer as a wrong password, so the response does not tell whether the address exists.
            users.PasswordHasher.HashPassword(new AppUser(), request.Password);
            await audit.RecordAsync(AuditActions.LoginFailed, AuditOutcome.Failure, client, null, null, AuditDetail.Of(AuditDetails.UnknownAccount), cancellationToken);
            return WrongCredentials(RequestLocale.Of(context));
        }

        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(AuditActions.LoginFailed, AuditOutcome.Denied, client, null, user.Id, AuditDetail.Of(AuditDetails.LockedByAdministrator), cancellationToken);
            return LockedOut(RequestLocale.Of(context));
        }

        var blocked = await RefusedByGuardAsync(guard, user, audit, client, context, cancellationToken);
        if (blocked is not null)
        {
            return blocked;
        }

        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            var locked = await guard.RecordFailureAsync(user.Id, client.IpAddress);
            await audit.RecordAsync(locked ? AuditActions.LockedOut : AuditActions.LoginFailed, AuditOutcome.Failure, client, null, user.Id,
                AuditDetail.Of(locked ? AuditDetails.TooManyFailures : AuditDetails.WrongPassword), cancellationToken);
            return locked ? LockedOut(RequestLocale.Of(context)) : WrongCredentials(RequestLocale.Of(context));
        }

        if (!user.IsActive)
        {
            await audit.RecordAsync(AuditActions.LoginFailed, AuditOutcome.Denied, client, null, user.Id, AuditDetail.Of(AuditDetails.AccountDeactivated), cancellationToken);
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status403Forbidden, "Auth.Deactivated.Title", "Auth.Deactivated.Detail");
        }

        if (options.Value.RequireVerifiedEmail && !user.EmailConfirmed)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status403Forbidden, "Auth.EmailNotConfirmed.Title", "Auth.EmailNotConfirmed.Detail");
        }

        if (user.PasswordResetRequired)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status403Forbidden, "Auth.ResetRequired.Title", "Auth.ResetRequired.Detail");
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

        await guard.RecordSuccessAsync(user.Id, client.IpAddress);
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
        SignInGuard guard,
        AuditLog audit,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var client = ClientInfo.From(context);
        var challenge = await FindChallengeAsync(db, request.MfaToken, time, cancellationToken);
        if (challenge is null)
        {
            return ChallengeExpired(RequestLocale.Of(context));
        }

        var perAccount = await limits.AcquireAsync(RateLimitKind.AuthPerAccount, "mfa:" + challenge.UserId, cancellationToken);
        if (!perAccount.IsAllowed)
        {
            return perAccount.ToProblem(context);
        }

        var user = await users.FindByIdAsync(challenge.UserId.ToString());
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user))
        {
            return user is not null && await users.IsLockedOutAsync(user) ? LockedOut(RequestLocale.Of(context)) : ChallengeExpired(RequestLocale.Of(context));
        }

        var blocked = await RefusedByGuardAsync(guard, user, audit, client, context, cancellationToken);
        if (blocked is not null)
        {
            return blocked;
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
            var locked = await guard.RecordFailureAsync(user.Id, client.IpAddress);
            await audit.RecordAsync(locked ? AuditActions.LockedOut : AuditActions.MfaFailed, AuditOutcome.Failure, client, null, user.Id, AuditDetail.Of(AuditDetails.Method, method), cancellationToken);
            return locked ? LockedOut(RequestLocale.Of(context)) : Problems.Of(RequestLocale.Of(context), StatusCodes.Status401Unauthorized, "Auth.WrongCode.Title", "Auth.WrongCode.Detail");
        }

        // The challenge is single use: only one request can complete it.
        var now = time.GetUtcNow();
        var completed = await db.MfaChallenges.Where(c => c.Id == challenge.Id && c.CompletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.CompletedAt, now), cancellationToken);
        if (completed != 1)
        {
            return ChallengeExpired(RequestLocale.Of(context));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (method == "recovery")
        {
            await audit.RecordAsync(AuditActions.RecoveryCodeUsed, AuditOutcome.Success, client, user.Id, user.Id, cancellationToken: cancellationToken);
        }

        await guard.RecordSuccessAsync(user.Id, client.IpAddress);
        var tokens = await sessions.StartAsync(user, client, cancellationToken);
        await audit.RecordAsync(AuditActions.LoginSucceeded, AuditOutcome.Success, client, user.Id, user.Id, AuditDetail.Of(AuditDetails.Method, method), cancellationToken);
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
            return ChallengeExpired(RequestLocale.Of(context));
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
            return SessionEnded(RequestLocale.Of(context), "Auth.SessionEnded.NoToken");
        }

        var (tokens, failure) = await sessions.RefreshAsync(presented, ClientInfo.From(context), cancellationToken);
        if (tokens is null)
        {
            RefreshCookie.Clear(context);
            return SessionEnded(RequestLocale.Of(context), failure == RefreshFailure.Reused ? "Auth.SessionEnded.Reused" : "Auth.SessionEnded.Detail");
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

    /// <summary>The lockout of this address, or the account's ceiling for addresses it never signed in from.</summary>
    private static async Task<ProblemHttpResult?> RefusedByGuardAsync(
        SignInGuard guard, AppUser user, AuditLog audit, ClientInfo client, HttpContext context, CancellationToken cancellationToken)
    {
        switch (await guard.CheckAsync(user.Id, client.IpAddress))
        {
            case SignInBlock.SourceLockedOut:
                await audit.RecordAsync(AuditActions.LoginFailed, AuditOutcome.Denied, client, null, user.Id, AuditDetail.Of(AuditDetails.LockedFromAddress), cancellationToken);
                return LockedOut(RequestLocale.Of(context));
            case SignInBlock.AccountUnderAttack:
                await audit.RecordAsync(AuditActions.LoginFailed, AuditOutcome.Denied, client, null, user.Id, AuditDetail.Of(AuditDetails.AccountFailureCeiling), cancellationToken);
                return new RateLimitDecision(false, guard.CeilingWindow).ToProblem(context);
            default:
                return null;
        }
    }

    private static ProblemHttpResult WrongCredentials(string locale) =>
        Problems.Of(locale, StatusCodes.Status401Unauthorized, "Auth.SignInFailed.Title", "Auth.SignInFailed.Detail");

    private static ProblemHttpResult LockedOut(string locale) =>
        Problems.Of(locale, StatusCodes.Status401Unauthorized, "Auth.Locked.Title", "Auth.Locked.Detail");

    private static ProblemHttpResult ChallengeExpired(string locale) =>
        Problems.Of(locale, StatusCodes.Status401Unauthorized, "Auth.ChallengeExpired.Title", "Auth.ChallengeExpired.Detail");

    private static ProblemHttpResult SessionEnded(string locale, string detailKey) =>
        Problems.Of(locale, StatusCodes.Status401Unauthorized, "Auth.SessionEnded.Title", detailKey);
}
