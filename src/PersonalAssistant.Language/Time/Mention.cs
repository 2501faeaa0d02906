using NodaTime;
using PersonalAssistant.Language.Lexicons;

namespace PersonalAssistant.Language.Time;

internal enum MentionKind
{
    Date,
    Time,
    DayPart,
    Relative,
    Duration,
    Range,
    Recurrence,
}

internal enum DateKind
{
    DayOffset,
    Weekday,
    MonthDay,
    DayOfMonth,
    Special,
}

/// <summary>A date as said, before it is placed on the calendar.</summary>
internal readonly record struct DateSpec(DateKind Kind, int Offset = 0, IsoDayOfWeek Weekday = IsoDayOfWeek.None,
    bool This = false, int Month = 0, int Day = 0, int Year = 0, SpecialDate Special = SpecialDate.NextWeek);

/// <summary>A clock time as said: <see cref="Known"/> is false for "at 7" or "9:30" where morning or evening is not said.</summary>
internal readonly record struct ClockTime(int Hour, int Minute, bool Known)
{
    /// <summary>A 24-hour "9h" taken as said, unless a part of the day says otherwise ("ce soir à 9h" is 21:00).</summary>
    public bool Soft { get; init; }

    public ClockTime WithMeridiem(Meridiem meridiem) => meridiem switch
    {
        Meridiem.Pm when Hour < 12 => new(Hour + 12, Minute, true),
        Meridiem.Am when Hour == 12 => new(0, Minute, true),
        _ => this with { Known = true },
    };
}

/// <summary>An amount of time: minutes and hours as minutes, days and weeks as days, months as months.</summary>
internal readonly record struct Amount(int Minutes, int Days, int Months)
{
    public bool IsClock => Days == 0 && Months == 0;
}

/// <summary>A repetition as said; <see cref="Nth"/> is the week of the month of "the first monday of every month" (0: none).</summary>
internal sealed record RecurrenceSpec(TimeUnit Unit, int Interval, IsoDayOfWeek[] Days, int MonthDay, DayPart? Part, int Nth = 0);

/// <summary>One recognised time phrase, with the tokens it covers (prepositions included).</summary>
internal sealed class Mention
{
    public required MentionKind Kind { get; init; }

    public int Start { get; set; }

    public int End { get; set; }

    public DateSpec Date { get; init; }

    public ClockTime Time { get; init; }

    public DayPart? Part { get; init; }

    public Amount Amount { get; init; }

    public RecurrenceSpec? Recurrence { get; init; }
}
