using System.Globalization;
using NodaTime;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Briefings;

/// <summary>
/// Writes the morning briefing and the evening review from the features' services, in the person's language and zone:
/// short, calm, one next step, no blame. Null when there is nothing worth a notification.
/// </summary>
internal sealed class BriefingComposer(TaskService tasks, EventService events, ReminderService reminders)
{
    /// <summary>Items named per line; the rest are counted ("and 2 more").</summary>
    public const int Listed = 3;

    private const int MaxItemLength = 60;
    private const int Fetched = 50;

    /// <summary>
    /// Reminder outcomes that wait for the morning briefing: missed beyond the grace window, over the daily cap, and
    /// held after three ignored nudges (a new one is one entry here).
    /// </summary>
    public static readonly IReadOnlyList<string> HeldOutcomes = [DeliveryOutcomes.SkippedToBriefing, DeliveryOutcomes.Capped, DeliveryOutcomes.HeldIgnored];

    /// <summary>
    /// Today's events still ahead, tasks due today or rolled over, reminders later today, what was held for the briefing
    /// since <paramref name="heldSince"/>, and one first step. Null when there are no events, tasks, reminders or held
    /// items: a suggestion alone is not worth an unrequested notification.
    /// </summary>
    public async Task<string?> MorningAsync(PersonNow person, DateTimeOffset heldSince, CancellationToken cancellationToken)
    {
        var locale = person.Locale;
        var now = person.Now.ToInstant().ToDateTimeOffset();
        var endOfDay = person.StartOf(person.Today.PlusDays(1));

        var today = (await events.ListAsync(person, now, endOfDay, cancellationToken)).Value ?? [];
        var due = await tasks.DueThroughAsync(person, person.TodayDate, Fetched, cancellationToken);
        var later = await reminders.DueBetweenAsync(person, now, endOfDay, cancellationToken);
        var held = (await reminders.RecordedSinceAsync(person, HeldOutcomes, heldSince, Fetched, cancellationToken))
            .DistinctBy(h => h.ReminderId).ToList();
        if (today.Count == 0 && due.Count == 0 && later.Count == 0 && held.Count == 0)
        {
            return null;
        }

        var lines = new List<string> { Texts.Get(locale, "Briefings.Morning.Greeting") };
        if (today.Count > 0)
        {
            var named = today.Select(e => Texts.Format(locale, "Briefings.ItemAt", Short(e.Title), Clock(person, DateTimeOffset.Parse(e.Start, CultureInfo.InvariantCulture))));
            lines.Add(Texts.Format(locale, "Briefings.Morning.Events", List(locale, named.ToList())));
        }

        if (due.Count > 0)
        {
            lines.Add(Texts.Format(locale, "Briefings.Morning.Due", List(locale, due.Select(t => Short(t.Title)).ToList())));
        }

        if (later.Count > 0)
        {
            var named = later.Select(r => Texts.Format(locale, "Briefings.ItemAt", Short(r.Text), Clock(person, r.NextAt!.Value)));
            lines.Add(Texts.Format(locale, "Briefings.Morning.Reminders", List(locale, named.ToList())));
        }

        if (held.Count > 0)
        {
            lines.Add(Texts.Format(locale, "Briefings.Morning.Held", List(locale, held.Select(h => Short(h.Text)).ToList())));
        }

        if ((await tasks.NextAsync(person, new NextTaskQuery(), cancellationToken)).Value?.Task is { } first)
        {
            lines.Add(Texts.Format(locale, "Briefings.Morning.FirstStep", Short(first.Title)));
        }

        return string.Join(' ', lines);
    }

    /// <summary>What got done today, then what rolls to tomorrow; null when both are empty.</summary>
    public async Task<string?> EveningAsync(PersonNow person, CancellationToken cancellationToken)
    {
        var locale = person.Locale;
        var now = person.Now.ToInstant().ToDateTimeOffset();
        var done = await tasks.DoneBetweenAsync(person, person.StartOf(person.Today), now, Fetched, cancellationToken);
        var rolling = await tasks.DueThroughAsync(person, person.TodayDate, Fetched, cancellationToken);
        if (done.Count == 0 && rolling.Count == 0)
        {
            return null;
        }

        var lines = new List<string>();
        if (done.Count > 0)
        {
            lines.Add(Texts.Format(locale, "Briefings.Evening.Done", List(locale, done.Select(t => Short(t.Title)).ToList())));
        }

        if (rolling.Count > 0)
        {
            lines.Add(Texts.Format(locale, "Briefings.Evening.Rolling", List(locale, rolling.Select(t => Short(t.Title)).ToList())));
        }

        lines.Add(Texts.Get(locale, "Briefings.Evening.Close"));
        return string.Join(' ', lines);
    }

    /// <summary>What the person's briefing of a kind would say now (held items: those of the last day).</summary>
    public async Task<Outcome<BriefingPreviewResponse>> PreviewAsync(PersonNow person, BriefingPreviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(query);
        if (Failure.Check(query, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var kind = query.Kind ?? BriefingKinds.Morning;
        var text = kind == BriefingKinds.Morning
            ? await MorningAsync(person, person.Now.ToInstant().ToDateTimeOffset().AddDays(-1), cancellationToken)
            : await EveningAsync(person, cancellationToken);
        return new BriefingPreviewResponse(kind, text);
    }

    /// <summary>The first <see cref="Listed"/> items, then how many more.</summary>
    private static string List(string locale, List<string> items)
    {
        var shown = string.Join(", ", items.Take(Listed));
        return items.Count > Listed ? Texts.Format(locale, "Briefings.More", shown, items.Count - Listed) : shown;
    }

    private static string Short(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxItemLength ? line : string.Concat(line.AsSpan(0, MaxItemLength - 1), "…");
    }

    private static string Clock(PersonNow person, DateTimeOffset at) =>
        Instant.FromDateTimeOffset(at).InZone(person.Zone).LocalDateTime
            .ToString(Texts.Get(person.Locale, "Time.ClockPattern"), Texts.CultureOf(person.Locale));
}
