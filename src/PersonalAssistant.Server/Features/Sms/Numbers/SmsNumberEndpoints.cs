using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Sms.Numbers;

/// <summary>
/// The number manager for administrators: the HTTP face of <see cref="SmsNumberService"/>. Without Twilio configured
/// every route is a 404; Twilio refusing a request is a 422, Twilio unreachable a 503.
/// </summary>
internal static class SmsNumberEndpoints
{
    public static void MapSmsNumberEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/sms/numbers").WithTags("Administration")
            .RequireAuthorization(Permissions.Policy(Permissions.SmsAdminister))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/available", SearchSmsNumbers).WithName("AdminSearchSmsNumbers").WithSummary("Numbers Twilio offers")
            .WithDescription("SMS-capable local numbers in a country, optionally in an area code (at most 20).").ProducesValidationProblem();
        group.MapGet("", ListSmsNumbers).WithName("AdminListSmsNumbers").WithSummary("The instance's numbers")
            .WithDescription("Each with the person it is given to and where its webhooks pointed at the last check.");
        group.MapPost("", BuySmsNumber).WithName("AdminBuySmsNumber").WithSummary("Buy a number")
            .WithDescription("Buys it at Twilio with its SMS webhook and status callback pointed at this instance, and gives it to a person if asked. Audited.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/assignment", AssignSmsNumber).WithName("AdminAssignSmsNumber").WithSummary("Give a number to a person, or take it back")
            .WithDescription("A number held by someone else is a 409: take it back first. Audited.").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/verify", VerifySmsNumber).WithName("AdminVerifySmsNumber").WithSummary("Check that Twilio still points a number here")
            .WithDescription("Fetches the number from Twilio and records whether its SMS and status URLs are this instance's. Audited.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", ReleaseSmsNumber).WithName("AdminReleaseSmsNumber").WithSummary("Release a number")
            .WithDescription("Releases it at Twilio and removes it; texts to it are no longer ours. Audited.");
    }

    public static Task<Results<Ok<IReadOnlyList<AvailableSmsNumberResponse>>, ValidationProblem, ProblemHttpResult>> SearchSmsNumbers(
        [AsParameters] AvailableSmsNumbersQuery query, SmsNumberService numbers, HttpContext context, CancellationToken cancellationToken) =>
        AtTwilioAsync<Results<Ok<IReadOnlyList<AvailableSmsNumberResponse>>, ValidationProblem, ProblemHttpResult>>(
            numbers, context, async () => TypedResults.Ok(await numbers.SearchAsync(query, cancellationToken)), problem => problem);

    public static async Task<Results<Ok<IReadOnlyList<SmsNumberResponse>>, ProblemHttpResult>> ListSmsNumbers(
        SmsNumberService numbers, HttpContext context, CancellationToken cancellationToken) =>
        Unavailable(numbers, context) is { } off ? off : TypedResults.Ok(await numbers.ListAsync(cancellationToken));

    public static Task<Results<Created<SmsNumberResponse>, ValidationProblem, ProblemHttpResult>> BuySmsNumber(
        BuySmsNumberRequest request, SmsNumberService numbers, HttpContext context, CancellationToken cancellationToken) =>
        AtTwilioAsync<Results<Created<SmsNumberResponse>, ValidationProblem, ProblemHttpResult>>(numbers, context, async () =>
        {
            var outcome = await numbers.BuyAsync(RequestLocale.Of(context), context.User.UserId(), ClientInfo.From(context), request, cancellationToken);
            return outcome.Failure is { } failure ? OutcomeResults.Problem(failure)
                : TypedResults.Created($"{ApiRoutes.Prefix}/admin/sms/numbers/{outcome.Value!.Id}", outcome.Value);
        }, problem => problem);

    public static async Task<Results<Ok<SmsNumberResponse>, ValidationProblem, ProblemHttpResult>> AssignSmsNumber(
        Guid id, AssignSmsNumberRequest request, SmsNumberService numbers, HttpContext context, CancellationToken cancellationToken) =>
        Unavailable(numbers, context) is { } off ? off
            : (await numbers.AssignAsync(RequestLocale.Of(context), context.User.UserId(), ClientInfo.From(context), id, request, cancellationToken)).ToOk();

    public static Task<Results<Ok<SmsNumberResponse>, ValidationProblem, ProblemHttpResult>> VerifySmsNumber(
        Guid id, SmsNumberService numbers, HttpContext context, CancellationToken cancellationToken) =>
        AtTwilioAsync<Results<Ok<SmsNumberResponse>, ValidationProblem, ProblemHttpResult>>(numbers, context,
            async () => (await numbers.VerifyAsync(RequestLocale.Of(context), context.User.UserId(), ClientInfo.From(context), id, cancellationToken)).ToOk(),
            problem => problem);

    public static Task<Results<NoContent, ProblemHttpResult>> ReleaseSmsNumber(
        Guid id, SmsNumberService numbers, HttpContext context, CancellationToken cancellationToken) =>
        AtTwilioAsync<Results<NoContent, ProblemHttpResult>>(numbers, context,
            async () => (await numbers.ReleaseAsync(RequestLocale.Of(context), context.User.UserId(), ClientInfo.From(context), id, cancellationToken)).ToNoContent(),
            problem => problem);

    /// <summary>
    /// A call that reaches Twilio: a 404 when Twilio is not configured, and Twilio refusing (422) or unreachable (503)
    /// answered as a problem. <paramref name="asResult"/> turns a problem into the endpoint's result type.
    /// </summary>
    private static async Task<TResult> AtTwilioAsync<TResult>(
        SmsNumberService numbers, HttpContext context, Func<Task<TResult>> call, Func<ProblemHttpResult, TResult> asResult)
    {
        if (Unavailable(numbers, context) is { } off)
        {
            return asResult(off);
        }

        try
        {
            return await call();
        }
        catch (TwilioNumberException exception)
        {
            return asResult(TwilioProblem(exception, context));
        }
    }

    private static ProblemHttpResult? Unavailable(SmsNumberService numbers, HttpContext context) =>
        numbers.IsAvailable ? null : Problems.Of(RequestLocale.Of(context), StatusCodes.Status404NotFound, "Problem.NotFound.Title", "Sms.NotConfigured.Detail");

    private static ProblemHttpResult TwilioProblem(TwilioNumberException exception, HttpContext context) =>
        exception.Transient
            ? Problems.Of(RequestLocale.Of(context), StatusCodes.Status503ServiceUnavailable, "Sms.Numbers.TwilioUnavailable.Title", "Sms.Numbers.TwilioUnavailable.Detail")
            : Problems.Of(RequestLocale.Of(context), StatusCodes.Status422UnprocessableEntity, "Sms.Numbers.TwilioRefused.Title", "Sms.Numbers.TwilioRefused.Detail", exception.Code);
}
