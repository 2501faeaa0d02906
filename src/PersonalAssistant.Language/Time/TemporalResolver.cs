using System.Text;
using NodaTime;
using PersonalAssistant.Language.Lexicons;

namespace PersonalAssistant.Language.Time;

/// <summary>What the time phrases of one action mean, placed on the person's calendar.</summary>
internal sealed record ResolvedTime(Moment? When, string? RRule, int? DurationMinutes, IReadOnlyList<Moment> Alternatives)
{
    public bool Ambiguous => Alternatives.Count > 1;
}

/// <summary>
/// Turns recognised phrases into a moment, following the contract in ../shared/nlu/README.md: a time without a date
/// is its next occurrence; a bare weekday is the next such day after today; parts of the day have default hours;
/// relative times are added to the instant (so "in 2 hours" across a clock change is two real hours).
/// </summary>
internal static class TemporalResolver
{
    public static ResolvedTime Resolve(IReadOnlyList<Mention> mentions, LocalDateTime now, DateTimeZone zone)
    {
        Mention? date = null, relative = null, range = null, recurrence = null;
        DayPart? part = null;
        int? duration = null;
        var times = new List<Mention>(2);
        var weekdays = new List<IsoDayOfWeek>();
        var monthDay = 0;
        (int Month, int Day) calendarDate = default;
        foreach (var m in mentions)
        {
            switch (m.Kind)
            {
                case MentionKind.Date:
                    if (m.Date.Kind == DateKind.Weekday)
                    {
                        weekdays.Add(m.Date.Weekday);
                    }

                    if (m.Date.Kind == DateKind.DayOfMonth)
                    {
                        monthDay = m.Date.Day;
                    }

                    if (m.Date.Kind == DateKind.MonthDay)
                    {
                        calendarDate = (m.Date.Month, m.Date.Day);
                    }

                    if (date is null || (date.Date.Kind == DateKind.Weekday && m.Date.Kind == DateKind.MonthDay))
                    {
                        date = m;
                    }

                    part ??= m.Part;
                    break;
                case MentionKind.Time:
                    times.Add(m);
                    break;
                case MentionKind.DayPart:
                    part ??= m.Part;
                    break;
                case MentionKind.Relative:
                    relative ??= m;
                    break;
                case MentionKind.Duration:
                    duration ??= m.Amount.Minutes;
                    break;
                case MentionKind.Range:
                    range ??= m;
                    duration = m.Amount.Minutes;
                    break;
                case MentionKind.Recurrence:
                    recurrence = recurrence is null ? m : Merge(recurrence, m);
                    break;
            }
        }

        var today = now.Date;
        if (recurrence?.Recurrence is { Part: { } everyPart })
        {
            // "every morning at 8": the morning is said
            part ??= everyPart;
        }

        var clocks = ClockCandidates(range, times, part, out var conflicting);
        if (recurrence?.Recurrence is { } rule)
        {
            part ??= rule.Part;
            if (clocks.Count == 0 && part is { } recurringPart)
            {
                clocks = [DefaultTime(recurringPart)];
            }

            var days = rule.Days.Length > 0 ? rule.Days : rule.Unit == TimeUnit.Week ? [.. weekdays] : [];
            var byMonthDay = rule.MonthDay > 0 ? rule.MonthDay : rule.Unit == TimeUnit.Month ? (monthDay > 0 ? monthDay : calendarDate.Day) : 0;
            var unit = rule.Unit == TimeUnit.Day && days.Length > 0 ? TimeUnit.Week : rule.Unit;
            var byMonth = 0;
            if (unit == TimeUnit.Year)
            {
                (byMonth, byMonthDay) = calendarDate.Month > 0 ? calendarDate : (today.Month, today.Day);
            }

            if (unit is TimeUnit.Hour && rule.Interval is >= 1 and < 24)
            {
                // "every 2 hours": from now on, during the waking day (a daily rule at those hours, not an hourly one)
                var next = now.InZone(zone, Moment.DaylightSavingResolver).Plus(NodaTime.Duration.FromHours(rule.Interval)).LocalDateTime;
                var hours = WakingHours(next.TimeOfDay.Hour, rule.Interval);
                var start = Enumerable.Range(0, 2)
                    .SelectMany(day => hours.Select(hour => next.Date.PlusDays(day) + new LocalTime(hour, next.Minute)))
                    .First(candidate => candidate >= next);
                var hourly = "FREQ=DAILY;BYHOUR=" + string.Join(',', hours) + ";BYMINUTE=" + next.Minute.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ResolvedTime(Moment.At(start, zone), hourly, duration, []);
            }

            if (unit is TimeUnit.Hour or TimeUnit.Minute)
            {
                var step = NodaTime.Duration.FromMinutes(rule.Interval * (unit == TimeUnit.Hour ? 60 : 1));
                var next = Moment.At(now.InZone(zone, Moment.DaylightSavingResolver).Plus(step));
                return new ResolvedTime(next, FormatRule(unit, rule.Interval, [], 0, 0, null), duration, []);
            }

            var clock = clocks.Count > 0 ? clocks[0] : (LocalTime?)null;
            var nth = rule.Nth;
            var first = FirstOccurrence(unit, days, byMonth, byMonthDay, clock, now, zone, nth);
            return new ResolvedTime(first, FormatRule(unit, rule.Interval, days, byMonth, byMonthDay, clock, nth), duration, Alternatives(clocks.Count > 1 ? clocks : [], c => FirstOccurrence(unit, days, byMonth, byMonthDay, c, now, zone, nth)));
        }

        if (relative is not null)
        {
            var amount = relative.Amount;
            if (amount.IsClock)
            {
                var instant = now.InZone(zone, Moment.DaylightSavingResolver).Plus(NodaTime.Duration.FromMinutes(amount.Minutes));
                return new ResolvedTime(Moment.At(instant), null, duration, []);
            }

            var shifted = today.PlusMonths(amount.Months).PlusDays(amount.Days);
            return clocks.Count == 0
                ? new ResolvedTime(Moment.OnDate(shifted), null, duration, [])
                : new ResolvedTime(Moment.At(shifted + clocks[0], zone), null, duration, []);
        }

        LocalDate? day = date is null ? null : PlaceDate(date.Date, today);
        if (clocks.Count == 0 && part is { } defaultPart)
        {
            clocks = [DefaultTime(defaultPart)];
        }

        if (day is null && date is not null)
        {
            // a date that does not exist ("february 30"): understood nothing rather than a wrong day
            return new ResolvedTime(null, null, duration, []);
        }

        if (clocks.Count == 0)
        {
            return new ResolvedTime(day is { } d ? Moment.OnDate(d) : null, null, duration, []);
        }

        var options = clocks.Select(c => Place(day, c, now, zone)).ToList();
        var chosen = conflicting ? options[0] : options.OrderBy(o => o.Instant!.Value.ToInstant()).First();
        var alternatives = options.Count > 1 ? options : [];
        return new ResolvedTime(chosen, null, duration, alternatives);
    }

