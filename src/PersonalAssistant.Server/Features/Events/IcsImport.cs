using System.Runtime.Serialization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Events;

/// <summary>Reads the events of an .ics file with Ical.Net into our events (times placed in their TZID, else the person's zone).</summary>
internal static class IcsImport
{
    public const int MaxEvents = 2000;

    /// <summary>The events read, how many were skipped, and why the whole file was refused (in the locale's words).</summary>
    public sealed record Result(IReadOnlyList<EventItem> Events, int Skipped, string? Error);

    public static Result Read(string text, DateTimeZone personZone, string locale)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(personZone);
        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(text);
        }
        catch (Exception exception) when (exception is SerializationException or ArgumentException or FormatException or InvalidOperationException)
        {
            return new Result([], 0, Texts.Get(locale, "Events.Import.Unreadable"));
        }

        if (calendar is null)
        {
            return new Result([], 0, Texts.Get(locale, "Events.Import.Unreadable"));
        }

        var events = new List<EventItem>();
        var skipped = 0;
        foreach (var source in calendar.Events.Take(MaxEvents + 1))
        {
            if (events.Count == MaxEvents)
            {
                return new Result([], 0, Texts.Format(locale, "Events.Import.TooMany", MaxEvents));
            }

            if (Convert(source, personZone, locale) is { } item)
            {
                events.Add(item);
            }
            else
            {
                skipped++;
            }
        }

        return new Result(events, skipped, null);
    }

    private static EventItem? Convert(CalendarEvent source, DateTimeZone personZone, string locale)
    {
        if (source.DtStart is not { } dtStart || string.IsNullOrWhiteSpace(source.Summary))
        {
            return null;
        }

        // Years far from now are refused before any zone arithmetic (9999-12-31T23:59:59Z is past NodaTime's end in Paris).
        if (dtStart.Value.Year is < TimeInput.MinYear or > TimeInput.MaxYear)
        {
            return null;
        }

        var zone = dtStart.TzId is { } tzid && !dtStart.IsUtc ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(tzid) ?? personZone : personZone;
        var local = LocalDateTime.FromDateTime(dtStart.Value);
        var start = dtStart.IsUtc ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(dtStart.Value, DateTimeKind.Utc)).InZone(zone) : zone.ResolveLocal(local, Moment.DaylightSavingResolver);
        TimeSpan length;
        if (source.DtEnd is { } dtEnd)
        {
            var endZone = dtEnd.TzId is { } endTz && !dtEnd.IsUtc ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(endTz) ?? zone : zone;
            var end = dtEnd.IsUtc
                ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(dtEnd.Value, DateTimeKind.Utc))
                : endZone.ResolveLocal(LocalDateTime.FromDateTime(dtEnd.Value), Moment.DaylightSavingResolver).ToInstant();
            length = (end - start.ToInstant()).ToTimeSpan();
        }
        else if (source.Duration is { } duration)
        {
            length = duration.ToTimeSpanUnspecified();
        }
        else
        {
            length = dtStart.HasTime ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        }

        if (length <= TimeSpan.Zero || length > TimeSpan.FromDays(14) || start.Year is < 2000 or > 2200)
        {
            return null;
        }

        // a rule we would refuse through the API is refused here too: the event is skipped, never stored poisoned
        var rule = source.RecurrenceRule?.ToString();
        if (rule is not null && Recurrences.Validate(rule, start.LocalDateTime, locale) is not null)
        {
            return null;
        }

        var startInstant = start.ToInstant().ToDateTimeOffset();
        var excluded = rule is null ? [] : ExcludedStarts(source, zone, start.LocalDateTime.TimeOfDay);
        return new EventItem
        {
            Title = Cut(source.Summary.Trim(), EventItemConfiguration.MaxTitleLength),
            StartAt = startInstant,
            EndAt = startInstant + length,
            TimeZone = zone.Id,
            AnchorLocal = Recurrences.AnchorPattern.Format(start.LocalDateTime),
            Location = source.Location is { Length: > 0 } location ? Cut(location, 200) : null,
            Notes = source.Description is { Length: > 0 } description ? Cut(description, 5000) : null,
            RRule = rule,
            ExcludedStarts = excluded,
            Uid = Cut(string.IsNullOrWhiteSpace(source.Uid) ? Guid.NewGuid().ToString("N") : source.Uid, 255),
        };
    }

    /// <summary>
    /// The EXDATEs of a repeating event as local starts in the event's zone, the form its occurrences are generated in:
    /// UTC and other-zone values are moved into it, floating ones are taken as they are, and a date alone skips that
    /// day's occurrence.
    /// </summary>
    private static List<string> ExcludedStarts(CalendarEvent source, DateTimeZone zone, LocalTime startTime)
    {
        var starts = new List<string>();
        foreach (var date in source.ExceptionDates.GetAllDates())
        {
            LocalDateTime local;
            if (!date.HasTime)
            {
                local = LocalDate.FromDateTime(date.Value).At(startTime);
            }
            else if (date.IsUtc)
            {
                local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(date.Value, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
            }
            else if (date.TzId is { } tzid && DateTimeZoneProviders.Tzdb.GetZoneOrNull(tzid) is { } dateZone && dateZone != zone)
            {
                local = dateZone.ResolveLocal(LocalDateTime.FromDateTime(date.Value), Moment.DaylightSavingResolver).WithZone(zone).LocalDateTime;
            }
            else
            {
                local = LocalDateTime.FromDateTime(date.Value);
            }

            starts.Add(Recurrences.AnchorPattern.Format(local));
        }

        return starts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(EventItemConfiguration.MaxExcludedStarts).ToList();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
