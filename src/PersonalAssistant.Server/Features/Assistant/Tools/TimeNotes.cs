using NodaTime;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>What a tool adds to its echo about the time it saved, for the model to pass on.</summary>
internal sealed partial class AssistantTools
{
    /// <summary>
    /// "2:30 AM doesn't exist that day: the clocks jump forward an hour, so it's set for 3:00 AM" when the words name a
    /// wall time a spring-forward change skips and the item was saved at <paramref name="saved"/> instead; else null.
    /// </summary>
    private string? SkippedNote(string words, DateTimeOffset? saved) =>
        saved is { } at && TimeInput.SkippedWallTime(words, Person.Zone, Person.Now.ToInstant(), engine, Person.Locale) is { } said
            ? Replies.TimeSkipped(said, Instant.FromDateTimeOffset(at).InZone(Person.Zone).LocalDateTime, Person.Locale)
            : null;
}