    private static Mention Merge(Mention a, Mention b)
    {
        var x = a.Recurrence!;
        var y = b.Recurrence!;
        var merged = new RecurrenceSpec(
            x.Unit > y.Unit ? x.Unit : y.Unit,
            Math.Max(x.Interval, y.Interval),
            [.. x.Days.Concat(y.Days).Distinct()],
            Math.Max(x.MonthDay, y.MonthDay),
            x.Part ?? y.Part,
            Math.Max(x.Nth, y.Nth));
        return new Mention { Kind = MentionKind.Recurrence, Start = a.Start, End = b.End, Recurrence = merged };
    }

    private static IReadOnlyList<Moment> Alternatives(List<LocalTime> clocks, Func<LocalTime, Moment?> place) =>
        [.. clocks.Select(place).Where(w => w is not null).Select(w => w!.Value)];

    /// <summary>The clock times said, with "9:30" read as evening after "tonight"; both halves of the day when it is not said.</summary>
    private static List<LocalTime> ClockCandidates(Mention? range, List<Mention> times, DayPart? part, out bool conflicting)
    {
        conflicting = false;
        var said = range is not null ? [range] : times;
        if (said.Count == 0)
        {
            return [];
        }

        var distinct = said.Select(m => (m.Time.Hour, m.Time.Minute)).Distinct().Count();
        if (distinct > 1)
        {
            conflicting = true;
            return [.. said.Select(m => Adjust(m.Time, part)).Where(c => c is not null).Select(c => c!.Value).Distinct()];
        }

        var time = said[0].Time;
        if (Adjust(time, part) is { } adjusted)
        {
            return [adjusted];
        }

        // "at 7": 7:00 or 19:00, the sooner first
        var morning = new LocalTime(time.Hour % 12, time.Minute);
        var evening = new LocalTime((time.Hour % 12) + 12, time.Minute);
        return [morning, evening];
    }

