using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;
using QRCoder;

namespace PersonalAssistant.Server.Features.Mfa;

/// <summary>Second factors: an authenticator app (TOTP), SMS codes, recovery codes.</summary>
internal static class MfaEndpoints
{
    public static RouteGroupBuilder MapMfaEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/mfa").WithTags("MFA").ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("", GetMfaStatus).WithName("GetMfaStatus").WithSummary("Which second factors are on");
        group.MapPost("/totp/setup", SetupTotp).WithName("SetupTotp").WithSummary("Start setting up an authenticator app")
            .WithDescription("Returns a new secret, its otpauth:// URI and a QR code. Nothing changes at sign-in until totp/enable confirms a code.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/totp/enable", EnableTotp).WithName("EnableTotp").WithSummary("Confirm the authenticator app with a code")
            .WithDescription("Turns TOTP on. When it is the first second factor, returns 10 recovery codes, shown once.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/sms/setup", SetupSms).WithName("SetupSms").WithSummary("Text a code to the primary verified phone")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/sms/enable", EnableSms).WithName("EnableSms").WithSummary("Turn on SMS codes with the code just sent")
            .WithDescription("When it is the first second factor, returns 10 recovery codes, shown once.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/recovery-codes", RegenerateRecoveryCodes).WithName("RegenerateRecoveryCodes")
            .WithSummary("Replace the recovery codes").WithDescription("Needs a current TOTP or SMS code. The old codes stop working.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("", DisableMfa).WithName("DisableMfa").WithSummary("Turn every second factor off")
            .WithDescription("Needs the password and a current code (or a recovery code).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    public static async Task<Ok<MfaStatusResponse>> GetMfaStatus(AppDbContext db, RecoveryCodes recovery, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        return TypedResults.Ok(new MfaStatusResponse(user.TotpEnabled, user.SmsMfaEnabled,
            await recovery.RemainingAsync(userId, cancellationToken), user.HasMfa ? MfaMethods.Of(user) : []));
    }

    public static async Task<Results<Ok<TotpSetupResponse>, ProblemHttpResult>> SetupTotp(
        UserManager<AppUser> users, TotpService totp, HttpContext context)
    {
        var user = await users.FindByIdAsync(context.User.UserId().ToString());
        if (user is null)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status401Unauthorized, "Problem.Unauthorized.Title", "Problem.Unauthorized.Detail");
        }

        if (user.TotpEnabled)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Mfa.AlreadySetUp.Title", "Mfa.AlreadySetUp.Detail");
        }

        var secret = TotpService.NewSecret();
        user.TotpSecretProtected = totp.Protect(secret);
        await users.UpdateAsync(user);
        var uri = TotpService.OtpAuthUri(secret, user.Email ?? user.DisplayName).AbsoluteUri;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(6);
        return TypedResults.Ok(new TotpSetupResponse(secret, uri, svg));
    }

    public static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> EnableTotp(
        MfaCodeRequest request, UserManager<AppUser> users, TotpService totp, RecoveryCodes recovery, SessionService sessions, RateLimits limits,
        AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var (user, refused) = await LoadCheckingLimitAsync(users, limits, context, cancellationToken);
        if (user is null)
        {
            return refused!;
        }

        if (user.TotpEnabled || user.TotpSecretProtected is null)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Mfa.NothingToConfirm.Title",
                user.TotpEnabled ? "Mfa.NothingToConfirm.AlreadyOn" : "Mfa.NothingToConfirm.StartFirst");
        }

        if (!totp.Verify(user, request.Code.Trim()))
        {
            return WrongCode(RequestLocale.Of(context));
        }

        var firstFactor = !user.HasMfa;
        user.TotpEnabled = true;
        user.TwoFactorEnabled = true;
        await users.UpdateAsync(user);
        // A new second factor ends every other session, as a password change does; the one that turned it on stays.
        await sessions.RevokeOthersAsync(context.User, "mfa_enabled", cancellationToken);
        context.RequestServices.GetRequiredService<ProfileCache>().Forget(user.Id);
        await audit.RecordAsync(AuditActions.MfaEnabled, AuditOutcome.Success, ClientInfo.From(context), user.Id, user.Id, AuditDetail.Of(AuditDetails.Method, "totp"), cancellationToken);
        return TypedResults.Ok(new RecoveryCodesResponse(firstFactor ? await recovery.ReplaceAsync(user.Id, cancellationToken) : []));
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> SetupSms(
        UserManager<AppUser> users, SecondFactors factors, VerificationCodes codes, HttpContext context, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(context.User.UserId().ToString());
        var phone = user is null ? null : await factors.PrimaryPhoneAsync(user.Id, cancellationToken);
        if (user is null || phone is null)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Mfa.NoVerifiedPhone.Title", "Mfa.NoVerifiedPhone.DetailSms");
        }

        var sent = await codes.SendAsync(user, VerificationPurpose.MfaSmsEnable, phone.Id, phone.E164, cancellationToken);
        return sent.IsAllowed ? TypedResults.Accepted((string?)null) : sent.ToProblem(context);
    }

    public static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> EnableSms(
        MfaCodeRequest request, UserManager<AppUser> users, SecondFactors factors, VerificationCodes codes, RecoveryCodes recovery,
        SessionService sessions, RateLimits limits, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var (user, refused) = await LoadCheckingLimitAsync(users, limits, context, cancellationToken);
        if (user is null)
        {
            return refused!;
        }

        var phone = await factors.PrimaryPhoneAsync(user.Id, cancellationToken);
        if (phone is null)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Mfa.NoVerifiedPhone.Title", "Mfa.NoVerifiedPhone.Detail");
        }

        var check = await codes.CheckAsync(user.Id, VerificationPurpose.MfaSmsEnable, phone.Id, request.Code, cancellationToken);
        if (check != CodeCheck.Valid)
        {
            return VerificationCodes.Problem(check, RequestLocale.Of(context));
        }

        var firstFactor = !user.HasMfa;
        user.SmsMfaEnabled = true;
        user.TwoFactorEnabled = true;
        await users.UpdateAsync(user);
        // A new second factor ends every other session, as a password change does; the one that turned it on stays.
        await sessions.RevokeOthersAsync(context.User, "mfa_enabled", cancellationToken);
        context.RequestServices.GetRequiredService<ProfileCache>().Forget(user.Id);
        await audit.RecordAsync(AuditActions.MfaEnabled, AuditOutcome.Success, ClientInfo.From(context), user.Id, user.Id, AuditDetail.Of(AuditDetails.Method, "sms"), cancellationToken);
        return TypedResults.Ok(new RecoveryCodesResponse(firstFactor ? await recovery.ReplaceAsync(user.Id, cancellationToken) : []));
    }

    public static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> RegenerateRecoveryCodes(
        MfaProofRequest request, UserManager<AppUser> users, SecondFactors factors,
        RecoveryCodes recovery, RateLimits limits, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var (user, refused) = await LoadCheckingLimitAsync(users, limits, context, cancellationToken);
        if (user is null)
        {
            return refused!;
        }

        if (!user.HasMfa)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Mfa.Off.Title", "Mfa.Off.Detail");
        }

        if (!await factors.ProveAsync(user, request.Method, request.Code, allowRecovery: false, cancellationToken))
        {
            return WrongCode(RequestLocale.Of(context));
        }

        await users.UpdateAsync(user);
        var fresh = await recovery.ReplaceAsync(user.Id, cancellationToken);
        await audit.RecordAsync(AuditActions.RecoveryCodesRegenerated, AuditOutcome.Success, ClientInfo.From(context), user.Id, user.Id,
            cancellationToken: cancellationToken);
        return TypedResults.Ok(new RecoveryCodesResponse(fresh));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DisableMfa(
        [FromBody] DisableMfaRequest request, UserManager<AppUser> users, SecondFactors factors,
        RecoveryCodes recovery, RateLimits limits, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var (user, refused) = await LoadCheckingLimitAsync(users, limits, context, cancellationToken);
        if (user is null)
        {
            return refused!;
        }

        // The password is checked first, MFA on or off: a 204 for any password would confirm that MFA is off.
        var passwordOk = await users.CheckPasswordAsync(user, request.Password);
        if (passwordOk && !user.HasMfa)
        {
            return TypedResults.NoContent();
        }

        var codeOk = passwordOk && await factors.ProveAsync(user, request.Method, request.Code, allowRecovery: true, cancellationToken);
        if (!codeOk)
        {
            await audit.RecordAsync(AuditActions.MfaDisabled, AuditOutcome.Failure, ClientInfo.From(context), user.Id, user.Id,
                AuditDetail.Of(passwordOk ? AuditDetails.WrongCode : AuditDetails.WrongPassword), cancellationToken);
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status400BadRequest, "Mfa.NotConfirmed.Title", "Mfa.NotConfirmed.Detail");
        }

        user.TotpEnabled = false;
        user.SmsMfaEnabled = false;
        user.TwoFactorEnabled = false;
        user.TotpSecretProtected = null;
        user.LastTotpTimeStep = null;
        await users.UpdateAsync(user);
        await recovery.DeleteAllAsync(user.Id, cancellationToken);
        context.RequestServices.GetRequiredService<ProfileCache>().Forget(user.Id);
        await audit.RecordAsync(AuditActions.MfaDisabled, AuditOutcome.Success, ClientInfo.From(context), user.Id, user.Id, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<(AppUser? User, ProblemHttpResult? Refused)> LoadCheckingLimitAsync(
        UserManager<AppUser> users, RateLimits limits, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var allowed = await limits.AcquireAsync(RateLimitKind.AuthPerAccount, "mfa-settings:" + userId, cancellationToken);
        if (!allowed.IsAllowed)
        {
            return (null, allowed.ToProblem(context));
        }

        var user = await users.FindByIdAsync(userId.ToString());
        return user is null ? (null, Problems.Of(RequestLocale.Of(context), StatusCodes.Status401Unauthorized, "Problem.Unauthorized.Title", "Problem.Unauthorized.Detail")) : (user, null);
    }

    private static ProblemHttpResult WrongCode(string locale) =>
        Problems.Of(locale, StatusCodes.Status400BadRequest, "Auth.WrongCode.Title", "Mfa.WrongCode.Detail");
}
