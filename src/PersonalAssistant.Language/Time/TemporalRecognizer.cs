using NodaTime;
using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Text;

namespace PersonalAssistant.Language.Time;

/// <summary>
/// Finds the time phrases of a message: dates, clock times, parts of the day, "in 20 minutes", durations, time
/// ranges and recurrences. The grammar is shared by every language; the words come from the <see cref="Lexicon"/>.
/// Each phrase keeps the preposition that introduces it ("on friday", "by the end of the month"), so that removing
/// the phrases from a message leaves the title.
/// </summary>
internal sealed class TemporalRecognizer(Lexicon lex)
{
    public List<Mention> Recognize(Token[] tokens)
    {
        var mentions = new List<Mention>(4);
        var i = 0;
        while (i < tokens.Length)
        {
            var mention = MatchAt(tokens, i, afterPreposition: false);
            if (mention is null)
            {
                var prepositionLength = Math.Max(lex.DatePrepositions.Match(tokens, i), lex.TimePrepositions.Match(tokens, i));
                if (prepositionLength > 0)
                {
                    mention = MatchAt(tokens, i + prepositionLength, afterPreposition: true, clockPreposition: lex.ClockPrepositions.Match(tokens, i) > 0);
                    if (mention is not null)
                    {
                        mention.Start = i;
                    }
                }
            }

            // a date just after an article that the date did not take is part of a title ("The 4th of July script")
            if (mention is null || (mention.Kind == MentionKind.Date && mention.Date.Kind is DateKind.MonthDay or DateKind.DayOfMonth
                && mention.Start > 0 && lex.DayOfMonthArticles.Match(tokens, mention.Start - 1) > 0))
            {
                i++;
                continue;
            }

            mentions.Add(mention);
            i = mention.End;
        }

        return mentions;
    }

