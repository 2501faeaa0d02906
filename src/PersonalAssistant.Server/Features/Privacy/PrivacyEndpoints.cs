using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Privacy;

/// <summary>The person's own privacy: deleting the account (with a grace period), and consents.</summary>
internal static class PrivacyEndpoints
{
    public static RouteGroupBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/users/me").WithTags("Privacy");
        group.MapDelete("", DeleteMyAccount).WithName("DeleteMyAccount").WithSummary("Delete my account and everything in it")
            .WithDescription("Needs the password, and a second factor when sign-in asks for one (method totp, sms after POST /mfa/sms/setup, or recovery). " +
                             "Signs out everywhere and stops every proactive message; after the grace period (7 days unless configured) a job erases every " +
                             "row of the account. 202 with the date. Signing in before then and DELETE /users/me/deletion keeps the account. Rate-limited.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/deletion", CancelMyAccountDeletion).WithName("CancelMyAccountDeletion").WithSummary("Keep my account after all")
            .WithDescription("Cancels a scheduled deletion; 404 when none is scheduled.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/consents", ListMyConsents).WithName("ListMyConsents").WithSummary("What I agreed to, with the words, and the history");
        group.MapPut("/consents/{kind}", SetMyConsent).WithName("SetMyConsent").WithSummary("Agree to or withdraw a consent")
            .WithDescription("kind: terms, sms, email or push. Withdrawing a channel stops proactive messages on it at once and turns it off; " +
                             "agreeing turns it on. The terms cannot be withdrawn (409): that is deleting the account.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/privacy", GetMyPrivacySummary).WithName("GetMyPrivacySummary").WithSummary("What is stored about me, for how long, and where it goes")
            .WithDescription("Rows of each kind (as the export's files name them), the retention of passing data, the deletion grace period, " +
                             "the export's download window, and the outside services this instance uses for texts, email, the language model and push.");
        api.MapGet("/privacy/terms", GetTerms).WithTags("Privacy").AllowAnonymous().WithName("GetTerms").WithSummary("The words of the terms")
            .WithDescription("What creating an account agrees to, in locale (en or fr; else the Accept-Language), with its version: the sign-up form shows them.");
        return group;
    }

    public static async Task<Ok<PrivacySummaryResponse>> GetMyPrivacySummary(
        PersonNow person, PrivacySummaryService summary, CancellationToken cancellationToken) =>
        TypedResults.Ok(await summary.SummarizeAsync(person, cancellationToken));

    public static Ok<TermsResponse> GetTerms(HttpContext context, [FromQuery] string? locale) =>
        TypedResults.Ok(PrivacySummaryService.Terms(locale is not null && Locales.All.Contains(locale) ? locale : RequestLocale.Of(context)));

    public static async Task<Results<Accepted<AccountDeletionResponse>, ValidationProblem, ProblemHttpResult>> DeleteMyAccount(
        [FromBody] DeleteAccountRequest request, PersonNow person, AccountDeletionService deletions, RateLimits limits, HttpContext context,
        CancellationToken cancellationToken)
    {
        // A password is checked: as limited as every other place that checks one.
        var allowed = await limits.AcquireAsync(RateLimitKind.AuthPerAccount, "delete-account:" + person.UserId, cancellationToken);
        if (!allowed.IsAllowed)
        {
            return allowed.ToProblem(context);
        }

        var outcome = await deletions.RequestAsync(person, request, ClientInfo.From(context), cancellationToken);
        return outcome.Failure is { } failure ? OutcomeResults.Problem(failure) : TypedResults.Accepted((string?)null, outcome.Value);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> CancelMyAccountDeletion(
        PersonNow person, AccountDeletionService deletions, HttpContext context, CancellationToken cancellationToken) =>
        (await deletions.CancelAsync(person, ClientInfo.From(context), cancellationToken)).ToNoContent();

    public static async Task<Ok<ConsentsResponse>> ListMyConsents(PersonNow person, ConsentService consents, CancellationToken cancellationToken) =>
        TypedResults.Ok(await consents.ListAsync(person, cancellationToken));

    public static async Task<Results<Ok<ConsentsResponse>, ValidationProblem, ProblemHttpResult>> SetMyConsent(
        string kind, ConsentChangeRequest request, PersonNow person, ConsentService consents, CancellationToken cancellationToken) =>
        (await consents.SetAsync(person, kind, request, cancellationToken)).ToOk();
}

internal static class PrivacyRegistration
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddValidatedOptions<PrivacyOptions, PrivacyOptions.Validator>(PrivacyOptions.Section);
        services.AddScoped<ConsentService>();
        services.AddScoped<PrivacySummaryService>();
        services.AddScoped<AccountDeletionService>();
        services.AddScoped<AccountDeletionJob>();
        // Every decision with the words shown, oldest first (the export's consents.json).
        services.AddPersonalData("consents.json", "Exports.File.Consents", (db, userId) => db.Set<Consent>().AsNoTracking()
            .Where(c => c.UserId == userId).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new { c.Kind, c.Granted, c.At, c.Version, c.Text, c.Locale, c.Source }));
        return services;
    }
}
