using System.Diagnostics.Metrics;

namespace PersonalAssistant.Server.Features.Push;

/// <summary>
/// Deliveries on the proactive channels for Prometheus at <c>/metrics</c>: <c>pa_channel_deliveries_total{channel,outcome}</c>
/// (sent, failed-transient, failed-permanent, fell-back, no-consent) and the buttons pressed on push notifications. Counts only.
/// </summary>
internal sealed class ChannelMetrics
{
    public const string MeterName = "PersonalAssistant.Channels";

    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _actions;

    public ChannelMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _deliveries = meter.CreateCounter<long>("pa.channel.deliveries", unit: "{attempt}",
            description: "Delivery attempts on the proactive channels (push, sms, email) by outcome.");
        _actions = meter.CreateCounter<long>("pa.channel.actions", unit: "{action}",
            description: "Buttons pressed on push notifications (done, snooze).");
    }

    public void Delivery(string channel, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    public void Action(string action) => _actions.Add(1, new KeyValuePair<string, object?>("action", action));
}
