using System.Diagnostics.Metrics;
using Hangfire.States;
using Hangfire.Storage;

namespace PersonalAssistant.Server.Jobs;

/// <summary>
/// Background jobs for Prometheus at <c>/metrics</c>: how many were enqueued, succeeded, failed (for good, or before a
/// retry) and were scheduled for a retry, per queue. A Hangfire state filter, so every job of every queue is counted
/// where its state changes, on whichever replica that happens.
/// </summary>
internal sealed class JobMetrics : IApplyStateFilter
{
    public const string MeterName = "PersonalAssistant.Jobs";

    private readonly Counter<long> _transitions;

    public JobMetrics(IMeterFactory meters)
    {
        _transitions = meters.Create(MeterName).CreateCounter<long>("pa.jobs.transitions", unit: "{job}",
            description: "Job state changes by queue and state: enqueued, succeeded, failed, retried.");
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        var state = context.NewState switch
        {
            EnqueuedState => "enqueued",
            SucceededState => "succeeded",
            FailedState => "failed",
            ScheduledState scheduled when scheduled.Reason?.StartsWith("Retry attempt", StringComparison.Ordinal) == true => "retried",
            _ => null,
        };
        if (state is null)
        {
            return;
        }

        var queue = (context.NewState as EnqueuedState)?.Queue ?? context.BackgroundJob.Job?.Queue ?? EnqueuedState.DefaultQueue;
        _transitions.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("state", state));
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
