using System.ComponentModel;
using System.Globalization;
using PersonalAssistant.Server.Features.Events;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>The assistant's tools for the calendar: add an event, list events.</summary>
internal sealed partial class AssistantTools
{
    [Description("Add a calendar event.")]
    public async Task<ToolResult> AddEvent(
        [Description("What it is (\"dentist\", \"lunch with Julie\").")] string title,
        [Description("When it starts: words (\"thursday 2:30pm\") or ISO 8601.")] string start,
        [Description("Length in minutes (default 60).")] int? durationMinutes = null,
        [Description("Where. Optional.")] string? location = null,
        [Description("The other people involved, if any. Optional.")] string? withPeople = null,
        [Description("An RFC 5545 RRULE when it repeats and the start words do not say so (\"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\"). Optional.")] string? repeat = null,
        CancellationToken cancellationToken = default)
    {
        var arguments = new Dictionary<string, object?> { ["title"] = title, ["start"] = start, ["durationMinutes"] = durationMinutes, ["location"] = location, ["withPeople"] = withPeople, ["repeat"] = repeat };
        if (AskWhenAmbiguous(ToolNames.AddEvent, "start", start, arguments) is { } question)
        {
            return question;
        }

        var request = new EventRequest(title, start, durationMinutes, Location: location, RRule: string.IsNullOrWhiteSpace(repeat) ? null : repeat);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        if (!turn.Confirmed && (!string.IsNullOrWhiteSpace(withPeople) || OtherPeople.AreNamedIn(title)))
        {
            var described = ReadTime(start)?.When is { } when ? $"{title}, {FriendlyTime.Describe(when, Person)}" : title;
            return AskToConfirm(ToolNames.AddEvent, arguments, Text("Tools.Events.Confirm", described));
        }

        var result = await events.CreateAsync(Person, request, cancellationToken);
        if (result.Value is not { } item)
        {
            return Failed(result.Failure);
        }

        var startAt = DateTimeOffset.Parse(item.Start, CultureInfo.InvariantCulture);
        var repeats = item.RRule is null ? string.Empty : Text("Tools.Reminders.Repeating");
        var done = await DidAsync(ActionKinds.EventCreated, $"{item.Title}, {FriendlyTime.Describe(startAt, Person)}{repeats}", item.Id);
        return done with { Note = SkippedNote(start, startAt) };
    }

    [Description("List calendar events.")]
    public async Task<ToolResult> ListEvents(
        [Description("The first day: words (\"today\", \"friday\") or an ISO date (default today).")] string? from = null,
        [Description("How many days (1 to 31, default 1).")] int? days = null,
        CancellationToken cancellationToken = default)
    {
        var firstDay = Person.Today;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (ReadTime(from)?.When is not { } moment)
            {
                return ToolResult.Failed(Text("Tools.Day.Unreadable", from));
            }

            firstDay = moment.Date;
        }

        var span = Math.Clamp(days ?? 1, 1, 31);
        var start = Person.StartOf(firstDay);
        var end = Person.StartOf(firstDay.PlusDays(span));
        var result = await events.ListAsync(Person, start, end, cancellationToken);
        if (result.Value is not { } occurrences)
        {
            return Failed(result.Failure);
        }

        var lines = occurrences.Select(o => $"{o.Title} ({FriendlyTime.Describe(DateTimeOffset.Parse(o.Start, CultureInfo.InvariantCulture), Person)})").ToList();
        return ToolResult.Listing(lines.Count == 0 ? Text("Tools.Events.None") : Text("Tools.Events.Heading"), lines);
    }
}
