using System.Diagnostics.Metrics;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// SMS for Prometheus at <c>/metrics</c>: <c>pa_sms_signature_rejections_total{reason}</c> (a webhook refused:
/// missing or wrong signature, another account, a number not ours), <c>pa_sms_inbound_total{outcome}</c>,
/// <c>pa_sms_outbound_total{status}</c> (each part as sent, then each status a callback moved it to),
/// <c>pa_sms_outbound_segments_total</c>, <c>pa_sms_webhook_duration_seconds{webhook}</c>, <c>pa_sms_status_callbacks_total{outcome}</c> and <c>pa_sms_failures_total{code}</c> (Twilio's error codes).
/// </summary>
internal sealed class SmsMetrics
{
    public const string MeterName = "PersonalAssistant.Sms";

    private readonly Counter<long> _rejections;
    private readonly Counter<long> _inbound;
    private readonly Counter<long> _outbound;
    private readonly Counter<long> _callbacks;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _segments;
    private readonly Histogram<double> _webhookDuration;

    public SmsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rejections = meter.CreateCounter<long>("pa.sms.signature.rejections", unit: "{request}",
            description: "Twilio webhook requests refused with 403 (signature missing or wrong, AccountSid or To not ours).");
        _inbound = meter.CreateCounter<long>("pa.sms.inbound", unit: "{message}",
            description: "Inbound text messages by outcome (recorded, duplicate, stop, start, help, unknown, deactivated, opted-out, assistant).");
        _outbound = meter.CreateCounter<long>("pa.sms.outbound", unit: "{message}",
            description: "Outbound SMS parts by status: the first status when sent, then each status a delivery callback moved a part to.");
        _callbacks = meter.CreateCounter<long>("pa.sms.status.callbacks", unit: "{request}",
            description: "Delivery status callbacks by outcome (applied, ignored: unknown id, late or repeated; unknown-status).");
        _segments = meter.CreateCounter<long>("pa.sms.outbound.segments", unit: "{segment}",
            description: "Segments of the outbound SMS parts Twilio accepted (what it bills).");
        _webhookDuration = meter.CreateHistogram<double>("pa.sms.webhook.duration", unit: "s",
            description: "Seconds a Twilio webhook (sms: texts in, status: delivery callbacks) took from its endpoint's start to its answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });
        _failures = meter.CreateCounter<long>("pa.sms.failures", unit: "{message}",
            description: "Outbound SMS failures by Twilio error code (refused when sent, or reported undelivered or failed).");
    }

    public void Rejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Inbound(string outcome) => _inbound.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A part Twilio accepted: counted under its first status, with its segments.</summary>
    public void Sent(string status, int segments)
    {
        Outbound(status);
        _segments.Add(segments);
    }

    public void Outbound(string status) => _outbound.Add(1, new KeyValuePair<string, object?>("status", status));

    public void Webhook(string webhook, TimeSpan elapsed) =>
        _webhookDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("webhook", webhook));

    public void StatusCallback(string outcome) => _callbacks.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Failure(int code) => _failures.Add(1, new KeyValuePair<string, object?>("code", code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

internal static class SmsWebhookTiming
{
    /// <summary>Records the webhook's time, from its endpoint's start (before the form is read) to its answer, in <see cref="SmsMetrics.Webhook"/>.</summary>
    public static RouteHandlerBuilder TimedAs(this RouteHandlerBuilder route, string webhook) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var services = context.HttpContext.RequestServices;
            var time = services.GetRequiredService<TimeProvider>();
            var start = time.GetTimestamp();
            try
            {
                return await next(context);
            }
            finally
            {
                services.GetRequiredService<SmsMetrics>().Webhook(webhook, time.GetElapsedTime(start));
            }
        });
}
