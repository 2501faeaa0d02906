using Microsoft.EntityFrameworkCore;
using NodaTime;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>
/// The rules that keep nudges from costing attention (issue 16, ADR 0011 addendum): quiet hours in the person's zone,
/// a daily cap on recurring non-urgent nudges counted in the person's local day, and a pause after nudges ignored in a
/// row. The dispatcher applies them; this holds the arithmetic.
/// </summary>
internal static class NudgeDiscipline
{
    /// <summary>Nudges of one reminder ignored in a row after which its nudges pause.</summary>
    public const int IgnoredLimit = 3;

    /// <summary>
    /// When the quiet hours that <paramref name="at"/> falls in end, in the person's zone; null when it is outside them
    /// (or the person has none: a start or end missing, or both equal). The start is inside, the end is not.
    /// </summary>
    public static Instant? QuietUntil(Instant at, DateTimeZone zone, UserPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(preferences);
        if (preferences.QuietHoursStart is not { } startTime || preferences.QuietHoursEnd is not { } endTime || startTime == endTime)
        {
            return null;
        }

        var local = at.InZone(zone).LocalDateTime;
        var (start, end, time) = (LocalTime.FromTimeOnly(startTime), LocalTime.FromTimeOnly(endTime), local.TimeOfDay);
        LocalDate? endDay = start < end
            ? (time >= start && time < end ? local.Date : null)
            : time >= start ? local.Date.PlusDays(1) : time < end ? local.Date : null;
        return endDay is { } day ? zone.AtLeniently(day.At(end)).ToInstant() : null;
    }

    /// <summary>Whether <paramref name="at"/> falls in the person's quiet hours.</summary>
    public static bool InQuietHours(Instant at, DateTimeZone zone, UserPreferences preferences) => QuietUntil(at, zone, preferences) is not null;

    /// <summary>The instant the person's local day holding <paramref name="at"/> began.</summary>
    public static Instant DayStart(Instant at, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.AtStartOfDay(at.InZone(zone).Date).ToInstant();
    }
}

/// <summary>Who a batch of reminders belongs to: language, zone and preferences.</summary>
internal sealed record Recipient(string Locale, DateTimeZone Zone, UserPreferences Preferences);

/// <summary>
/// Nudges sent per person today (their local day), for the daily cap: read once per batch from the delivery records,
/// then counted on as the batch sends.
/// </summary>
internal sealed class NudgeLedger
{
    private readonly Dictionary<Guid, List<Instant>> _sent = [];

    public static async Task<NudgeLedger> ReadAsync(AppDbContext db, IReadOnlyCollection<Guid> userIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A local day is at most 26 hours long and began at most 26 hours ago (UTC−12…+14 zones are all covered).
        var since = now.AddHours(-27);
        var rows = await db.Set<ReminderDelivery>().AsNoTracking()
            .Where(d => (d.Outcome == DeliveryOutcomes.Sent || d.Outcome == DeliveryOutcomes.SentLate) && d.At >= since)
            .Join(db.Reminders.Where(r => userIds.Contains(r.UserId)), d => d.ReminderId, r => r.Id, (d, r) => new { r.UserId, d.At })
            .ToListAsync(cancellationToken);
        var ledger = new NudgeLedger();
        foreach (var row in rows)
        {
            ledger.Count(row.UserId, Instant.FromDateTimeOffset(row.At));
        }

        return ledger;
    }

    /// <summary>Nudges the person got in their local day holding <paramref name="now"/>.</summary>
    public int SentToday(Guid userId, Instant now, DateTimeZone zone)
    {
        var start = NudgeDiscipline.DayStart(now, zone);
        return _sent.TryGetValue(userId, out var sent) ? sent.Count(at => at >= start && at <= now) : 0;
    }

    public void Count(Guid userId, Instant at)
    {
        if (!_sent.TryGetValue(userId, out var sent))
        {
            _sent[userId] = sent = [];
        }

        sent.Add(at);
    }
}
