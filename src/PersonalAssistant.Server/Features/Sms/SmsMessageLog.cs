using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Features.Sms.Allowances;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;
using OutboundSms = PersonalAssistant.Server.Messaging.SmsMessage;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// The sender's log of outbound parts, in the SMS table beside the inbound texts: one row per part with Twilio's id,
/// segments, encoding, first status (the status webhook moves it on; usage and costs are counted from these rows), and
/// the message's send key with the part's number (a retry skips the parts recorded here).
/// The text itself is not copied: the conversation already holds it.
/// </summary>
internal sealed partial class SmsMessageLog(
    AppDbContext db, IOptions<TwilioOptions> twilio, SmsAllowanceService allowances, SmsMetrics metrics, TimeProvider time, ILogger<SmsMessageLog> logger)
    : ISmsSendLog
{
    public async Task RecordAsync(OutboundSms message, SmsPartResult part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(part);
        var now = time.GetUtcNow();
        var settings = twilio.Value;
        db.Set<SmsMessage>().Add(new SmsMessage
        {
            Direction = SmsDirections.Outbound,
            MessageSid = part.Sid,
            UserId = part.UserId,
            From = settings.PhoneNumber ?? string.Empty, // empty when a messaging service picks the sender
            To = message.To,
            Segments = part.Segments,
            Encoding = SmsEncodings.Name(part.Encoding),
            Status = part.Status.Length > SmsMessageConfiguration.MaxStatusLength ? part.Status[..SmsMessageConfiguration.MaxStatusLength] : part.Status,
            SendKey = part.SendKey,
            Part = part.Part,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        metrics.Sent(part.Status, part.Segments);
        if (part.UserId is { } userId)
        {
            try
            {
                await allowances.AfterSentAsync(userId, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The text is sent and logged: a notice that could not be written must not make the sender send it again.
                LogNoticeFailed(logger, exception, userId);
            }
        }
    }

    public async Task<IReadOnlySet<int>> SentPartsAsync(string sendKey, CancellationToken cancellationToken)
    {
        var parts = await db.Set<SmsMessage>().AsNoTracking()
            .Where(m => m.SendKey == sendKey && m.Direction == SmsDirections.Outbound && m.Part != null).Select(m => m.Part!.Value).ToListAsync(cancellationToken);
        return parts.ToHashSet();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMS allowance notice for {UserId} could not be written")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, Guid userId);
}
