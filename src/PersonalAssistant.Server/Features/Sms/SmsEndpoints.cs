using System.ComponentModel.DataAnnotations;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Features.Profile;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Texts in: Twilio's webhook (anonymous, signature-checked, answered at once with empty TwiML), the simulator (a signed-in
/// person texting as one of their verified numbers while Twilio is not configured), and the import of texts sent before
/// the sender had an account. Every inbound text is recorded once and handled by <see cref="InboundSmsJob"/>.
/// </summary>
internal static partial class SmsEndpoints
{
    public const string WebhookPath = "/webhooks/twilio/sms";
    public const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response></Response>""";

    /// <summary>The simulator's instance number when no Twilio number is configured (Twilio's test number).</summary>
    public const string SimulatorNumber = "+15005550006";

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
            .WithDescription("Texts from the number and the replies to it, oldest first (the last 100).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/imports", ImportSms).WithName("ImportSms").WithSummary("Hand my texts from before I signed up to the assistant")
            .WithDescription("Texts from my verified numbers received in the last 24 hours while nobody had verified them, oldest first, in my SMS conversation. Each is imported once.");
        return group;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveTwilioSms(
        HttpContext context, TwilioSignatureValidator signatures, IOptions<TwilioOptions> options, AppDbContext db, IBackgroundJobClient jobs,
        SmsMetrics metrics, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SmsEndpoints).FullName!);
        var locale = RequestLocale.Of(context);
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return Problems.Of(locale, StatusCodes.Status404NotFound, "Problem.NotFound.Title", "Sms.NotConfigured.Detail");
        }

        if (!context.Request.HasFormContentType)
        {
            return Problems.Of(locale, StatusCodes.Status415UnsupportedMediaType, "Sms.NotForm.Title", "Sms.NotForm.Detail");
        }

        var posted = await context.Request.ReadFormAsync(cancellationToken);
        var form = posted.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (!signatures.IsValid(context.Request, form))
        {
            return Reject(context, metrics, logger, string.IsNullOrEmpty(context.Request.Headers[TwilioSignatureValidator.Header]) ? "missing-signature" : "bad-signature");
        }

        if (!string.Equals(Field(form, "AccountSid"), settings.AccountSid, StringComparison.Ordinal))
        {
            return Reject(context, metrics, logger, "other-account");
        }

        var to = Field(form, "To");
        var sid = Field(form, "MessageSid") ?? Field(form, "SmsSid");
        var from = Field(form, "From");
        if (to is null || from is null || sid is null || !await IsOurNumberAsync(db, settings, to, Field(form, "MessagingServiceSid"), cancellationToken))
        {
            return Reject(context, metrics, logger, "unknown-to");
        }

        if (await db.Set<SmsMessage>().AnyAsync(m => m.MessageSid == sid, cancellationToken))
        {
            metrics.Inbound("duplicate");
            return Twiml();
        }

        var body = Field(form, "Body") ?? string.Empty;
        var recorded = await RecordAsync(db, time, sid, from, to, body[..Math.Min(body.Length, SmsMessageConfiguration.MaxBodyLength)], cancellationToken);
        if (recorded is null)
        {
            metrics.Inbound("duplicate");
            return Twiml();
        }

        Enqueue(jobs, recorded.Value, logger);
        metrics.Inbound("recorded");
        return Twiml();
    }

    public static async Task<Results<Accepted<SimulatedSmsResponse>, ValidationProblem, ProblemHttpResult>> SimulateSms(
        SimulateSmsRequest request, PersonNow person, PhoneNumberService phoneNumbers, IOptions<TwilioOptions> options, AppDbContext db,
        IBackgroundJobClient jobs, RateLimits limits, TimeProvider time, HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var locale = RequestLocale.Of(context);
        if (options.Value.IsConfigured)
        {
            return Problems.Of(locale, StatusCodes.Status404NotFound, "Problem.NotFound.Title", "Sms.SimulatorOff.Detail");
        }

        var from = request.From.Trim();
        if (!await MayTextAsAsync(context, person, phoneNumbers, from, cancellationToken))
        {
            return Problems.Of(locale, StatusCodes.Status403Forbidden, "Problem.Forbidden.Title", "Sms.NotYourNumber.Detail");
        }

        var decision = await limits.AcquireAsync(RateLimitKind.AssistantTurnsPerAccount, person.UserId.ToString(), cancellationToken);
        if (!decision.IsAllowed)
        {
            return decision.ToProblem(context);
        }

        var id = Ids.NewV7();
        var recorded = await RecordAsync(db, time, "SIM" + id.ToString("N"), from, options.Value.PhoneNumber ?? SimulatorNumber, request.Text, cancellationToken, id);
        Enqueue(jobs, recorded!.Value, loggers.CreateLogger(typeof(SmsEndpoints).FullName!));
        return TypedResults.Accepted($"{ApiRoutes.Prefix}/sms/simulator/messages?number={Uri.EscapeDataString(from)}", new SimulatedSmsResponse(id));
    }

    public static async Task<Results<Ok<IReadOnlyList<SimulatorMessageResponse>>, ValidationProblem, ProblemHttpResult>> ListSimulatorThread(
        [Required, StringLength(32)] string number, PersonNow person, PhoneNumberService phoneNumbers, AppDbContext db, HttpContext context,
        CancellationToken cancellationToken)
    {
        var locale = RequestLocale.Of(context);
        number = number.Trim();
        if (!await MayTextAsAsync(context, person, phoneNumbers, number, cancellationToken))
        {
            return Problems.Of(locale, StatusCodes.Status403Forbidden, "Problem.Forbidden.Title", "Sms.NotYourNumber.Detail");
        }

        var inbound = await db.Set<SmsMessage>().AsNoTracking().Where(m => m.Direction == SmsDirections.Inbound && m.From == number)
            .OrderByDescending(m => m.CreatedAt).Take(100)
            .Select(m => new SimulatorMessageResponse(SmsDirections.Inbound, m.Body, m.CreatedAt)).ToListAsync(cancellationToken);
        var replies = await db.Outbox.AsNoTracking().Where(m => m.Channel == OutboxChannels.Sms && m.Recipient == number)
            .OrderByDescending(m => m.Id).Take(100)
            .Select(m => new { m.Id, m.Body, m.CreatedAt }).ToListAsync(cancellationToken);
        IReadOnlyList<SimulatorMessageResponse> thread =
        [
            .. inbound.Concat(replies.OrderBy(r => r.Id).Select(r => new SimulatorMessageResponse(SmsDirections.Outbound, r.Body, r.CreatedAt)))
                .Select((message, index) => (message, index))
                .OrderBy(pair => pair.message.At).ThenBy(pair => pair.message.Direction == SmsDirections.Inbound ? 0 : 1).ThenBy(pair => pair.index)
                .Select(pair => pair.message)
                .TakeLast(100),
        ];
        return TypedResults.Ok(thread);
    }

    public static async Task<Ok<SmsImportResponse>> ImportSms(
        PersonNow person, PhoneNumberService phoneNumbers, AppDbContext db, IBackgroundJobClient jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        var numbers = (await phoneNumbers.VerifiedOfAsync(person.UserId, cancellationToken)).Select(n => n.Number).ToList();
        var since = time.GetUtcNow() - InboundSmsJob.UnknownKeptFor;
        var waiting = await db.Set<SmsMessage>().AsNoTracking()
            .Where(m => m.UserId == null && m.Direction == SmsDirections.Inbound && m.Status == SmsStatuses.Handled && numbers.Contains(m.From) && m.CreatedAt >= since)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);

        // Each text is claimed for this person in its own statement, so two imports at once never feed one text twice.
        var claimed = new List<Guid>();
        foreach (var id in waiting)
        {
            if (await db.Set<SmsMessage>().Where(m => m.Id == id && m.UserId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.UserId, person.UserId).SetProperty(m => m.UpdatedAt, time.GetUtcNow()), cancellationToken) == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count > 0)
        {
            var ids = claimed.ToArray();
            jobs.Create<InboundSmsJob>(job => job.ImportAsync(person.UserId, ids, CancellationToken.None), new EnqueuedState(JobQueues.Default));
        }

        return TypedResults.Ok(new SmsImportResponse(claimed.Count));
    }

    private static async Task<Guid?> RecordAsync(
        AppDbContext db, TimeProvider time, string sid, string from, string to, string body, CancellationToken cancellationToken, Guid? id = null)
    {
        var now = time.GetUtcNow();
        var segments = SmsSegments.Analyze(body);
        var message = new SmsMessage
        {
            Id = id ?? Ids.NewV7(),
            Direction = SmsDirections.Inbound,
            MessageSid = sid,
            From = from,
            To = to,
            Body = body,
            Segments = segments.Segments,
            Encoding = SmsEncodings.Name(segments.Encoding),
            Status = SmsStatuses.Received,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Set<SmsMessage>().Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return message.Id;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // The same delivery arrived twice at once: the other request recorded it.
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private static void Enqueue(IBackgroundJobClient jobs, Guid smsId, ILogger logger)
    {
        try
        {
            jobs.Create<InboundSmsJob>(job => job.HandleAsync(smsId, CancellationToken.None), new EnqueuedState(JobQueues.Critical));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Recorded as received: Twilio must still get its answer; the text waits in the table.
            LogEnqueueFailed(logger, exception, smsId);
        }
    }

    private static async Task<bool> IsOurNumberAsync(AppDbContext db, TwilioOptions settings, string to, string? messagingServiceSid, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(settings.PhoneNumber) && to == settings.PhoneNumber)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(settings.MessagingServiceSid) && string.Equals(messagingServiceSid, settings.MessagingServiceSid, StringComparison.Ordinal))
        {
            return true;
        }

        return settings.IsDedicated && await db.Set<SmsNumber>().AnyAsync(n => n.E164 == to, cancellationToken);
    }

    private static async Task<bool> MayTextAsAsync(HttpContext context, PersonNow person, PhoneNumberService phoneNumbers, string number, CancellationToken cancellationToken)
    {
        var roles = context.User.FindAll(CurrentUser.RoleClaim).Select(claim => claim.Value);
        if (AppRoles.PermissionsOf(roles).Contains(Permissions.SmsAdminister))
        {
            return true;
        }

        return (await phoneNumbers.VerifiedOfAsync(person.UserId, cancellationToken)).Any(n => n.Number == number);
    }

    private static ContentHttpResult Twiml() => TypedResults.Content(EmptyTwiml, "text/xml");

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbound SMS {SmsId} is recorded but its handling could not be queued")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, Guid smsId);
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
