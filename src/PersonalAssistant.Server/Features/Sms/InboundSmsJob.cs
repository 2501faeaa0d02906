using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Privacy;
using PersonalAssistant.Server.Features.Profile;
using PersonalAssistant.Server.Features.Sms.Allowances;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;
using OutgoingSms = PersonalAssistant.Server.Messaging.SmsMessage;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// Handles one recorded inbound text, after the webhook (or the simulator) has answered: STOP/START/HELP first (whole
/// message, any case, accents and punctuation ignored), then the sender: an unknown number is told how to sign up, a
/// deactivated account gets a short neutral reply, an opted-out number gets nothing, and anything else is a turn of the
/// assistant in the person's SMS conversation (nudge replies such as DONE or SNOOZE 20 included: the assistant reads them
/// first). <see cref="InboundSmsQueue"/> runs it as soon as the text is recorded. A text is handled once: it is claimed
/// (received → handled) before anything is done, and given back on a failure so the queue's sweep tries it again. Texts
/// imported after signing up are fed by <see cref="ImportAsync"/>, a background job.
/// </summary>
internal sealed partial class InboundSmsJob(
    AppDbContext db,
    PhoneNumberService phoneNumbers,
    ISmsTurns conversations,
    ISmsSender sender,
    SmsAllowanceService allowances,
    ConsentService consents,
    LanguageEngine engine,
    IOptions<TwilioOptions> twilio,
    IOptions<AuthOptions> auth,
    SmsMetrics metrics,
    TimeProvider time,
    ILogger<InboundSmsJob> logger)
{
    public async Task HandleAsync(Guid smsId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await db.Set<SmsMessage>()
            .Where(m => m.Id == smsId && m.Direction == SmsDirections.Inbound && m.Status == SmsStatuses.Received)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, SmsStatuses.Handled).SetProperty(m => m.HandledAt, now).SetProperty(m => m.UpdatedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return; // gone, or handled by another run
        }

        var sms = await db.Set<SmsMessage>().AsNoTracking().SingleAsync(m => m.Id == smsId, cancellationToken);
        try
        {
            var outcome = await ActAsync(sms, cancellationToken);
            metrics.Inbound(outcome);
            LogHandled(logger, sms.Id, outcome, sms.Body.Length);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await db.Set<SmsMessage>().Where(m => m.Id == smsId)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, SmsStatuses.Received).SetProperty(m => m.HandledAt, (DateTimeOffset?)null).SetProperty(m => m.UpdatedAt, time.GetUtcNow()),
                    CancellationToken.None);
            throw;
        }

    }

    /// <summary>Feeds imported texts (already given to <paramref name="userId"/>) to the assistant, oldest first; no SMS replies: the person is in the web app.</summary>
    [Queue(JobQueues.Default)]
    public async Task ImportAsync(Guid userId, Guid[] smsIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(smsIds);
        var texts = await db.Set<SmsMessage>().AsNoTracking().Where(m => smsIds.Contains(m.Id) && m.UserId == userId)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        foreach (var text in texts)
        {
            if (Keyword(text.Body) is not null)
            {
                continue; // STOP, START and HELP were answered when they came
            }

            await AnswerAsync(text, userId, cancellationToken);
            LogImported(logger, text.Id, userId);
        }
    }

    private async Task<string> ActAsync(SmsMessage sms, CancellationToken cancellationToken)
    {
        var verified = await phoneNumbers.FindVerifiedAsync(sms.From, cancellationToken);
        var ownerId = verified?.UserId;
        if (twilio.Value.IsDedicated
            && await db.Set<SmsNumber>().AsNoTracking().Where(n => n.E164 == sms.To).Select(n => (Guid?)n.UserId).FirstOrDefaultAsync(cancellationToken) is { } dedicatedTo)
        {
            // Dedicated mode: the number texted names the person, whatever phone they text from.
            ownerId = dedicatedTo;
        }

        var owner = ownerId is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.Locale, u.IsActive }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var locale = owner?.Locale ?? Locales.English;
        if (owner is not null)
        {
            await db.Set<SmsMessage>().Where(m => m.Id == sms.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.UserId, owner.Id), cancellationToken);
        }

        switch (Keyword(sms.Body))
        {
            case SmsKeyword.Stop:
                await phoneNumbers.SetOptedOutAsync(sms.From, optedOut: true, cancellationToken);
                if (owner is not null)
                {
                    await consents.RecordSmsKeywordAsync(owner.Id, locale, granted: false, cancellationToken);
                }

                await ReplyAsync(sms, Texts.Get(locale, "Sms.Stopped"), owner?.Id, cancellationToken);
                return "stop";
            case SmsKeyword.Start:
                await phoneNumbers.SetOptedOutAsync(sms.From, optedOut: false, cancellationToken);
                if (owner is not null)
                {
                    await consents.RecordSmsKeywordAsync(owner.Id, locale, granted: true, cancellationToken);
                }

                await ReplyAsync(sms, Texts.Get(locale, "Sms.Started"), owner?.Id, cancellationToken);
                return "start";
            case SmsKeyword.Help when verified is not { OptedOut: true }:
                await ReplyAsync(sms, Texts.Get(locale, "Sms.Help"), owner?.Id, cancellationToken);
                return "help";
        }

        if (verified is { OptedOut: true })
        {
            return "opted-out"; // nothing goes to a number that texted STOP, but the STOP confirmation
        }

        if (owner is null)
        {
            // One sign-up text per number per day, however many texts it sends.
            var since = time.GetUtcNow() - SmsService.UnknownKeptFor;
            var told = await db.Set<SmsMessage>().AsNoTracking().AnyAsync(
                m => m.From == sms.From && m.UserId == null && m.Id != sms.Id && m.Direction == SmsDirections.Inbound && m.Status == SmsStatuses.Handled && m.CreatedAt >= since,
                cancellationToken);
            if (!told)
            {
                await ReplyAsync(sms, Texts.Format(locale, "Sms.Unknown", RegisterLink()), null, cancellationToken);
            }

            return "unknown";
        }

        if (!owner.IsActive)
        {
            await ReplyAsync(sms, Texts.Get(locale, "Sms.Deactivated"), owner.Id, cancellationToken);
            return "deactivated";
        }

        var reply = await AnswerAsync(sms, owner.Id, cancellationToken);
        if (!string.IsNullOrWhiteSpace(reply))
        {
            if (await allowances.MaySendAsync(owner.Id, cancellationToken))
            {
                await ReplyAsync(sms, reply, owner.Id, cancellationToken);
            }
            else
            {
                // Past the allowance: the answer stays in the app; one short text per period says so.
                if (await allowances.ClaimOutOfTextsNoticeAsync(owner.Id, cancellationToken) is { } key)
                {
                    await ReplyAsync(sms, Texts.Get(locale, key), owner.Id, cancellationToken);
                }

                return "over-allowance";
            }
        }

        return "assistant";
    }

    /// <summary>
    /// The assistant's answer to the text: stored in the conversation once (the row keeps the message's id), so a run
    /// after a failure answers that message again (its reply, if the turn had ended) instead of storing the text twice.
    /// </summary>
    private async Task<string?> AnswerAsync(SmsMessage sms, Guid userId, CancellationToken cancellationToken)
    {
        if (sms.ConversationMessageId is not { } messageId)
        {
            messageId = await conversations.AddAsync(userId, sms.Body, cancellationToken);
            await db.Set<SmsMessage>().Where(m => m.Id == sms.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ConversationMessageId, messageId), cancellationToken);
        }

        return await conversations.AnswerAsync(userId, messageId, cancellationToken);
    }

    /// <summary>STOP, START or HELP when the whole text is one (lexicon words, folded); null otherwise.</summary>
    private SmsKeyword? Keyword(string body)
    {
        var folded = TextKeys.Fold(body);
        var words = engine.Keywords;
        return words.SmsStop.Contains(folded) ? SmsKeyword.Stop
            : words.SmsStart.Contains(folded) ? SmsKeyword.Start
            : words.SmsHelp.Contains(folded) ? SmsKeyword.Help
            : null;
    }

    private string RegisterLink()
    {
        var baseUrl = twilio.Value.PublicBaseUrl is { Length: > 0 } twilioUrl ? twilioUrl : auth.Value.PublicBaseUrl ?? string.Empty;
        return baseUrl.TrimEnd('/') + "/register";
    }

    /// <summary>Keyed by the inbound text: a retry of this job sends only the parts of the same reply not yet accepted.</summary>
    private Task ReplyAsync(SmsMessage inbound, string text, Guid? userId, CancellationToken cancellationToken) =>
        sender.SendAsync(new OutgoingSms(inbound.From, text, userId, SmsKeys.Reply(inbound.Id)), cancellationToken);

    private enum SmsKeyword
    {
        Stop,
        Start,
        Help,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound SMS {SmsId} handled: {Outcome} ({Length} characters)")]
    private static partial void LogHandled(ILogger logger, Guid smsId, string outcome, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound SMS {SmsId} imported by {UserId}")]
    private static partial void LogImported(ILogger logger, Guid smsId, Guid userId);
}
