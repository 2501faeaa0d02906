using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Profile;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// The one place an SMS Twilio would not deliver is acted on, whether the send call refused it or the status callback
/// reported it undelivered or failed. Every failure is counted by code. 21610 (the number texted STOP to the carrier)
/// opts the number out, as an inbound STOP does. A permanent failure of the person's own verified number (invalid,
/// unsubscribed, unreachable or landline: <see cref="NumberCodes"/>) is told to them once per number per day, in the app,
/// in plain words: their reminders keep coming on their other channels.
/// </summary>
internal sealed partial class SmsFailureService(
    AppDbContext db,
    PhoneNumberService phoneNumbers,
    NotificationService notifications,
    SmsMetrics metrics,
    TimeProvider time,
    ILogger<SmsFailureService> logger) : ISmsFailures
{
    /// <summary>Twilio's "unsubscribed recipient": the number texted STOP to the carrier.</summary>
    public const int Unsubscribed = 21610;

    /// <summary>Codes that say the number cannot take texts: invalid 'To', unsubscribed, not a mobile number, unreachable or landline, carrier filtering, unknown carrier error.</summary>
    public static readonly IReadOnlySet<int> NumberCodes = new HashSet<int> { 21211, Unsubscribed, 21614, 30006, 30007, 30008 };

    /// <summary>How long one number's failure is told only once.</summary>
    public static readonly TimeSpan ToldOnceEvery = TimeSpan.FromDays(1);

    public async Task FailedAsync(string to, Guid? userId, int code, bool permanent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        metrics.Failure(code);
        if (!permanent || !NumberCodes.Contains(code))
        {
            return;
        }

        if (code == Unsubscribed)
        {
            var optedOut = await phoneNumbers.SetOptedOutAsync(to, optedOut: true, cancellationToken);
            LogOptedOut(logger, optedOut);
        }

        if (userId is { } person && (await phoneNumbers.VerifiedOfAsync(person, cancellationToken)).Any(n => n.Number == to))
        {
            await TellOnceAsync(person, to, code, cancellationToken);
        }
    }

    private async Task TellOnceAsync(Guid userId, string number, int code, CancellationToken cancellationToken)
    {
        var ending = number.Length > 4 ? number[^4..] : number;
        var since = time.GetUtcNow() - ToldOnceEvery;
        if (await notifications.HasSinceAsync(userId, NotificationKinds.SmsUndelivered, since, ending, cancellationToken))
        {
            return;
        }

        var locale = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Locale).SingleOrDefaultAsync(cancellationToken) ?? Locales.English;
        var key = code switch
        {
            Unsubscribed => "Sms.Undelivered.OptedOut",
            21211 or 21614 => "Sms.Undelivered.Invalid",
            _ => "Sms.Undelivered.Unreachable",
        };
        var told = notifications.Stage(new NotificationDraft(userId, NotificationKinds.SmsUndelivered, Texts.Format(locale, key, ending), null, null, false));
        await db.SaveChangesAsync(cancellationToken);
        await notifications.PublishAsync([(userId, told)], cancellationToken);
        LogTold(logger, told.Id, userId, code);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A number unsubscribed at the carrier (21610) is opted out ({Rows} row(s))")]
    private static partial void LogOptedOut(ILogger logger, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} tells {UserId} their texts could not be delivered (error {Code})")]
    private static partial void LogTold(ILogger logger, Guid notificationId, Guid userId, int code);
}
