using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging.Sms;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Texts in: Twilio's webhook (anonymous, signature-checked, answered at once with empty TwiML), the simulator (a signed-in
/// person texting as one of their verified numbers while Twilio is not configured), and the import of texts sent before
/// the sender had an account. The work is <see cref="SmsService"/>'s; every inbound text is recorded once and handled by
/// <see cref="InboundSmsJob"/>.
/// </summary>
internal static partial class SmsEndpoints
{
    public const string WebhookPath = "/webhooks/twilio/sms";
    public const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response></Response>""";

    /// <summary>The Twilio webhook, outside the <c>/api/v1</c> group: Twilio cannot sign in; its signature stands for it.</summary>
    public static void MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(WebhookPath, ReceiveTwilioSms).WithTags("Sms").WithName("ReceiveTwilioSms").ExcludeFromDescription()
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimits.WebhooksPerIpPolicy).TimedAs("sms");
        app.MapTwilioStatusWebhook();
    }

    public static RouteGroupBuilder MapSmsEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/sms").WithTags("Sms").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/simulator/messages", SimulateSms).WithName("SimulateSms").WithSummary("Text the assistant from one of my numbers (simulator)")
            .WithDescription("Only while Twilio is not configured (404 otherwise). From must be one of my verified numbers (administrators: any). The text goes through the same handling as a real one; replies land in the thread. Rate-limited.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/simulator/messages", ListSimulatorThread).WithName("ListSimulatorThread").WithSummary("The simulator thread of one of my numbers")
            .WithDescription("Texts from the number and the replies to it, oldest first (the last 100). Only while Twilio is not configured (404 otherwise).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/imports", ImportSms).WithName("ImportSms").WithSummary("Hand my texts from before I signed up to the assistant")
            .WithDescription("Texts from my verified numbers received in the last 24 hours while nobody had verified them, oldest first, in my SMS conversation. Each is imported once.");
        return group;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveTwilioSms(
        HttpContext context, TwilioSignatureValidator signatures, IOptions<TwilioOptions> options, SmsService sms, SmsMetrics metrics,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SmsEndpoints).FullName!);
        var (form, refused) = await ReadSignedFormAsync(context, signatures, options.Value, metrics, logger, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var to = Field(form, "To");
        var sid = Field(form, "MessageSid") ?? Field(form, "SmsSid");
        var from = Field(form, "From");
        if (to is null || from is null || sid is null || !await sms.IsInstanceNumberAsync(to, Field(form, "MessagingServiceSid"), cancellationToken))
        {
            return Reject(context, metrics, logger, "unknown-to");
        }

        var recorded = await sms.ReceiveAsync(sid, from, to, Field(form, "Body") ?? string.Empty, cancellationToken);
        metrics.Inbound(recorded is null ? "duplicate" : "recorded");
        return Twiml();
    }

    public static async Task<Results<Accepted<SimulatedSmsResponse>, ValidationProblem, ProblemHttpResult>> SimulateSms(
        SimulateSmsRequest request, ClaimsPrincipal user, SmsService sms, IAuthorizationService authorization, IOptions<TwilioOptions> options,
        RateLimits limits, HttpContext context, CancellationToken cancellationToken)
    {
        var locale = RequestLocale.Of(context);
        if (options.Value.IsConfigured)
        {
            return Problems.Of(locale, StatusCodes.Status404NotFound, "Problem.NotFound.Title", "Sms.SimulatorOff.Detail");
        }

        var userId = user.UserId();
        var decision = await limits.AcquireAsync(RateLimitKind.AssistantTurnsPerAccount, userId.ToString(), cancellationToken);
        if (!decision.IsAllowed)
        {
            return decision.ToProblem(context);
        }

        var from = request.From.Trim();
        if (await sms.SimulateAsync(userId, await AnyNumberAsync(authorization, user), from, request.Text, cancellationToken) is not { } id)
        {
            return Problems.Of(locale, StatusCodes.Status403Forbidden, "Problem.Forbidden.Title", "Sms.NotYourNumber.Detail");
        }

        return TypedResults.Accepted($"{ApiRoutes.Prefix}/sms/simulator/messages?number={Uri.EscapeDataString(from)}", new SimulatedSmsResponse(id));
    }

    public static async Task<Results<Ok<IReadOnlyList<SimulatorMessageResponse>>, ValidationProblem, ProblemHttpResult>> ListSimulatorThread(
        [Required, StringLength(32)] string number, ClaimsPrincipal user, SmsService sms, IAuthorizationService authorization, IOptions<TwilioOptions> options,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (options.Value.IsConfigured)
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status404NotFound, "Problem.NotFound.Title", "Sms.SimulatorOff.Detail");
        }

        var thread = await sms.SimulatorThreadAsync(user.UserId(), await AnyNumberAsync(authorization, user), number.Trim(), cancellationToken);
        return thread is null
            ? Problems.Of(RequestLocale.Of(context), StatusCodes.Status403Forbidden, "Problem.Forbidden.Title", "Sms.NotYourNumber.Detail")
            : TypedResults.Ok(thread);
    }

    public static async Task<Ok<SmsImportResponse>> ImportSms(ClaimsPrincipal user, SmsService sms, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SmsImportResponse(await sms.ImportAsync(user.UserId(), cancellationToken)));

    /// <summary>Administrators may use the simulator as any number; everyone else as their verified numbers only.</summary>
    private static async Task<bool> AnyNumberAsync(IAuthorizationService authorization, ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, Permissions.Policy(Permissions.SmsAdminister))).Succeeded;

    private static ContentHttpResult Twiml() => TypedResults.Content(EmptyTwiml, "text/xml");

    /// <summary>
    /// What both Twilio webhooks check before anything else: Twilio configured (404), a form body (415), the signature
    /// over the public URL and the account (403, counted and logged). Answers the form, or the problem to answer.
    /// </summary>
    internal static async Task<(Dictionary<string, string> Form, ProblemHttpResult? Refused)> ReadSignedFormAsync(
        HttpContext context, TwilioSignatureValidator signatures, TwilioOptions settings, SmsMetrics metrics, ILogger logger, CancellationToken cancellationToken)
    {
        var locale = RequestLocale.Of(context);
        if (!settings.IsConfigured)
        {
            return ([], Problems.Of(locale, StatusCodes.Status404NotFound, "Problem.NotFound.Title", "Sms.NotConfigured.Detail"));
        }

        if (!context.Request.HasFormContentType)
        {
            return ([], Problems.Of(locale, StatusCodes.Status415UnsupportedMediaType, "Sms.NotForm.Title", "Sms.NotForm.Detail"));
        }

        var posted = await context.Request.ReadFormAsync(cancellationToken);
        var form = posted.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (!signatures.IsValid(context.Request, form))
        {
            return (form, Reject(context, metrics, logger, string.IsNullOrEmpty(context.Request.Headers[TwilioSignatureValidator.Header]) ? "missing-signature" : "bad-signature"));
        }

        return string.Equals(Field(form, "AccountSid"), settings.AccountSid, StringComparison.Ordinal)
            ? (form, null)
            : (form, Reject(context, metrics, logger, "other-account"));
    }

    internal static ProblemHttpResult Reject(HttpContext context, SmsMetrics metrics, ILogger logger, string reason)
    {
        metrics.Rejected(reason);
        LogRejected(logger, reason, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return Problems.Of(RequestLocale.Of(context), StatusCodes.Status403Forbidden, "Problem.Forbidden.Title", "Sms.WebhookRefused.Detail");
    }

    internal static string? Field(Dictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio webhook refused ({Reason}) from {RemoteAddress}")]
    private static partial void LogRejected(ILogger logger, string reason, string remoteAddress);
}

/// <summary>A text typed in the simulator.</summary>
/// <param name="From">One of my verified numbers, E.164 (e.g. "+15145550100").</param>
/// <param name="Text">What I text.</param>
internal sealed record SimulateSmsRequest(
    [property: Required, StringLength(32, MinimumLength = 8)] string From,
    [property: Required, StringLength(SmsMessageConfiguration.MaxBodyLength, MinimumLength = 1)] string Text);

/// <summary>The recorded text.</summary>
/// <param name="Id">Its id.</param>
internal sealed record SimulatedSmsResponse(Guid Id);

/// <summary>One text of a simulator thread.</summary>
/// <param name="Direction">"inbound" (from the number) or "outbound" (a reply to it).</param>
/// <param name="Text">The text.</param>
/// <param name="At">When (UTC).</param>
internal sealed record SimulatorMessageResponse(string Direction, string Text, DateTimeOffset At);

/// <summary>How many texts went to the assistant.</summary>
/// <param name="Imported">Texts handed over (0 when none were waiting).</param>
internal sealed record SmsImportResponse(int Imported);