    private static LocalTime? Adjust(ClockTime time, DayPart? part)
    {
        if (time.Known && time.Soft && time.Hour < 12 && part is DayPart.Afternoon or DayPart.Evening or DayPart.Tonight or DayPart.EndOfDay)
        {
            return new LocalTime(time.Hour + 12, time.Minute);
        }

        if (time.Known)
        {
            return new LocalTime(time.Hour, time.Minute);
        }

        return part switch
        {
            DayPart.Morning => new LocalTime(time.Hour % 12, time.Minute),
            DayPart.Afternoon or DayPart.Evening or DayPart.Tonight or DayPart.EndOfDay => new LocalTime((time.Hour % 12) + 12, time.Minute),
            _ => null,
        };
    }

    private static LocalTime DefaultTime(DayPart part) => part switch
    {
        DayPart.Morning => new LocalTime(9, 0),
        DayPart.Afternoon => new LocalTime(15, 0),
        DayPart.Evening => new LocalTime(19, 0),
        DayPart.Tonight => new LocalTime(20, 0),
        _ => new LocalTime(17, 0),
    };

    /// <summary>A time on a given day, or on its next occurrence when no day was said.</summary>
    private static Moment Place(LocalDate? day, LocalTime clock, LocalDateTime now, DateTimeZone zone)
    {
        if (day is { } d)
        {
            return Moment.At(d + clock, zone);
        }

        var candidate = now.Date + clock;
        if (candidate <= now)
        {
            candidate = candidate.PlusDays(1);
        }

        return Moment.At(candidate, zone);
    }

    private static LocalDate? PlaceDate(DateSpec spec, LocalDate today)
    {
        switch (spec.Kind)
        {
            case DateKind.DayOffset:
                return today.PlusDays(spec.Offset);
            case DateKind.Weekday:
                if (spec.This && today.DayOfWeek == spec.Weekday)
                {
                    return today;
                }

                return today.Next(spec.Weekday);
            case DateKind.MonthDay:
                return PlaceMonthDay(spec.Year, spec.Month, spec.Day, today);
            case DateKind.DayOfMonth:
                for (var monthStart = new LocalDate(today.Year, today.Month, 1); monthStart.Year < today.Year + 2; monthStart = monthStart.PlusMonths(1))
                {
                    if (spec.Day <= monthStart.Calendar.GetDaysInMonth(monthStart.Year, monthStart.Month))
                    {
                        var candidate = new LocalDate(monthStart.Year, monthStart.Month, spec.Day);
                        if (candidate >= today)
                        {
                            return candidate;
                        }
                    }
                }

                return null;
            default:
                return spec.Special switch
                {
                    SpecialDate.NextWeek => today.Next(IsoDayOfWeek.Monday),
                    SpecialDate.ThisWeekend => today.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? today : today.Next(IsoDayOfWeek.Saturday),
                    SpecialDate.NextWeekend => today.Next(IsoDayOfWeek.Monday).Next(IsoDayOfWeek.Saturday),
                    SpecialDate.EndOfWeek => today.DayOfWeek == IsoDayOfWeek.Friday ? today : today.Next(IsoDayOfWeek.Friday),
                    SpecialDate.EndOfMonth => today.With(DateAdjusters.EndOfMonth),
                    SpecialDate.NextMonth => today.With(DateAdjusters.StartOfMonth).PlusMonths(1),
                    _ => new LocalDate(today.Year, 12, 31),
                };
        }
    }

