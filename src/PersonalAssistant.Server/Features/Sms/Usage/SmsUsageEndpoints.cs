using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Host;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Sms.Usage;

/// <summary>Usage and costs of texts: mine, and the instance's for administrators. The HTTP face of <see cref="SmsUsageService"/>.</summary>
internal static class SmsUsageEndpoints
{
    private const string CsvType = "text/csv";

    public static void MapSmsUsageEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/sms/usage", GetMySmsUsage).WithTags("Sms").WithName("GetMySmsUsage").WithSummary("My texts and their cost, per day")
            .WithDescription("Texts in and out and their segments per local day over the range (default: the last 30 days, at most 366), with the estimated cost. `?format=csv` answers text/csv: date,messages_in,segments_in,messages_out,segments_out,estimated_cost,currency.")
            .ProducesCsvToo().ProducesValidationProblem();
        api.MapGet("/admin/sms/usage", GetSmsUsage).WithTags("Administration").WithName("AdminGetSmsUsage").WithSummary("The instance's texts and their cost")
            .WithDescription("Per person, per instance number, per country, delivery success, top error codes and cost per month with the numbers' rental, over the range (UTC days; default the last 30, at most 366). `?format=csv` answers text/csv with one figure per line: section,key,metric,value,unit.")
            .RequireAuthorization(Permissions.Policy(Permissions.SmsAdminister))
            .ProducesCsvToo().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public static async Task<Results<Ok<SmsUsageResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetMySmsUsage(
        [AsParameters] SmsUsageQuery query, PersonNow person, SmsUsageService usage, CancellationToken cancellationToken)
    {
        var outcome = await usage.PersonalAsync(person, query, cancellationToken);
        return outcome.Failure is null && query.Format == SmsUsageService.Csv
            ? TypedResults.Text(SmsUsageService.ToCsv(outcome.Value!), CsvType)
            : Widen(outcome.ToOk());
    }

    public static async Task<Results<Ok<SmsAdminUsageResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetSmsUsage(
        [AsParameters] SmsUsageQuery query, SmsUsageService usage, HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await usage.AdminAsync(RequestLocale.Of(context), query, cancellationToken);
        return outcome.Failure is null && query.Format == SmsUsageService.Csv
            ? TypedResults.Text(SmsUsageService.ToCsv(outcome.Value!), CsvType)
            : Widen(outcome.ToOk());
    }

    private static Results<Ok<T>, ContentHttpResult, ValidationProblem, ProblemHttpResult> Widen<T>(Results<Ok<T>, ValidationProblem, ProblemHttpResult> result) =>
        result.Result switch
        {
            Ok<T> ok => ok,
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("An outcome is a value or a problem."),
        };
}
