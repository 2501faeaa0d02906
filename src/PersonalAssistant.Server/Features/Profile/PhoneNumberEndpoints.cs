using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;
using PhoneNumbers;
using PhoneNumberEntity = PersonalAssistant.Server.Identity.PhoneNumber;

namespace PersonalAssistant.Server.Features.Profile;

/// <summary>The phone numbers a person reaches the assistant from, each proven with a texted code.</summary>
internal static class PhoneNumberEndpoints
{
    public const int MaxNumbersPerAccount = 5;
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static RouteGroupBuilder MapPhoneNumberEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/users/me/phone-numbers").WithTags("Profile")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("", ListPhoneNumbers).WithName("ListPhoneNumbers").WithSummary("My phone numbers");
        group.MapPost("", AddPhoneNumber).WithName("AddPhoneNumber").WithSummary("Add a phone number and text it a code")
            .WithDescription("Any common format; normalised to E.164 (region defaults to US, or send an ISO 3166 region such as FR). Needs a confirmed email (403 otherwise). A number verified on another account answers the same, but no code reaches it. A number that texted STOP is added opted out (optedOut: true) and gets no code until it texts START.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/verify", VerifyPhoneNumber).WithName("VerifyPhoneNumber").WithSummary("Confirm a number with its code")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/resend", ResendPhoneCode).WithName("ResendPhoneCode").WithSummary("Text a new code");
        group.MapPost("/{id:guid}/primary", MakePrimaryPhoneNumber).WithName("MakePrimaryPhoneNumber").WithSummary("Use this number first")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", DeletePhoneNumber).WithName("DeletePhoneNumber").WithSummary("Remove a number")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<PhoneNumberResponse>>> ListPhoneNumbers(AppDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var phones = await db.PhoneNumbers.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PhoneNumberResponse>>(phones.Select(PhoneNumberResponse.From).ToList());
    }

    public static async Task<Results<Created<PhoneNumberResponse>, ValidationProblem, ProblemHttpResult>> AddPhoneNumber(
        AddPhoneNumberRequest request, UserManager<AppUser> users, AppDbContext db, PhoneNumberService phoneNumbers, VerificationCodes codes, AuditLog audit,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var region = string.IsNullOrWhiteSpace(request.Region) ? "US" : request.Region.Trim().ToUpperInvariant();
        if (!Phones.GetSupportedRegions().Contains(region))
        {
            return Problems.Invalid(RequestLocale.Of(context), "region", "Phone.Region");
        }

        string e164;
        try
        {
            var parsed = Phones.Parse(request.Number, region);
            if (!Phones.IsValidNumber(parsed))
            {
                return InvalidNumber(RequestLocale.Of(context));
            }

            e164 = Phones.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return InvalidNumber(RequestLocale.Of(context));
        }

        var userId = context.User.UserId();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is not { EmailConfirmed: true })
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status403Forbidden, "Auth.EmailNotConfirmed.Title", "Phone.EmailNotConfirmed.Detail");
        }

        var mine = await db.PhoneNumbers.Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        if (mine.Any(p => p.E164 == e164))
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Phone.AlreadyAdded.Title", "Phone.AlreadyAdded.Detail");
        }

        if (mine.Count >= MaxNumbersPerAccount)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Phone.TooMany.Title", "Phone.TooMany.Detail", MaxNumbersPerAccount);
        }

        // A number verified on another account answers like any other (the answer must not tell who uses it), but
        // no code is texted to it: it could never be verified here, and its owner must not receive codes.
        var takenElsewhere = await db.PhoneNumbers.AnyAsync(p => p.E164 == e164 && p.VerifiedAt != null, cancellationToken);
        // A number that texted STOP starts opted out: no code is texted to it until it texts START (the app says so).
        var optedOutAt = await phoneNumbers.OptedOutAtAsync(e164, cancellationToken);
        var phone = new PhoneNumberEntity { UserId = userId, E164 = e164, CreatedAt = time.GetUtcNow(), OptedOutAt = optedOutAt };
        db.PhoneNumbers.Add(phone);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.PhoneAdded, AuditOutcome.Success, ClientInfo.From(context), userId, userId,
            takenElsewhere ? AuditDetail.Of(AuditDetails.PhoneTakenElsewhere) : optedOutAt is not null ? AuditDetail.Of(AuditDetails.PhoneOptedOut) : null, cancellationToken);
        var sent = await codes.SendAsync(user, VerificationPurpose.PhoneVerification, phone.Id, e164, cancellationToken,
            deliver: !takenElsewhere && optedOutAt is null);
        if (!sent.IsAllowed)
        {
            return sent.ToProblem(context);
        }

        return TypedResults.Created($"{ApiRoutes.Prefix}/users/me/phone-numbers/{phone.Id}", PhoneNumberResponse.From(phone));
    }

    public static async Task<Results<Ok<PhoneNumberResponse>, ProblemHttpResult>> VerifyPhoneNumber(
        Guid id, PhoneCodeRequest request, AppDbContext db, VerificationCodes codes, AuditLog audit, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var phone = await db.PhoneNumbers.SingleOrDefaultAsync(p => p.Id == id && p.UserId == userId, cancellationToken);
        if (phone is null)
        {
            return NotFound(RequestLocale.Of(context));
        }

        if (phone.IsVerified)
        {
            return TypedResults.Ok(PhoneNumberResponse.From(phone));
        }

        var check = await codes.CheckAsync(userId, VerificationPurpose.PhoneVerification, phone.Id, request.Code, cancellationToken);
        if (check != CodeCheck.Valid)
        {
            return VerificationCodes.Problem(check, RequestLocale.Of(context));
        }

        phone.VerifiedAt = time.GetUtcNow();
        phone.IsPrimary = !await db.PhoneNumbers.AnyAsync(p => p.UserId == userId && p.IsPrimary && p.Id != phone.Id, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another account verified the same number first: the unique index on verified numbers refused this one.
            return TakenByAnotherAccount(RequestLocale.Of(context));
        }

        await audit.RecordAsync(AuditActions.PhoneVerified, AuditOutcome.Success, ClientInfo.From(context), userId, userId, cancellationToken: cancellationToken);
        return TypedResults.Ok(PhoneNumberResponse.From(phone));
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> ResendPhoneCode(
        Guid id, UserManager<AppUser> users, AppDbContext db, VerificationCodes codes, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var phone = await db.PhoneNumbers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.UserId == userId, cancellationToken);
        if (phone is null)
        {
            return NotFound(RequestLocale.Of(context));
        }

        if (phone.IsVerified)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Phone.AlreadyVerified.Title", "Phone.AlreadyVerified.Detail");
        }

        var user = await users.FindByIdAsync(userId.ToString());
        var takenElsewhere = await db.PhoneNumbers.AnyAsync(p => p.E164 == phone.E164 && p.VerifiedAt != null && p.UserId != userId, cancellationToken);
        var sent = await codes.SendAsync(user!, VerificationPurpose.PhoneVerification, phone.Id, phone.E164, cancellationToken,
            deliver: !takenElsewhere && phone.OptedOutAt is null);
        return sent.IsAllowed ? TypedResults.Accepted((string?)null) : sent.ToProblem(context);
    }

    public static async Task<Results<Ok<PhoneNumberResponse>, ProblemHttpResult>> MakePrimaryPhoneNumber(
        Guid id, AppDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var phones = await db.PhoneNumbers.Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        var chosen = phones.SingleOrDefault(p => p.Id == id);
        if (chosen is null)
        {
            return NotFound(RequestLocale.Of(context));
        }

        if (!chosen.IsVerified)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Phone.NotVerified.Title", "Phone.NotVerified.Detail");
        }

        foreach (var phone in phones)
        {
            phone.IsPrimary = phone.Id == id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PhoneNumberResponse.From(chosen));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePhoneNumber(
        Guid id, UserManager<AppUser> users, AppDbContext db, AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var phones = await db.PhoneNumbers.Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        var doomed = phones.SingleOrDefault(p => p.Id == id);
        if (doomed is null)
        {
            return NotFound(RequestLocale.Of(context));
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (doomed.IsVerified && user!.SmsMfaEnabled && phones.Count(p => p.IsVerified) == 1)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status409Conflict, "Phone.NeededForSignIn.Title", "Phone.NeededForSignIn.Detail");
        }

        db.PhoneNumbers.Remove(doomed);
        if (doomed.IsPrimary && phones.Where(p => p.Id != id && p.IsVerified).OrderBy(p => p.CreatedAt).FirstOrDefault() is { } next)
        {
            next.IsPrimary = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.PhoneRemoved, AuditOutcome.Success, ClientInfo.From(context), userId, userId, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static ValidationProblem InvalidNumber(string locale) => Problems.Invalid(locale, "number", "Phone.Invalid");

    private static ProblemHttpResult TakenByAnotherAccount(string locale) =>
        Problems.Of(locale, StatusCodes.Status409Conflict, "Phone.InUse.Title", "Phone.InUse.Detail");

    private static ProblemHttpResult NotFound(string locale) =>
        Problems.Of(locale, StatusCodes.Status404NotFound, "Phone.NotFound.Title", "Phone.NotFound.Detail");
}