    private static LocalDate? PlaceMonthDay(int year, int month, int day, LocalDate today)
    {
        if (year > 0)
        {
            return day <= CalendarSystem.Iso.GetDaysInMonth(year, month) ? new LocalDate(year, month, day) : null;
        }

        for (var y = today.Year; y <= today.Year + 4; y++)
        {
            if (day <= CalendarSystem.Iso.GetDaysInMonth(y, month))
            {
                var candidate = new LocalDate(y, month, day);
                if (candidate >= today)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static Moment? FirstOccurrence(TimeUnit unit, IsoDayOfWeek[] days, int month, int monthDay, LocalTime? clock, LocalDateTime now, DateTimeZone zone, int nth = 0)
    {
        var today = now.Date;
        for (var offset = 0; offset < 1500; offset++)
        {
            var day = today.PlusDays(offset);
            var matches = unit switch
            {
                TimeUnit.Week => days.Length == 0 ? day.DayOfWeek == today.DayOfWeek : days.Contains(day.DayOfWeek),
                TimeUnit.Month when nth > 0 => days.Contains(day.DayOfWeek) && ((day.Day - 1) / 7) + 1 == nth,
                TimeUnit.Month => day.Day == (monthDay > 0 ? monthDay : today.Day),
                TimeUnit.Year => day.Month == month && day.Day == monthDay,
                _ => true,
            };
            if (!matches)
            {
                continue;
            }

            if (clock is not { } time)
            {
                return Moment.OnDate(day);
            }

            if (day + time > now)
            {
                return Moment.At(day + time, zone);
            }
        }

        return null;
    }

    /// <summary>The first and last hour of the waking day that an "every N hours" rule covers (08:00 to 21:59).</summary>
    public const int WakingDayFirstHour = 8;

    /// <inheritdoc cref="WakingDayFirstHour"/>
    public const int WakingDayLastHour = 21;

    /// <summary>
    /// The hours of the waking day that "every N hours" fires at, in step with <paramref name="firstHour"/> (every 2 hours
    /// from 16:37 is 8:37, 10:37 … 20:37): a daily rule at those hours, so the reminder repeats through the day and stays
    /// quiet at night (an hourly rule would not, and is refused, see ADR 0007).
    /// </summary>
    private static List<int> WakingHours(int firstHour, int interval)
    {
        var hours = Enumerable.Range(WakingDayFirstHour, WakingDayLastHour - WakingDayFirstHour + 1).Where(hour => (hour - firstHour) % interval == 0).ToList();
        return hours.Count > 0 ? hours : [WakingDayFirstHour];
    }

    private static string FormatRule(TimeUnit unit, int interval, IsoDayOfWeek[] days, int month, int monthDay, LocalTime? clock, int nth = 0)
    {
        var rule = new StringBuilder("FREQ=");
        rule.Append(unit switch
        {
            TimeUnit.Week => "WEEKLY",
            TimeUnit.Month => "MONTHLY",
            TimeUnit.Year => "YEARLY",
            TimeUnit.Hour => "HOURLY",
            TimeUnit.Minute => "MINUTELY",
            _ => "DAILY",
        });
        if (interval > 1)
        {
            rule.Append(";INTERVAL=").Append(interval);
        }

        if (days.Length > 0)
        {
            rule.Append(";BYDAY=").AppendJoin(',', days.Order().Select(d => (nth > 0 ? nth.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty) + d switch
            {
                IsoDayOfWeek.Monday => "MO",
                IsoDayOfWeek.Tuesday => "TU",
                IsoDayOfWeek.Wednesday => "WE",
                IsoDayOfWeek.Thursday => "TH",
                IsoDayOfWeek.Friday => "FR",
                IsoDayOfWeek.Saturday => "SA",
                _ => "SU",
            }));
        }

        if (month > 0)
        {
            rule.Append(";BYMONTH=").Append(month);
        }

        if (monthDay > 0)
        {
            rule.Append(";BYMONTHDAY=").Append(monthDay);
        }

        if (clock is { } time)
        {
            rule.Append(";BYHOUR=").Append(time.Hour).Append(";BYMINUTE=").Append(time.Minute);
        }

        return rule.ToString();
    }
}
