using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Sms.Allowances;

/// <summary>The SMS allowances per role, for administrators. The HTTP face of <see cref="SmsAllowanceService"/>.</summary>
internal static class SmsAllowanceEndpoints
{
    public static void MapSmsAllowanceEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/sms/allowances").WithTags("Administration")
            .RequireAuthorization(Permissions.Policy(Permissions.SmsAdminister)).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListSmsAllowances).WithName("AdminListSmsAllowances").WithSummary("SMS allowances per role")
            .WithDescription("Segments a day and a month for user and premium (configured, or set by an administrator); administrators are unlimited.");
        group.MapPut("", UpdateSmsAllowances).WithName("AdminUpdateSmsAllowances").WithSummary("Change the SMS allowances")
            .WithDescription("Sets user's and premium's allowances; a role left out goes back to the configured one. Recorded in the audit trail.")
            .ProducesValidationProblem();
    }

    public static async Task<Ok<IReadOnlyList<SmsAllowanceResponse>>> ListSmsAllowances(SmsAllowanceService allowances, CancellationToken cancellationToken) =>
        TypedResults.Ok(await allowances.ListAsync(cancellationToken));

    public static async Task<Ok<IReadOnlyList<SmsAllowanceResponse>>> UpdateSmsAllowances(
        UpdateSmsAllowancesRequest request, SmsAllowanceService allowances, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await allowances.UpdateAsync(context.User.UserId(), ClientInfo.From(context), request, cancellationToken));
}
