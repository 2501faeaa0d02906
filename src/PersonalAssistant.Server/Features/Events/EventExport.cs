using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Events;

/// <summary>One stored event as an iCalendar VEVENT, for the private feed and the export alike.</summary>
internal static class EventCalendar
{
    /// <summary>
    /// The event in its zone (DTSTART/DTEND with TZID); a repeating one with its RRULE and skipped occurrences as EXDATEs.
    /// A stored rule that cannot be expanded (saved before rules were checked) is written as its first start only.
    /// </summary>
    public static CalendarEvent From(EventItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var anchor = Recurrences.AnchorPattern.Parse(item.AnchorLocal).Value;
        var length = item.EndAt - item.StartAt;
        var entry = new CalendarEvent
        {
            Uid = item.Uid,
            Summary = item.Title,
            Location = item.Location,
            Description = item.Notes,
            DtStart = new CalDateTime(anchor.ToDateTimeUnspecified(), item.TimeZone),
            DtEnd = new CalDateTime(anchor.ToDateTimeUnspecified().Add(length), item.TimeZone),
        };
        if (item.RRule is not null && Recurrences.Expands(item.RRule, anchor))
        {
            entry.RecurrenceRule = new RecurrencePattern(item.RRule);
            foreach (var skipped in item.ExcludedStarts)
            {
                // the same form as DTSTART (local time with TZID), as RFC 5545 asks of EXDATE
                entry.ExceptionDates.Add(new CalDateTime(Recurrences.AnchorPattern.Parse(skipped).Value.ToDateTimeUnspecified(), item.TimeZone));
            }
        }

        return entry;
    }
}

/// <summary>The person's events as <c>calendar.ics</c>, written one VEVENT at a time, for any calendar app to import.</summary>
internal sealed class EventCalendarExport(AppDbContext db) : IPersonalDataFiles
{
    public string Path => "calendar.ics";

    public string DescriptionKey => "Exports.File.Calendar";

    public async Task<int> WriteAsync(Guid userId, ExportArchive archive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        await using var file = await archive.CreateAsync(Path, cancellationToken);
        await using var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await writer.WriteAsync("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Personal Assistant TDAH//Export//EN\r\n");
        var serializer = new EventSerializer();
        var count = 0;
        await foreach (var item in db.Events.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.StartAt).ThenBy(e => e.Id)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(serializer.SerializeToString(EventCalendar.From(item)));
            count++;
        }

        await writer.WriteAsync("END:VCALENDAR\r\n");
        return count;
    }
}
