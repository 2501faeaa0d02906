using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace PersonalAssistant.Language;

/// <summary>
/// A resolved moment: a date alone ("friday") or a date and time in the person's zone with the offset in force then.
/// </summary>
public readonly record struct Moment
{
    private static readonly OffsetDateTimePattern OffsetPattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    private Moment(LocalDate date, ZonedDateTime? instant)
    {
        Date = date;
        Instant = instant;
    }

    public LocalDate Date { get; }

    /// <summary>The exact moment, or null when only a date was said.</summary>
    public ZonedDateTime? Instant { get; }

    public bool HasTime => Instant is not null;

    public static Moment OnDate(LocalDate date) => new(date, null);

    public static Moment At(ZonedDateTime instant) => new(instant.Date, instant);

    /// <summary>
    /// Places a wall-clock time in a zone: a time skipped by a spring-forward change becomes the first instant after
    /// the gap; a time repeated by a fall-back change takes its first occurrence.
    /// </summary>
    public static Moment At(LocalDateTime local, DateTimeZone zone) => At(zone.ResolveLocal(local, DaylightSavingResolver));

    public static readonly ZoneLocalMappingResolver DaylightSavingResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>ISO 8601: "2026-03-11" or "2026-03-11T15:00:00-04:00".</summary>
    public override string ToString() => Instant is { } instant
        ? OffsetPattern.Format(instant.ToOffsetDateTime())
        : Date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
}
