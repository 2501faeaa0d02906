using System.Diagnostics.Metrics;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>
/// What the dispatcher did, for Prometheus at <c>/metrics</c>: occurrences by outcome (sent on time, sent late, skipped
/// to the briefing, superseded by a later one, held by quiet hours, capped, held after being ignored), nudges held by
/// reason, occurrences already recorded by another writer, failed passes, and the
/// delay from an occurrence's time to its sending. Counts only: no person, reminder or text.
/// </summary>
internal sealed class ReminderMetrics
{
    public const string MeterName = "PersonalAssistant.Reminders";

    private readonly Counter<long> _occurrences;
    private readonly Counter<long> _deduplicated;
    private readonly Counter<long> _failedPasses;
    private readonly Histogram<double> _sendDelay;
    private readonly Counter<long> _held;

    public ReminderMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _occurrences = meter.CreateCounter<long>("pa.reminders.occurrences", unit: "{occurrence}",
            description: "Due reminder occurrences handled, by outcome (sent, sent-late, skipped-to-briefing, superseded, held-quiet-hours, capped, held-ignored).");
        _held = meter.CreateCounter<long>("pa.nudges.held", unit: "{nudge}",
            description: "Nudges not sent when due, by reason (quiet-hours: sent when they end; cap and ignored: kept for the briefing).");
        _deduplicated = meter.CreateCounter<long>("pa.reminders.deduplicated", unit: "{occurrence}",
            description: "Occurrences found already recorded (another replica or an earlier pass handled them): not sent again.");
        _failedPasses = meter.CreateCounter<long>("pa.reminders.failed_passes", unit: "{pass}",
            description: "Dispatch passes that failed (the next pass tries again).");
        _sendDelay = meter.CreateHistogram<double>("pa.reminders.send_delay", unit: "s",
            description: "Seconds from an occurrence's time to its sending.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 3, 5, 10, 30, 60, 300, 3600, 43200] });
    }

    public void Record(DispatchTally tally)
    {
        Add(DeliveryOutcomes.Sent, tally.Sent - tally.Late);
        Add(DeliveryOutcomes.SentLate, tally.Late);
        Add(DeliveryOutcomes.SkippedToBriefing, tally.SkippedToBriefing);
        Add(DeliveryOutcomes.Superseded, tally.Superseded);
        Add(DeliveryOutcomes.HeldQuietHours, tally.HeldQuietHours);
        Add(DeliveryOutcomes.Capped, tally.Capped);
        Add(DeliveryOutcomes.HeldIgnored, tally.HeldIgnored);
        Held("quiet-hours", tally.HeldQuietHours);
        Held("cap", tally.Capped);
        Held("ignored", tally.HeldIgnored);
        if (tally.Deduplicated > 0)
        {
            _deduplicated.Add(tally.Deduplicated);
        }
    }

    public void Sent(TimeSpan delay) => _sendDelay.Record(Math.Max(0, delay.TotalSeconds));

    public void PassFailed() => _failedPasses.Add(1);

    private void Held(string reason, int count)
    {
        if (count > 0)
        {
            _held.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    private void Add(string outcome, int count)
    {
        if (count > 0)
        {
            _occurrences.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
