using NodaTime;
using NodaTime.Text;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Tests.Features.Reminders;

/// <summary>Occurrences of repeating reminders across clock changes, in several zones and both hemispheres.</summary>
public sealed class RecurrenceTests
{
    [Theory]
    // New York springs forward on 8 March 2026 (02:00 → 03:00): 02:30 does not exist that day and fires at 03:00
    [InlineData("America/New_York", "2026-03-06T02:30:00", "FREQ=DAILY", "2026-03-06T00:00:00Z",
        "2026-03-06T02:30:00-05:00 2026-03-07T02:30:00-05:00 2026-03-08T03:00:00-04:00 2026-03-09T02:30:00-04:00")]
    // New York falls back on 1 November 2026 (02:00 → 01:00): 01:30 happens twice and fires once, the first time
    [InlineData("America/New_York", "2026-10-30T01:30:00", "FREQ=DAILY", "2026-10-30T00:00:00Z",
        "2026-10-30T01:30:00-04:00 2026-10-31T01:30:00-04:00 2026-11-01T01:30:00-04:00 2026-11-02T01:30:00-05:00")]
    // "every weekday at 8am" stays at 8am local across London's change on 29 March 2026
    [InlineData("Europe/London", "2026-03-26T08:00:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0", "2026-03-26T00:00:00Z",
        "2026-03-26T08:00:00+00:00 2026-03-27T08:00:00+00:00 2026-03-30T08:00:00+01:00 2026-03-31T08:00:00+01:00")]
    // Sydney leaves summer time on 5 April 2026 and starts it on 4 October 2026
    [InlineData("Australia/Sydney", "2026-04-04T09:00:00", "FREQ=DAILY", "2026-04-03T00:00:00Z",
        "2026-04-04T09:00:00+11:00 2026-04-05T09:00:00+10:00 2026-04-06T09:00:00+10:00 2026-04-07T09:00:00+10:00")]
    [InlineData("Australia/Sydney", "2026-10-03T02:30:00", "FREQ=DAILY", "2026-10-02T00:00:00Z",
        "2026-10-03T02:30:00+10:00 2026-10-04T03:00:00+11:00 2026-10-05T02:30:00+11:00 2026-10-06T02:30:00+11:00")]
    // monthly on the 31st skips the short months; Paris changes clocks on 25 October 2026
    [InlineData("Europe/Paris", "2026-08-31T09:00:00", "FREQ=MONTHLY;BYMONTHDAY=31", "2026-08-01T00:00:00Z",
        "2026-08-31T09:00:00+02:00 2026-10-31T09:00:00+01:00 2026-12-31T09:00:00+01:00 2027-01-31T09:00:00+01:00")]
    public void Occurrences_KeepTheLocalTime_AcrossClockChanges(string zoneId, string anchor, string rule, string after, string expected)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];

        var occurrences = Recurrences.Upcoming(rule, LocalDateTimePattern.ExtendedIso.Parse(anchor).Value, zone,
            InstantPattern.ExtendedIso.Parse(after).Value, 4);

        Assert.Equal(expected.Split(' '), occurrences.Select(o => PersonalAssistant.Language.Moment.At(o).ToString()));
    }

    [Fact]
    public void AOneOffReminder_HasOneOccurrence_OnlyWhileItIsInTheFuture()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var anchor = new LocalDateTime(2026, 5, 4, 15, 0);

        Assert.Single(Recurrences.Upcoming(null, anchor, zone, Instant.FromUtc(2026, 5, 4, 12, 0), 5));
        Assert.Empty(Recurrences.Upcoming(null, anchor, zone, Instant.FromUtc(2026, 5, 4, 14, 0), 5));
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=MO", true)]
    [InlineData("RRULE:FREQ=DAILY;INTERVAL=2", true)]
    [InlineData("FREQ=HOURLY", false)]
    [InlineData("FREQ=SECONDLY", false)]
    [InlineData("every day", false)]
    [InlineData("FREQ=WEEKLY;BYDAY=XX", false)]
    public void Rules_AreCheckedBeforeTheyAreStored(string rule, bool valid)
    {
        Assert.Equal(valid, Recurrences.Validate(rule, new LocalDateTime(2027, 1, 10, 10, 0), Locales.English) is null);
    }

    [Theory]
    [InlineData("FREQ=DAILY;UNTIL=99991231T000000Z", "UNTIL")]
    [InlineData("FREQ=YEARLY;INTERVAL=2147483647", "INTERVAL")]
    [InlineData("FREQ=YEARLY;BYYEARDAY=366;BYMONTHDAY=31;BYMONTH=2", "rule")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2;COUNT=10", "rule")]
    [InlineData("FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0,30", "BYSECOND")]
    [InlineData("FREQ=DAILY;BYHOUR=6,7,8,9,10,11,12,13;BYMINUTE=0,30", "14 times a day")]
    public void Validate_RefusesRulesThatCannotBeExpandedOrFireTooOften_SayingWhy(string rule, string named)
    {
        var error = Recurrences.Validate(rule, new LocalDateTime(2027, 1, 10, 10, 0), Locales.English);

        Assert.NotNull(error);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")]
    [InlineData("FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0,30")]
    [InlineData("FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0")]
    [InlineData("FREQ=WEEKLY;INTERVAL=366;UNTIL=22001231T000000Z")]
    public void Validate_AcceptsRareButRealRules(string rule)
    {
        Assert.Null(Recurrences.Validate(rule, new LocalDateTime(2027, 1, 10, 10, 0), Locales.English));
    }

    [Fact]
    public void AStoredRuleThatCannotBeExpanded_GivesItsFirstStartOnly_AndSaysSo()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/Toronto"];
        var anchor = new LocalDateTime(2027, 1, 10, 10, 0);

        var expansion = Recurrences.Expand("FREQ=DAILY;UNTIL=99991231T000000Z", anchor, zone, Instant.FromUtc(2027, 1, 1, 0, 0), 5);

        Assert.True(expansion.RuleBroken);
        Assert.Equal([Instant.FromUtc(2027, 1, 10, 15, 0)], expansion.Occurrences.Select(o => o.ToInstant()));
        Assert.False(Recurrences.Expands("FREQ=YEARLY;INTERVAL=2147483647", anchor));
    }
}
