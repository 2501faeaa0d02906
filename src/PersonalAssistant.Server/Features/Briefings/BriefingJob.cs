using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Briefings;

/// <summary>What one run did: briefings sent, days with nothing to say, briefings too late to send, and ones another writer sent first.</summary>
internal sealed record BriefingTally(int Sent, int Empty, int SkippedLate, int Deduplicated);

/// <summary>
/// The morning briefing and the evening review as one recurring job (every 5 minutes, <c>default</c> queue, once per
/// schedule across replicas). Each run finds the people whose local briefing time has passed today and who have no
/// briefing of that kind for today, and sends each one once; a briefing more than <see cref="BriefingOptions.MaxLateHours"/>
/// late (downtime) is recorded as skipped instead. Times come from the injected clock and each person's zone.
/// </summary>
internal sealed partial class BriefingJob(
    AppDbContext db, BriefingComposer composer, BriefingSender sender, IOptions<BriefingOptions> options, TimeProvider time, ILogger<BriefingJob> logger)
{
    public const string Id = "briefings";

    public const string Schedule = "*/5 * * * *";

    private const int BatchSize = 200;

    [Queue(JobQueues.Default)]
    public Task RunAsync(CancellationToken cancellationToken) => RunAtAsync(time.GetUtcNow(), cancellationToken);

    public async Task<BriefingTally> RunAtAsync(DateTimeOffset utcNow, CancellationToken cancellationToken)
    {
        // every zone's today is within a day of UTC's
        var utcToday = DateOnly.FromDateTime(utcNow.UtcDateTime);
        var (from, to) = (utcToday.AddDays(-1), utcToday.AddDays(1));
        var tally = new BriefingTally(0, 0, 0, 0);
        Guid? after = null;
        while (true)
        {
            var people = await db.Users.AsNoTracking()
                .Where(u => u.IsActive && (u.Preferences.MorningBriefingTime != null || u.Preferences.EveningReviewTime != null))
                .Where(u => after == null || u.Id.CompareTo(after.Value) > 0)
                .OrderBy(u => u.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (people.Count == 0)
            {
                break;
            }

            var ids = people.Select(p => p.Id).ToList();
            var written = (await db.Set<Briefing>().AsNoTracking()
                    .Where(b => ids.Contains(b.UserId) && b.LocalDate >= from && b.LocalDate <= to)
                    .Select(b => new { b.UserId, b.Kind, b.LocalDate }).ToListAsync(cancellationToken))
                .Select(b => (b.UserId, b.Kind, b.LocalDate)).ToHashSet();
            foreach (var user in people)
            {
                var person = PersonClock.Of(user, utcNow);
                foreach (var (kind, at) in new[] { (BriefingKinds.Morning, user.Preferences.MorningBriefingTime), (BriefingKinds.Evening, user.Preferences.EveningReviewTime) })
                {
                    if (at is not { } localTime)
                    {
                        continue;
                    }

                    var dueAt = person.Zone.ResolveLocal(person.Today.At(new LocalTime(localTime.Hour, localTime.Minute)), Moment.DaylightSavingResolver)
                        .ToInstant().ToDateTimeOffset();
                    // not yet; already written; or due before the account existed (no briefing on the day one signs up after it)
                    if (utcNow < dueAt || dueAt < user.CreatedAt || written.Contains((user.Id, kind, person.TodayDate)))
                    {
                        continue;
                    }

                    tally = Plus(tally, await BriefAsync(person, kind, dueAt, utcNow, cancellationToken));
                }
            }

            after = people[^1].Id;
        }

        if (tally != new BriefingTally(0, 0, 0, 0))
        {
            LogRun(logger, tally.Sent, tally.Empty, tally.SkippedLate, tally.Deduplicated);
        }

        return tally;
    }

    private async Task<string> BriefAsync(PersonNow person, string kind, DateTimeOffset dueAt, DateTimeOffset utcNow, CancellationToken cancellationToken)
    {
        if (utcNow - dueAt > options.Value.MaxLate)
        {
            return await sender.SendAsync(person, kind, dueAt, null, cancellationToken) ? BriefingOutcomes.SkippedLate : Duplicate;
        }

        string? text;
        if (kind == BriefingKinds.Morning)
        {
            var lastMorning = await db.Set<Briefing>().AsNoTracking()
                .Where(b => b.UserId == person.UserId && b.Kind == BriefingKinds.Morning && b.Outcome != BriefingOutcomes.SkippedLate)
                .OrderByDescending(b => b.At).Select(b => (DateTimeOffset?)b.At).FirstOrDefaultAsync(cancellationToken);
            text = await composer.MorningAsync(person, lastMorning ?? utcNow.AddDays(-1), cancellationToken);
        }
        else
        {
            text = await composer.EveningAsync(person, cancellationToken);
        }

        if (!await sender.SendAsync(person, kind, dueAt, text ?? string.Empty, cancellationToken))
        {
            return Duplicate;
        }

        return text is null ? BriefingOutcomes.Empty : BriefingOutcomes.Sent;
    }

    private const string Duplicate = "duplicate";

    private static BriefingTally Plus(BriefingTally tally, string outcome) => outcome switch
    {
        BriefingOutcomes.Sent => tally with { Sent = tally.Sent + 1 },
        BriefingOutcomes.Empty => tally with { Empty = tally.Empty + 1 },
        BriefingOutcomes.SkippedLate => tally with { SkippedLate = tally.SkippedLate + 1 },
        _ => tally with { Deduplicated = tally.Deduplicated + 1 },
    };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Briefings: {Sent} sent, {Empty} with nothing to say, {Skipped} skipped as too late, {Deduplicated} already written by another run")]
    private static partial void LogRun(ILogger logger, int sent, int empty, int skipped, int deduplicated);
}

/// <summary>
/// The one place a briefing leaves the server: its record and, when it has words, the in-app notification, saved
/// together (the unique record makes a second sending impossible), then the live event. Channel delivery (push, SMS,
/// email) is routed from here.
/// </summary>
internal sealed partial class BriefingSender(AppDbContext db, NotificationService notifications, TimeProvider time, ILogger<BriefingSender> logger)
{
    /// <summary>
    /// Records the person's <paramref name="kind"/> for today: <paramref name="text"/> null is a briefing too late to send,
    /// empty a day with nothing to say, anything else is sent. False when another writer recorded it first.
    /// </summary>
    public async Task<bool> SendAsync(PersonNow person, string kind, DateTimeOffset dueAt, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var staged = string.IsNullOrEmpty(text)
            ? null
            : notifications.Stage(new NotificationDraft(person.UserId, kind == BriefingKinds.Morning ? NotificationKinds.Briefing : NotificationKinds.Review, text, null, null, false));
        db.Set<Briefing>().Add(new Briefing
        {
            UserId = person.UserId,
            Kind = kind,
            LocalDate = person.TodayDate,
            DueAt = dueAt,
            At = time.GetUtcNow(),
            Outcome = text is null ? BriefingOutcomes.SkippedLate : staged is null ? BriefingOutcomes.Empty : BriefingOutcomes.Sent,
            NotificationId = staged?.Id,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            LogDuplicate(logger, person.UserId);
            return false;
        }

        if (staged is not null)
        {
            await notifications.PublishAsync([(person.UserId, staged)], cancellationToken);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The briefing of {UserId} for today was already written by another run; not sent again")]
    private static partial void LogDuplicate(ILogger logger, Guid userId);
}

internal static class BriefingsRegistration
{
    public static IServiceCollection AddBriefings(this IServiceCollection services)
    {
        services.AddPersonalData("briefings.json", "Exports.File.Briefings", (db, userId) => db.Set<Briefing>().AsNoTracking()
            .Where(b => b.UserId == userId).OrderBy(b => b.DueAt).ThenBy(b => b.Id)
            .Select(b => new { b.Id, b.Kind, b.LocalDate, b.DueAt, b.At, b.Outcome, b.NotificationId }));
        services.AddValidatedOptions<BriefingOptions, BriefingOptions.Validator>(BriefingOptions.Section);
        services.AddScoped<BriefingComposer>();
        services.AddScoped<BriefingSender>();
        services.AddScoped<BriefingJob>();
        // the records are delivery records: they age out with the reminders' ones
        services.AddRetainedRows<Briefing>(RetainedKinds.Deliveries, b => b.At);
        return services;
    }
}
