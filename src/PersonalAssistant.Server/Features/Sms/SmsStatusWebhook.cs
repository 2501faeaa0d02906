using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Messaging.Sms;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Twilio's delivery status callback (<c>StatusCallback</c> of every part sent, <see cref="TwilioOptions.StatusCallback"/>):
/// the same checks as the inbound webhook (signature over the public URL, our account), then the status goes to
/// <see cref="SmsStatusService"/>. It answers 200 with empty TwiML whatever the status did (unknown, late or repeated
/// callbacks included: Twilio retries anything else), and never calls Twilio.
/// </summary>
internal static class SmsStatusWebhook
{
    public const string Path = "/webhooks/twilio/status";

    public static void MapTwilioStatusWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveTwilioStatus).WithTags("Sms").WithName("ReceiveTwilioStatus").ExcludeFromDescription()
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimits.WebhooksPerIpPolicy).TimedAs("status");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveTwilioStatus(
        HttpContext context, TwilioSignatureValidator signatures, IOptions<TwilioOptions> options, SmsStatusService statuses,
        SmsMetrics metrics, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(SmsStatusWebhook).FullName!);
        var (form, refused) = await SmsEndpoints.ReadSignedFormAsync(context, signatures, options.Value, metrics, logger, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var sid = SmsEndpoints.Field(form, "MessageSid") ?? SmsEndpoints.Field(form, "SmsSid");
        var status = SmsEndpoints.Field(form, "MessageStatus") ?? SmsEndpoints.Field(form, "SmsStatus");
        if (sid is not null && status is not null)
        {
            var code = int.TryParse(SmsEndpoints.Field(form, "ErrorCode"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : (int?)null;
            await statuses.RecordAsync(sid, status, code, cancellationToken);
        }

        return TypedResults.Content(SmsEndpoints.EmptyTwiml, "text/xml");
    }
}