    /// <summary>A length of time anywhere in the message ("snooze 2h", "give me 10 more minutes"); for snoozes.</summary>
    public Amount? FindAmount(Token[] tokens, out int start, out int end)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var length = MatchAmount(tokens, i, out var amount);
            if (length > 0)
            {
                start = i;
                end = i + length;
                return amount;
            }
        }

        start = end = -1;
        return null;
    }

    private Mention? MatchAt(Token[] t, int i, bool afterPreposition, bool clockPreposition = false)
    {
        if (i >= t.Length)
        {
            return null;
        }

        return MatchRecurrence(t, i, afterPreposition)
            ?? MatchRelative(t, i)
            ?? MatchDurationFor(t, i)
            ?? MatchRange(t, i)
            ?? MatchDate(t, i, afterPreposition)
            ?? MatchTime(t, i, clockPreposition)
            ?? MatchDayPart(t, i)
            ?? MatchBareDuration(t, i);
    }

    // ------------------------------------------------------------------ recurrence

    private Mention? MatchRecurrence(Token[] t, int i, bool afterPreposition)
    {
        int n;
        if ((n = lex.Alternating.Match(t, i, out var alternating)) > 0)
        {
            return Recurrence(i, i + n, new(alternating.Unit, alternating.Interval, [], 0, null));
        }

        if ((n = lex.FrequencyWords.Match(t, i, out var frequency)) > 0 && lex.Units.Match(t, i + n) == 0)
        {
            return Recurrence(i, i + n, new(frequency, 1, [], 0, null));
        }

        if ((n = lex.Every.Match(t, i)) > 0)
        {
            var k = i + n;
            var interval = 1;
            if (lex.Other.Match(t, k) is var other and > 0)
            {
                interval = 2;
                k += other;
            }
            else if (t.Length > k && t[k].IntegerValue is > 1 and < 100 && lex.Units.Match(t, k + 1) > 0)
            {
                interval = t[k].IntegerValue;
                k++;
            }
            else if (lex.NumberWords.Match(t, k, out var word) is var w and > 0 && word > 1 && lex.Units.Match(t, k + w) > 0)
            {
                interval = word;
                k += w;
            }

            if (lex.WeekdayGroups.Match(t, k, out var group) is var g and > 0)
            {
                return Recurrence(i, k + g, new(TimeUnit.Week, interval, group, 0, null));
            }

            if (MatchWeekdayList(t, k, out var days) is var d and > 0)
            {
                return Recurrence(i, k + d, new(TimeUnit.Week, interval, days, 0, null));
            }

            if (lex.Units.Match(t, k, out var unit) is var u and > 0 && (unit >= TimeUnit.Day || interval > 1 || t[k].Norm.Length > 1))
            {
                return Recurrence(i, k + u, new(unit, interval, [], 0, null));
            }

            if (lex.DayParts.Match(t, k, out var part) is var p and > 0)
            {
                return Recurrence(i, k + p, new(TimeUnit.Day, 1, [], 0, part));
            }

            return null;
        }

        // "the first monday of every month", "le premier lundi de chaque mois"
        var article = lex.DayOfMonthArticles.Match(t, i);
        if (lex.Ordinals.Match(t, i + article, out var nth) is var o and > 0 && nth is >= 1 and <= 5
            && MatchWeekday(t, i + article + o, out var nthDay) is var nd and > 0
            && lex.MonthlyMarkers.Match(t, i + article + o + nd) is var nm and > 0)
        {
            return Recurrence(i, i + article + o + nd + nm, new(TimeUnit.Month, 1, [nthDay], 0, null, nth));
        }

        // "un mardi sur deux"
        if (lex.AlternateStart.Match(t, i) is var alternateStart and > 0
            && MatchWeekday(t, i + alternateStart, out var alternateDay) is var ad and > 0
            && lex.AlternateEnd.Match(t, i + alternateStart + ad) is var alternateEnd and > 0)
        {
            return Recurrence(i, i + alternateStart + ad + alternateEnd, new(TimeUnit.Week, 2, [alternateDay], 0, null));
        }

        // "the first of every month", "le 15 de chaque mois"
        if (MatchDayNumber(t, i, out var monthDay) is var dn and > 0
            && lex.MonthlyMarkers.Match(t, i + dn) is var monthly and > 0)
        {
            return Recurrence(i, i + dn + monthly, new(TimeUnit.Month, 1, [], monthDay, null));
        }

        // "du lundi au vendredi", "from monday to friday"
        if (lex.RangeStarts.Match(t, i) is var rs and > 0
            && MatchWeekday(t, i + rs, out var first) is var w1 and > 0
            && lex.RangeEnds.Match(t, i + rs + w1) is var re and > 0
            && MatchWeekday(t, i + rs + w1 + re, out var last) is var w2 and > 0)
        {
            var span = new List<IsoDayOfWeek>();
            for (var day = first; ; day = day == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : day + 1)
            {
                span.Add(day);
                if (day == last || span.Count == 7)
                {
                    break;
                }
            }

            return Recurrence(i, i + rs + w1 + re + w2, new(TimeUnit.Week, 1, [.. span], 0, null));
        }

        // "on weekdays", "en semaine", "mondays"
        if (lex.WeekdayGroups.Match(t, i, out var weekdays) is var wg and > 0 && (afterPreposition || t[i + wg - 1].Norm.EndsWith('s') || wg > 1))
        {
            return Recurrence(i, i + wg, new(TimeUnit.Week, 1, weekdays, 0, null));
        }

        // "mondays" repeats; "monday's class" is one day's (a possessive: an apostrophe before the s)
        if (lex.Weekdays.Match(t, i, out var plural) is var pl and > 0 && t[i].Norm.EndsWith('s') && !t[i].Norm.EndsWith("ss", StringComparison.Ordinal)
            && char.IsLetter(t[i].Norm[^2]))
        {
            return Recurrence(i, i + pl, new(TimeUnit.Week, 1, [plural], 0, null));
        }

        return null;
    }

    private static Mention Recurrence(int start, int end, RecurrenceSpec spec) =>
        new() { Kind = MentionKind.Recurrence, Start = start, End = end, Recurrence = spec };

    private int MatchWeekdayList(Token[] t, int i, out IsoDayOfWeek[] days)
    {
        var list = new List<IsoDayOfWeek>();
        var k = i;
        var end = i;
        while (true)
        {
            var w = lex.Weekdays.Match(t, k, out var day);
            if (w == 0)
            {
                break;
            }

            list.Add(day);
            k += w;
            end = k;
            var a = lex.And.Match(t, k);
            if (a == 0 || lex.Weekdays.Match(t, k + a) == 0)
            {
                break;
            }

            k += a;
        }

        days = [.. list];
        return end - i;
    }

    // ------------------------------------------------------------------ durations

    private Mention? MatchRelative(Token[] t, int i)
    {
        var r = lex.RelativeMarkers.Match(t, i);
        if (r == 0)
        {
            return null;
        }

        var n = MatchAmount(t, i + r, out var amount);
        return n == 0 ? null : new Mention { Kind = MentionKind.Relative, Start = i, End = i + r + n, Amount = amount };
    }

    private Mention? MatchDurationFor(Token[] t, int i)
    {
        var f = lex.ForMarkers.Match(t, i);
        if (f == 0)
        {
            return null;
        }

        var n = MatchAmount(t, i + f, out var amount);
        return n == 0 || !amount.IsClock ? null : new Mention { Kind = MentionKind.Duration, Start = i, End = i + f + n, Amount = amount };
    }

    private Mention? MatchBareDuration(Token[] t, int i)
    {
        var n = MatchAmount(t, i, out var amount);
        return n == 0 || !amount.IsClock || amount.Minutes == 0 ? null : new Mention { Kind = MentionKind.Duration, Start = i, End = i + n, Amount = amount };
    }

    /// <summary>"20 minutes", "an hour and a half", "half an hour", "2h", "1h30", "une heure et demie".</summary>
    public int MatchAmount(Token[] t, int i, out Amount amount)
    {
        amount = default;
        if (i >= t.Length)
        {
            return 0;
        }

        int n;
        if ((n = lex.FixedDurations.Match(t, i, out var fixedMinutes)) > 0)
        {
            amount = new Amount(fixedMinutes, 0, 0);
            return n;
        }

        double quantity;
        var k = i;
        if (t[k].IsNumber && double.TryParse(t[k].Norm.Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out quantity) && quantity is > 0 and < 10000)
        {
            k++;
        }
        else if ((n = lex.NumberWords.Match(t, k, out var word)) > 0)
        {
            quantity = word;
            k += n;
        }
        else
        {
            return 0;
        }

        k += lex.DurationFillers.Match(t, k);
        var u = lex.Units.Match(t, k, out var unit);
        if (u == 0)
        {
            return 0;
        }

        // "m" and "h" only count glued to their number ("20m", "2h"), never as a separate word
        if (t[k].Norm.Length == 1 && !t[k].Glued)
        {
            return 0;
        }

        k += u;
        double minutes = 0, days = 0, months = 0;
        var half = lex.HalfSuffix.Match(t, k);
        if (half > 0)
        {
            quantity += 0.5;
            k += half;
        }

        switch (unit)
        {
            case TimeUnit.Minute:
                minutes = quantity;
                break;
            case TimeUnit.Hour:
                minutes = quantity * 60;
                break;
            case TimeUnit.Day:
                days = quantity;
                break;
            case TimeUnit.Week:
                days = quantity * 7;
                break;
            case TimeUnit.Month:
                months = quantity;
                break;
            default:
                months = quantity * 12;
                break;
        }

        // "1h30", "2 hours and 15 minutes"
        if (unit == TimeUnit.Hour && half == 0 && k < t.Length)
        {
            if (t[k].IsIntegerNumber && t[k].Glued && t[k].IntegerValue < 60 && t[k - 1].Glued)
            {
                minutes += t[k].IntegerValue;
                k++;
                k += t.Length > k && t[k].Glued ? lex.Units.Match(t, k) : 0;
            }
            else if (lex.And.Match(t, k) is var a and > 0 && t.Length > k + a && t[k + a].IsIntegerNumber
                && lex.Units.Match(t, k + a + 1, out var minuteUnit) is var mu and > 0 && minuteUnit == TimeUnit.Minute)
            {
                minutes += t[k + a].IntegerValue;
                k += a + 1 + mu;
            }
        }

        amount = new Amount((int)Math.Round(minutes), (int)Math.Round(days), (int)Math.Round(months));
        return k - i;
    }

    // ------------------------------------------------------------------ ranges and clock times

    private Mention? MatchRange(Token[] t, int i)
    {
        // "from 2 to 4pm", "de 17h à 18h", or "10-11am" with a dash and no opening word
        var s = lex.RangeStarts.Match(t, i);
        var dashed = s == 0 && i + 2 < t.Length && t[i].IsNumber && t[i + 1].Is("-");
        if (s == 0 && !dashed)
        {
            return null;
        }

        var a = MatchClock(t, i + s, allowBare: true, out var startTime, out _);
        if (a == 0)
        {
            return null;
        }

        var e = dashed ? (t[i + s + a].Is("-") ? 1 : 0) : Math.Max(lex.RangeEnds.Match(t, i + s + a), t.Length > i + s + a && t[i + s + a].Is("-") ? 1 : 0);
        if (e == 0)
        {
            return null;
        }

        var b = MatchClock(t, i + s + a + e, allowBare: true, out var endTime, out var endBare);
        if (b == 0 || (dashed && endBare && !endTime.Known))
        {
            return null;
        }

        if (!startTime.Known && endTime.Known && endTime.Hour >= 12 && startTime.Hour < 12 && startTime.Hour + 12 <= endTime.Hour)
        {
            startTime = new ClockTime(startTime.Hour + 12, startTime.Minute, true);
        }
        else if (!endTime.Known && endTime.Hour < 12 && startTime.Hour >= 12)
        {
            endTime = new ClockTime(endTime.Hour + 12, endTime.Minute, true);
        }

        var minutes = ((endTime.Hour * 60) + endTime.Minute) - ((startTime.Hour * 60) + startTime.Minute);
        if (minutes <= 0)
        {
            minutes += 24 * 60;
        }

        return new Mention
        {
            Kind = MentionKind.Range,
            Start = i,
            End = i + s + a + e + b,
            Time = startTime with { Known = startTime.Known || endTime.Known },
            Amount = new Amount(minutes, 0, 0),
        };
    }

    private Mention? MatchTime(Token[] t, int i, bool clockPreposition)
    {
        var n = MatchClock(t, i, clockPreposition, out var time, out _);
        var soft = false;
        if (n > 0 && time.Known && OpenOnTwentyFourHours(t, i, n, out soft))
        {
            time = time with { Known = false };
        }
        else if (n > 0 && soft)
        {
            time = time with { Soft = true };
        }

        return n == 0 ? null : new Mention { Kind = MentionKind.Time, Start = i, End = i + n, Time = time };
    }

    /// <summary>
    /// On a 24-hour clock, "à 5 heures" (said aloud) and a short early "3h" leave the morning or the evening open, as
    /// "at 5" does; "17h", "9h30", "à 5h du matin" do not.
    /// </summary>
    private bool OpenOnTwentyFourHours(Token[] t, int i, int n, out bool soft)
    {
        soft = false;
        if (lex.TwelveHourClock || n == 0 || !t[i].IsIntegerNumber || t[i].IntegerValue is < 1 or > 11)
        {
            return false;
        }

        for (var k = i; k < i + n; k++)
        {
            if (lex.Meridiems.Match(t, k) > 0)
            {
                return false;
            }
        }

        soft = true;

        var minutes = n > 2 && (t[i + 2].IsIntegerNumber || lex.ClockSuffixes.Match(t, i + 2) > 0);
        if (minutes)
        {
            return false;
        }

        return lex.SpokenHourMarkers.Match(t, i + 1) > 0 || t[i].IntegerValue < lex.AssumedHoursFrom;
    }

    /// <summary>"3pm", "2 pm", "7:30am", "15h30", "8h", "noon", "9 in the morning", and "7" when <paramref name="allowBare"/>.</summary>
    private int MatchClock(Token[] t, int i, bool allowBare, out ClockTime time, out bool bare)
    {
        time = default;
        bare = false;
        if (i >= t.Length)
        {
            return 0;
        }

        int n;
        if ((n = lex.NamedTimes.Match(t, i, out var named)) > 0)
        {
            var after = i + n;
            var suffix = lex.ClockSuffixes.Match(t, after, out var shift);
            time = Shifted(named.Hour, named.Minute, suffix > 0 ? shift : 0, true);
            return n + suffix;
        }

        // "half past 7", "quarter to 5", "a quarter past noon"
        if ((n = lex.ClockFractions.Match(t, i, out var fraction)) > 0)
        {
            var k0 = i + n;
            int baseHour;
            var baseKnown = !lex.TwelveHourClock;
            if (k0 < t.Length && t[k0].IntegerValue is >= 1 and <= 12 && t[k0].IsIntegerNumber)
            {
                baseHour = t[k0].IntegerValue;
                k0++;
            }
            else if (lex.NamedTimes.Match(t, k0, out var namedBase) is var nb and > 0)
            {
                baseHour = namedBase.Hour == 0 ? 24 : namedBase.Hour;
                baseKnown = true;
                k0 += nb;
            }
            else
            {
                return 0;
            }

            time = Shifted(baseHour, 0, fraction, baseKnown);
            if (!baseKnown && lex.Meridiems.Match(t, k0, out var fractionMeridiem) is var fm and > 0)
            {
                time = Shifted(baseHour % 12 + (fractionMeridiem == Meridiem.Pm ? 12 : 0), 0, fraction, true);
                k0 += fm;
            }

            return k0 - i;
        }

        if (!t[i].IsNumber)
        {
            return 0;
        }

        var k = i + 1;
        int hour, minute = 0;
        var known = !lex.TwelveHourClock;
        var decimalTime = t[i].Norm.Length is 4 or 5 && (t[i].Norm.IndexOf('.') is 1 or 2) && t[i].Norm.Length - t[i].Norm.IndexOf('.') == 3;
        if (decimalTime)
        {
            var dot = t[i].Norm.IndexOf('.');
            hour = int.Parse(t[i].Norm.AsSpan(0, dot), System.Globalization.CultureInfo.InvariantCulture);
            minute = int.Parse(t[i].Norm.AsSpan(dot + 1), System.Globalization.CultureInfo.InvariantCulture);
            if (lex.Meridiems.Match(t, k) == 0 || hour > 12 || minute > 59)
            {
                return 0;
            }
        }
        else
        {
            if (!t[i].IsIntegerNumber || t[i].Norm.Length > 2)
            {
                return 0;
            }

            hour = t[i].IntegerValue;
            if (hour > 24)
            {
                return 0;
            }

            var withMinutes = false;
            if (k + 1 < t.Length && t[k].Is(":") && t[k].Glued && t[k + 1].IsIntegerNumber && t[k + 1].Glued && t[k + 1].Norm.Length == 2 && t[k + 1].IntegerValue < 60)
            {
                minute = t[k + 1].IntegerValue;
                k += 2;
                withMinutes = true;
                known = !lex.TwelveHourClock || hour == 0 || hour > 12;
            }
            else if (lex.HourMarkers.Match(t, k) is var h and > 0)
            {
                k += h;
                if (k < t.Length && t[k].IsIntegerNumber && t[k].Norm.Length == 2 && t[k].IntegerValue < 60)
                {
                    minute = t[k].IntegerValue;
                    k++;
                }
                else if (lex.ClockSuffixes.Match(t, k, out var shift) is var sh and > 0)
                {
                    var shifted = Shifted(hour, 0, shift, true);
                    (hour, minute) = (shifted.Hour, shifted.Minute);
                    k += sh;
                }

                withMinutes = true;
                known = !lex.TwelveHourClock || hour == 0 || hour > 12;
            }

            if (!withMinutes && lex.Meridiems.Match(t, k) == 0)
            {
                if (!allowBare || (k < t.Length && lex.Units.Match(t, k) > 0))
                {
                    return 0;
                }

                bare = true;
                known = hour == 0 || hour > 12;
            }
        }

        if (k < t.Length && lex.Meridiems.Match(t, k, out var meridiem) is var m and > 0 && hour <= 12)
        {
            var clock = new ClockTime(hour, minute, false).WithMeridiem(meridiem);
            time = clock;
            bare = false;
            return k + m - i;
        }

        time = new ClockTime(hour == 24 ? 0 : hour, minute, known);
        return k - i;
    }

    private static ClockTime Shifted(int hour, int minute, int shift, bool known)
    {
        var total = (((hour * 60) + minute + shift) % (24 * 60) + (24 * 60)) % (24 * 60);
        return new ClockTime(total / 60, total % 60, known);
    }

    private Mention? MatchDayPart(Token[] t, int i)
    {
        var n = lex.DayParts.Match(t, i, out var part);

        // "Friday Night Lights": a capitalised part of the day inside a capitalised name is part of a title
        if (n > 0 && i > 0 && char.IsUpper(t[i].Text[0]) && t[i - 1].IsWord && char.IsUpper(t[i - 1].Text[0]))
        {
            return null;
        }

        return n == 0 ? null : new Mention { Kind = MentionKind.DayPart, Start = i, End = i + n, Part = part };
    }

    // ------------------------------------------------------------------ dates

    private Mention? MatchDate(Token[] t, int i, bool afterPreposition)
    {
        int n;
        if ((n = lex.SpecialDates.Match(t, i, out var special)) > 0)
        {
            return Date(i, i + n, new DateSpec(DateKind.Special, Special: special));
        }

        if ((n = lex.DayWords.Match(t, i, out var dayWord)) > 0)
        {
            return new Mention { Kind = MentionKind.Date, Start = i, End = i + n, Date = new DateSpec(DateKind.DayOffset, Offset: dayWord.Offset), Part = dayWord.Part };
        }

        // "this friday", "next tuesday", "friday", "vendredi prochain"
        var k = i;
        var isThis = false;
        if (lex.Next.Match(t, k) is var nx and > 0 && lex.Weekdays.Match(t, k + nx) > 0)
        {
            k += nx;
        }
        else if (lex.This.Match(t, k) is var th and > 0 && lex.Weekdays.Match(t, k + th) > 0)
        {
            k += th;
            isThis = true;
        }

        var w = lex.Weekdays.Match(t, k, out var weekday);
        if (w == 0 && (afterPreposition || k > i || NextIsTime(t, k + 1)))
        {
            w = lex.WeekdayAbbreviations.Match(t, k, out weekday);
        }

        // "watch Friday Night Lights": a capitalised weekday inside a capitalised name is part of a title
        if (w > 0 && k == i && !afterPreposition && i > 0 && char.IsUpper(t[i].Text[0]) && k + w < t.Length
            && t[k + w].IsWord && char.IsUpper(t[k + w].Text[0]))
        {
            return null;
        }

        if (w > 0)
        {
            var end = k + w;
            end += lex.Next.Match(t, end);

            // "friday the 13th", "vendredi 13": the calendar date is what counts
            if (MatchCalendar(t, end, afterPreposition: true) is { } calendar)
            {
                calendar.Start = i;
                return calendar;
            }

            return Date(i, end, new DateSpec(DateKind.Weekday, Weekday: weekday, This: isThis));
        }

        return MatchCalendar(t, i, afterPreposition);
    }

    private Mention? MatchCalendar(Token[] t, int i, bool afterPreposition)
    {
        if (i >= t.Length)
        {
            return null;
        }

        // "March 14", "jan 5th, 2027"
        if (lex.Months.Match(t, i, out var month) is var m and > 0)
        {
            var d = MatchDayNumber(t, i + m, out var day);
            if (d > 0 && day <= 31)
            {
                var end = i + m + d;
                var year = MatchYear(t, ref end);
                return Date(i, end, new DateSpec(DateKind.MonthDay, Month: month, Day: day, Year: year));
            }

            return null;
        }

        // "14 March", "the 14th of March", "le 3 avril", "1er mai"
        var a = lex.DayOfMonthArticles.Match(t, i);
        var dn = MatchDayNumber(t, i + a, out var dayNumber);
        if (dn > 0)
        {
            var k = i + a + dn;
            var of = lex.Of.Match(t, k);
            if (lex.Months.Match(t, k + of, out var monthAfter) is var ma and > 0)
            {
                var end = k + of + ma;
                var year = MatchYear(t, ref end);

                // "The 4th of July script" is a title; "the 4th of July at noon" and "on the 4th of July" are dates
                if (a > 0 && !afterPreposition && !Boundary(t, end) && lex.ArticleDateMayBeTitle)
                {
                    return null;
                }

                return Date(i, end, new DateSpec(DateKind.MonthDay, Month: monthAfter, Day: dayNumber, Year: year));
            }

            // "the 28th", "le 15": only where it cannot be a count or a title ("read The 5th Wave")
            var ordinal = dn > 1 || !t[i + a].IsNumber || lex.ArticleAndBareNumberIsDayOfMonth;
            if (a > 0 && ordinal && (afterPreposition || Boundary(t, k)))
            {
                return Date(i, k, new DateSpec(DateKind.DayOfMonth, Day: dayNumber));
            }
        }

        // "12/18", "25/12/2027"
        if (t[i].IsIntegerNumber && i + 2 < t.Length && t[i + 1].Is("/") && t[i + 1].Glued && t[i + 2].IsIntegerNumber && t[i + 2].Glued)
        {
            var first = t[i].IntegerValue;
            var second = t[i + 2].IntegerValue;
            var (monthNumber, dayValue) = lex.DayFirstNumericDates ? (second, first) : (first, second);
            if (monthNumber is >= 1 and <= 12 && dayValue is >= 1 and <= 31)
            {
                var end = i + 3;
                var year = 0;
                if (end + 1 < t.Length && t[end].Is("/") && t[end].Glued && t[end + 1].IsIntegerNumber && t[end + 1].Glued)
                {
                    year = t[end + 1].IntegerValue;
                    year = year < 100 ? 2000 + year : year;
                    end += 2;
                }

                return Date(i, end, new DateSpec(DateKind.MonthDay, Month: monthNumber, Day: dayValue, Year: year));
            }
        }

        return null;
    }

    private static int MatchYear(Token[] t, ref int end)
    {
        var k = end;
        if (k < t.Length && t[k].Is(","))
        {
            k++;
        }

        if (k < t.Length && t[k].IsIntegerNumber && t[k].Norm.Length == 4 && t[k].IntegerValue is >= 2000 and < 2200)
        {
            end = k + 1;
            return t[k].IntegerValue;
        }

        return 0;
    }

    /// <summary>"14", "14th", "1er", "first", "the first"; the day and the token count.</summary>
    private int MatchDayNumber(Token[] t, int i, out int day)
    {
        day = 0;
        var a = lex.DayOfMonthArticles.Match(t, i);

        var k = i + a;
        if (k >= t.Length)
        {
            return 0;
        }

        if (t[k].IsIntegerNumber && t[k].Norm.Length <= 2 && t[k].IntegerValue is >= 1 and <= 31)
        {
            day = t[k].IntegerValue;
            var suffix = k + 1 < t.Length && t[k + 1].Glued ? lex.OrdinalSuffixes.Match(t, k + 1) : 0;
            return a + 1 + suffix;
        }

        var o = lex.Ordinals.Match(t, k, out var ordinal);
        if (o > 0)
        {
            day = ordinal;
            return a + o;
        }

        return 0;
    }

    private int MatchWeekday(Token[] t, int i, out IsoDayOfWeek day)
    {
        var n = lex.Weekdays.Match(t, i, out day);
        return n > 0 ? n : lex.WeekdayAbbreviations.Match(t, i, out day);
    }

    private bool NextIsTime(Token[] t, int i) => i < t.Length && (t[i].IsNumber || lex.ClockPrepositions.Match(t, i) > 0 || lex.DayParts.Match(t, i) > 0);

    private bool Boundary(Token[] t, int i) =>
        i >= t.Length || t[i].IsPunctuation || lex.TimePrepositions.Match(t, i) > 0 || lex.MonthlyMarkers.Match(t, i) > 0 || lex.DayParts.Match(t, i) > 0 || t[i].IsNumber;

    private static Mention Date(int start, int end, DateSpec spec) => new() { Kind = MentionKind.Date, Start = start, End = end, Date = spec };
}
