using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Moves an outbound part's status as Twilio reports it. Callbacks come out of order and more than once: a status only
/// moves forward (<see cref="SmsStatusOrder"/>), in one conditional UPDATE, so a late "sent" after "delivered", a repeated
/// callback or two callbacks at once change the row at most once each way. An unknown id or status changes nothing. A part
/// that became undelivered or failed goes to <see cref="SmsFailureService"/> (once: only the callback that moved it), and
/// a nudge's part falls back to the person's next channel (<see cref="ChannelDeliveryService.FallBackAsync"/>).
/// </summary>
internal sealed partial class SmsStatusService(AppDbContext db, SmsFailureService failures, ChannelDeliveryService channels, SmsMetrics metrics, TimeProvider time, ILogger<SmsStatusService> logger)
{
    /// <summary>Applies <paramref name="status"/> to the outbound part <paramref name="sid"/>; answers whether the row changed.</summary>
    public async Task<bool> RecordAsync(string sid, string status, int? errorCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sid);
        ArgumentNullException.ThrowIfNull(status);
        var reported = status.Trim().ToLowerInvariant();
        if (!SmsStatusOrder.IsKnown(reported))
        {
            metrics.StatusCallback("unknown-status");
            return false;
        }

        var before = SmsStatusOrder.Before(reported);
        var now = time.GetUtcNow();
        var changed = await db.Set<SmsMessage>()
            .Where(m => m.MessageSid == sid && m.Direction == SmsDirections.Outbound && before.Contains(m.Status))
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Status, reported).SetProperty(m => m.ErrorCode, m => errorCode ?? m.ErrorCode).SetProperty(m => m.UpdatedAt, now),
                cancellationToken);
        metrics.StatusCallback(changed > 0 ? "applied" : "ignored");
        LogStatus(logger, sid, reported, errorCode, changed > 0);
        if (changed == 0)
        {
            return false;
        }

        metrics.Outbound(reported);
        if (SmsStatusOrder.IsFailure(reported))
        {
            // Twilio gave up on the part: whatever the code, sending it again is not ours to do now.
            var part = await db.Set<SmsMessage>().AsNoTracking().Where(m => m.MessageSid == sid && m.Direction == SmsDirections.Outbound)
                .Select(m => new { m.To, m.UserId, m.SendKey }).SingleAsync(cancellationToken);
            await failures.FailedAsync(part.To, part.UserId, errorCode ?? 0, permanent: true, cancellationToken);
            if (SmsKeys.NotificationOf(part.SendKey) is { } notificationId)
            {
                // A nudge the person will not get by text: the next channel in their order takes it (a job, not this request).
                await channels.FallBackAsync(notificationId, Channels.Sms, SmsErrors.Of(errorCode ?? 0), cancellationToken);
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS status callback for {Sid}: {Status} (error {ErrorCode}), applied {Applied}")]
    private static partial void LogStatus(ILogger logger, string sid, string status, int? errorCode, bool applied);
}

/// <summary>
/// The order of Twilio's message statuses: queued, accepted and scheduled first, then sending, sent, and the outcomes
/// (delivered, undelivered, failed, canceled) of which only "delivered" may still become "read". A status moves only to
/// a later rank; the failures are final.
/// </summary>
internal static class SmsStatusOrder
{
    private static readonly Dictionary<string, int> Ranks = new(StringComparer.Ordinal)
    {
        [SmsStatuses.Queued] = 1,
        ["accepted"] = 1,
        ["scheduled"] = 1,
        ["sending"] = 2,
        [SmsStatuses.Sent] = 3,
        [SmsStatuses.Delivered] = 4,
        [SmsStatuses.Undelivered] = 4,
        [SmsStatuses.Failed] = 4,
        ["canceled"] = 4,
        ["read"] = 5,
    };

    private static readonly HashSet<string> Final = [SmsStatuses.Undelivered, SmsStatuses.Failed, "canceled"];

    public static bool IsKnown(string status) => Ranks.ContainsKey(status);

    /// <summary>Undelivered or failed: Twilio gave up on the part.</summary>
    public static bool IsFailure(string status) => status is SmsStatuses.Undelivered or SmsStatuses.Failed;

    /// <summary>The statuses a part may be in for <paramref name="status"/> to replace it (lower ranks, none final; "unknown" when the send answered none).</summary>
    public static List<string> Before(string status)
    {
        var rank = Ranks[status];
        return [.. Ranks.Where(r => r.Value < rank && !Final.Contains(r.Key)).Select(r => r.Key).Append("unknown")];
    }
}
