using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Profile;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// The SMS feature's service: every inbound text is recorded here once (webhook or simulator) and queued for its
/// handling (<see cref="InboundSmsQueue"/>); the simulator thread and the import of texts sent before signing up are read here,
/// scoped to the numbers the caller verified.
/// </summary>
internal sealed class SmsService(
    AppDbContext db,
    PhoneNumberService phoneNumbers,
    IBackgroundJobClient jobs,
    InboundSmsQueue inbound,
    IOptions<TwilioOptions> twilio,
    TimeProvider time)
{
    /// <summary>The simulator's instance number when no Twilio number is configured (Twilio's test number).</summary>
    public const string SimulatorNumber = "+15005550006";

    /// <summary>How long a text from an unknown number is kept for its sender to import after signing up.</summary>
    public static readonly TimeSpan UnknownKeptFor = TimeSpan.FromHours(24);

    /// <summary>Whether <paramref name="to"/> (or the messaging service Twilio names) is one of this instance's numbers.</summary>
    public async Task<bool> IsInstanceNumberAsync(string to, string? messagingServiceSid, CancellationToken cancellationToken)
    {
        var settings = twilio.Value;
        if (!string.IsNullOrEmpty(settings.PhoneNumber) && to == settings.PhoneNumber)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(settings.MessagingServiceSid) && string.Equals(messagingServiceSid, settings.MessagingServiceSid, StringComparison.Ordinal))
        {
            return true;
        }

        return settings.IsDedicated && await db.Set<SmsNumber>().AnyAsync(n => n.E164 == to, cancellationToken);
    }

    /// <summary>
    /// Records a text that arrived (Twilio's <paramref name="sid"/> is unique) and queues its handling; answers its id, or
    /// null when that delivery was already recorded (Twilio redelivers). The row is the durable record: a text this
    /// replica does not get to handle stays received and a sweep queues it again.
    /// </summary>
    public async Task<Guid?> ReceiveAsync(string sid, string from, string to, string body, CancellationToken cancellationToken)
    {
        if (await db.Set<SmsMessage>().AnyAsync(m => m.MessageSid == sid, cancellationToken))
        {
            return null;
        }

        var id = await RecordAsync(Ids.NewV7(), sid, from, to, body[..Math.Min(body.Length, SmsMessageConfiguration.MaxBodyLength)], cancellationToken);
        if (id is { } recorded)
        {
            inbound.Enqueue(recorded, from);
        }

        return id;
    }

    /// <summary>
    /// A text typed in the simulator as <paramref name="from"/>, which the caller verified (or any number for an
    /// administrator: <paramref name="anyNumber"/>); handled like a real one. Null when the caller may not text as it.
    /// </summary>
    public async Task<Guid?> SimulateAsync(Guid userId, bool anyNumber, string from, string text, CancellationToken cancellationToken)
    {
        if (!anyNumber && !await IsVerifiedByAsync(userId, from, cancellationToken))
        {
            return null;
        }

        var id = Ids.NewV7();
        await RecordAsync(id, "SIM" + id.ToString("N"), from, twilio.Value.PhoneNumber ?? SimulatorNumber, text, cancellationToken);
        inbound.Enqueue(id, from);
        return id;
    }

    /// <summary>The last 100 texts from <paramref name="number"/> and replies to it, oldest first; null when the caller may not read them.</summary>
    public async Task<IReadOnlyList<SimulatorMessageResponse>?> SimulatorThreadAsync(Guid userId, bool anyNumber, string number, CancellationToken cancellationToken)
    {
        if (!anyNumber && !await IsVerifiedByAsync(userId, number, cancellationToken))
        {
            return null;
        }

        var inbound = await db.Set<SmsMessage>().AsNoTracking().Where(m => m.Direction == SmsDirections.Inbound && m.From == number)
            .OrderByDescending(m => m.CreatedAt).Take(100)
            .Select(m => new SimulatorMessageResponse(SmsDirections.Inbound, m.Body, m.CreatedAt)).ToListAsync(cancellationToken);
        var replies = await db.Outbox.AsNoTracking().Where(m => m.Channel == OutboxChannels.Sms && m.Recipient == number)
            .OrderByDescending(m => m.Id).Take(100)
            .Select(m => new { m.Id, m.Body, m.CreatedAt }).ToListAsync(cancellationToken);

        // A reply is stamped after the text it answers; at the same instant the text comes first.
        return
        [
            .. inbound.Concat(replies.OrderBy(r => r.Id).Select(r => new SimulatorMessageResponse(SmsDirections.Outbound, r.Body, r.CreatedAt)))
                .Select((message, index) => (message, index))
                .OrderBy(pair => pair.message.At).ThenBy(pair => pair.message.Direction == SmsDirections.Inbound ? 0 : 1).ThenBy(pair => pair.index)
                .Select(pair => pair.message)
                .TakeLast(100),
        ];
    }

    /// <summary>
    /// Gives the person the texts their verified numbers sent in the last day while nobody had verified them, and queues
    /// them for the assistant, oldest first. Answers how many were claimed.
    /// </summary>
    public async Task<int> ImportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var numbers = (await phoneNumbers.VerifiedOfAsync(userId, cancellationToken)).Select(n => n.Number).ToList();
        var since = time.GetUtcNow() - UnknownKeptFor;
        var waiting = await db.Set<SmsMessage>().AsNoTracking()
            .Where(m => m.UserId == null && m.Direction == SmsDirections.Inbound && m.Status == SmsStatuses.Handled && numbers.Contains(m.From) && m.CreatedAt >= since)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);

        // Each text is claimed in its own statement (at most a day of texts), so two imports at once never feed one twice.
        var claimed = new List<Guid>();
        foreach (var id in waiting)
        {
            if (await db.Set<SmsMessage>().Where(m => m.Id == id && m.UserId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.UserId, userId).SetProperty(m => m.UpdatedAt, time.GetUtcNow()), cancellationToken) == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count > 0)
        {
            var ids = claimed.ToArray();
            jobs.Create<InboundSmsJob>(job => job.ImportAsync(userId, ids, CancellationToken.None), new EnqueuedState(JobQueues.Default));
        }

        return claimed.Count;
    }

    private async Task<bool> IsVerifiedByAsync(Guid userId, string number, CancellationToken cancellationToken) =>
        (await phoneNumbers.VerifiedOfAsync(userId, cancellationToken)).Any(n => n.Number == number);

    private async Task<Guid?> RecordAsync(Guid id, string sid, string from, string to, string body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var segments = SmsSegments.Analyze(body);
        db.Set<SmsMessage>().Add(new SmsMessage
        {
            Id = id,
            Direction = SmsDirections.Inbound,
            MessageSid = sid,
            From = from,
            To = to,
            Body = body,
            Segments = segments.Segments,
            Encoding = SmsEncodings.Name(segments.Encoding),
            Status = SmsStatuses.Received,
            CreatedAt = now,
            UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return id;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // The same delivery arrived twice at once: the other request recorded it.
            db.ChangeTracker.Clear();
            return null;
        }
    }
}
