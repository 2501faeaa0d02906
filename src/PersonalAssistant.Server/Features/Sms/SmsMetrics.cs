using System.Diagnostics.Metrics;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Inbound SMS for Prometheus at <c>/metrics</c>: <c>pa_sms_signature_rejections_total{reason}</c> (a webhook refused:
/// missing or wrong signature, another account, a number not ours) and <c>pa_sms_inbound_total{outcome}</c>. Counts only.
/// </summary>
internal sealed class SmsMetrics
{
    public const string MeterName = "PersonalAssistant.Sms";

    private readonly Counter<long> _rejections;
    private readonly Counter<long> _inbound;

    public SmsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rejections = meter.CreateCounter<long>("pa.sms.signature.rejections", unit: "{request}",
            description: "Twilio webhook requests refused with 403 (signature missing or wrong, AccountSid or To not ours).");
        _inbound = meter.CreateCounter<long>("pa.sms.inbound", unit: "{message}",
            description: "Inbound text messages by outcome (recorded, duplicate, stop, start, help, unknown, deactivated, opted-out, assistant).");
    }

    public void Rejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Inbound(string outcome) => _inbound.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