/// <summary>A number to add.</summary>
/// <param name="Number">In any common format, e.g. "+1 514 555 0100" or "06 12 34 56 78".</param>
/// <param name="Region">ISO 3166 region used when the number has no country code (default US).</param>
internal sealed record AddPhoneNumberRequest(
    [property: Required, StringLength(32)] string Number,
    [property: StringLength(2, MinimumLength = 2)] string? Region);

/// <summary>The code texted to the number.</summary>
/// <param name="Code">6 digits.</param>
internal sealed record PhoneCodeRequest([property: Required, StringLength(16)] string Code);

/// <summary>One of the person's numbers.</summary>
/// <param name="Id">The number's id.</param>
/// <param name="Number">E.164.</param>
/// <param name="Verified">Proven with a code.</param>
/// <param name="Primary">The number SMS goes to first.</param>
/// <param name="CreatedAt">When it was added (UTC).</param>
/// <param name="OptedOut">The number texted STOP: no SMS goes to it until it texts START.</param>
internal sealed record PhoneNumberResponse(Guid Id, string Number, bool Verified, bool Primary, DateTimeOffset CreatedAt, bool OptedOut)
{
    public static PhoneNumberResponse From(PhoneNumberEntity phone) =>
        new(phone.Id, phone.E164, phone.IsVerified, phone.IsPrimary, phone.CreatedAt, phone.OptedOutAt is not null);
}
