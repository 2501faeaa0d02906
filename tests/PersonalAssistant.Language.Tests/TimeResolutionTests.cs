using static PersonalAssistant.Language.Tests.Parsing;

namespace PersonalAssistant.Language.Tests;

/// <summary>
/// Dates and times placed in the person's zone: daylight saving time both ways in both hemispheres, relative times
/// across a clock change, year and month rollover, and the contract's defaults. Fixed reference times throughout.
/// </summary>
public sealed class TimeResolutionTests
{
    [Theory]
    // spring forward (New York, 8 March 2026, 02:00 → 03:00): a skipped time becomes the first instant after the gap
    [InlineData("remind me at 2:30am to check the baby", "2026-03-07T22:00:00", "America/New_York", "2026-03-08T03:00:00-04:00")]
    [InlineData("remind me tomorrow at 9am to call", "2026-03-07T22:00:00", "America/New_York", "2026-03-08T09:00:00-04:00")]
    // fall back (New York, 1 November 2026, 02:00 → 01:00): a repeated time takes its first occurrence
    [InlineData("remind me at 1:30am to take the dog out", "2026-10-31T22:00:00", "America/New_York", "2026-11-01T01:30:00-04:00")]
    [InlineData("remind me tomorrow at 8am to feed the cat", "2026-10-31T22:15:00", "America/New_York", "2026-11-01T08:00:00-05:00")]
    // Europe: 29 March and 25 October 2026
    [InlineData("rappelle-moi à 2h30 de vérifier le four", "2026-03-28T23:00:00", "Europe/Paris", "2026-03-29T03:00:00+02:00", "fr")]
    [InlineData("rappelle-moi à 2h30 de vérifier le four", "2026-10-24T23:00:00", "Europe/Paris", "2026-10-25T02:30:00+02:00", "fr")]
    // southern hemisphere (Sydney): summer time ends 5 April 2026 03:00 → 02:00, starts 4 October 2026 02:00 → 03:00
    [InlineData("remind me at 2:30am to check the oven", "2026-04-04T22:00:00", "Australia/Sydney", "2026-04-05T02:30:00+11:00")]
    [InlineData("remind me tomorrow at 9am to call", "2026-04-04T20:00:00", "Australia/Sydney", "2026-04-05T09:00:00+10:00")]
    [InlineData("remind me at 2:15am to check the oven", "2026-10-03T22:00:00", "Australia/Sydney", "2026-10-04T03:00:00+11:00")]
    [InlineData("remind me tomorrow at noon to call", "2026-10-03T20:00:00", "Australia/Sydney", "2026-10-04T12:00:00+11:00")]
    public void ClockTimes_AreResolvedInTheZone_WithDaylightSavingTime(string text, string now, string zone, string expected, string language = "en")
    {
        Assert.Equal(expected, First(text, now, zone, language).When?.ToString());
    }

    [Theory]
    // relative times are real elapsed time: two hours across the spring-forward gap land three wall-clock hours later
    [InlineData("remind me in 2 hours to check the bread dough", "2026-03-08T01:15:00", "America/Toronto", "2026-03-08T04:15:00-04:00")]
    [InlineData("in two hours ping me to feed the baby", "2026-11-01T00:30:00", "America/New_York", "2026-11-01T01:30:00-05:00")]
    [InlineData("remind me in 90 minutes to stretch", "2026-04-05T01:45:00", "Australia/Sydney", "2026-04-05T02:15:00+10:00")]
    [InlineData("remind me in 45 minutes to text everyone happy new year", "2026-12-31T23:30:00", "Europe/London", "2027-01-01T00:15:00+00:00")]
    public void RelativeTimes_AddElapsedTime(string text, string now, string zone, string expected)
    {
        Assert.Equal(expected, First(text, now, zone).When?.ToString());
    }

    [Theory]
    [InlineData("remind me to call aunt Rosa tomorrow at noon", "2026-12-31T22:00:00", "2027-01-01T12:00:00-05:00")]
    [InlineData("add renew the gym membership by jan 5", "2026-12-30T16:00:00", "2027-01-05")]
    [InlineData("remind me to send cards on 12/20", "2026-12-21T09:00:00", "2027-12-20")]
    [InlineData("remind me to pay rent on the 1st", "2026-12-15T09:00:00", "2027-01-01")]
    [InlineData("remind me to celebrate on february 29", "2026-03-01T09:00:00", "2028-02-29")]
    [InlineData("remind me to book flights next week", "2026-12-31T09:00:00", "2027-01-04")]
    [InlineData("remind me to pay rent at the end of the month", "2026-02-10T09:00:00", "2026-02-28")]
    public void Dates_RollOverIntoTheNextMonthOrYear(string text, string now, string expected)
    {
        Assert.Equal(expected, First(text, now, "America/New_York").When?.ToString());
    }

    [Theory]
    [InlineData("remind me to water the plants at 7pm", "2026-06-12T20:10:00", "2026-06-13T19:00:00+01:00")] // past today: tomorrow
    [InlineData("remind me to call the vet on friday", "2026-09-11T08:00:00", "2026-09-18")] // said on a Friday: next week's
    [InlineData("remind me to take the trash out tonight", "2026-03-17T16:30:00", "2026-03-17T20:00:00+00:00")]
    [InlineData("remind me to stretch this evening", "2026-01-09T11:00:00", "2026-01-09T19:00:00+00:00")]
    [InlineData("remind me to call this afternoon", "2026-10-14T09:40:00", "2026-10-14T15:00:00+01:00")]
    [InlineData("remind me to order contacts in the morning", "2026-07-30T22:45:00", "2026-07-31T09:00:00+01:00")]
    [InlineData("remind me to lock the door at midnight", "2026-05-22T21:10:00", "2026-05-23T00:00:00+01:00")]
    [InlineData("remind me to submit my timesheet at the end of the day", "2026-02-26T13:00:00", "2026-02-26T17:00:00+00:00")]
    [InlineData("remind me to book flights this weekend", "2026-05-27T20:00:00", "2026-05-30")]
    [InlineData("remind me to put my retainer in tonight at 9:30", "2026-05-29T18:00:00", "2026-05-29T21:30:00+01:00")]
    public void Defaults_FollowTheContract(string text, string now, string expected)
    {
        Assert.Equal(expected, First(text, now, "Europe/London").When?.ToString());
    }

    [Theory]
    [InlineData("remind me every weekday at 8am to take my vitamins", "2026-03-12T21:00:00", "2026-03-13T08:00:00-04:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0")]
    [InlineData("remind me every monday and thursday at 7pm to take out the recycling", "2026-05-05T10:00:00", "2026-05-07T19:00:00-04:00", "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=0")]
    [InlineData("remind me to water the fern every 2 weeks on sunday at 10am", "2026-07-08T19:00:00", "2026-07-12T10:00:00-04:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;BYHOUR=10;BYMINUTE=0")]
    [InlineData("remind me to pay the card on the first of every month at 9am", "2026-01-20T08:00:00", "2026-02-01T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0")]
    [InlineData("every other day at 10am remind me to water the tomatoes", "2026-06-20T11:30:00", "2026-06-21T10:00:00-04:00", "FREQ=DAILY;INTERVAL=2;BYHOUR=10;BYMINUTE=0")]
    [InlineData("remind me on the 31st of every month to back up", "2026-04-02T08:00:00", "2026-05-31", "FREQ=MONTHLY;BYMONTHDAY=31")]
    [InlineData("remind me daily at 9pm to journal", "2026-03-07T21:30:00", "2026-03-08T21:00:00-04:00", "FREQ=DAILY;BYHOUR=21;BYMINUTE=0")]
    [InlineData("remind me to drink water every 2 hours", "2026-06-20T14:37:00", "2026-06-20T16:37:00-04:00", "FREQ=DAILY;BYHOUR=8,10,12,14,16,18,20;BYMINUTE=37")]
    [InlineData("remind me to stretch every 3 hours please", "2026-06-20T09:05:00", "2026-06-20T12:05:00-04:00", "FREQ=DAILY;BYHOUR=9,12,15,18,21;BYMINUTE=5")]
    [InlineData("remind me to drink water every 2 hours", "2026-06-20T21:10:00", "2026-06-21T09:10:00-04:00", "FREQ=DAILY;BYHOUR=9,11,13,15,17,19,21;BYMINUTE=10")]
    [InlineData("remind me every hour to stand up", "2026-06-20T10:00:00", "2026-06-20T11:00:00-04:00", "FREQ=DAILY;BYHOUR=8,9,10,11,12,13,14,15,16,17,18,19,20,21;BYMINUTE=0")]
    public void Recurrences_BecomeRRules_WithTheFirstOccurrence(string text, string now, string expectedWhen, string expectedRule)
    {
        var action = First(text, now, "America/Toronto");

        Assert.Equal(expectedRule, action.RRule);
        Assert.Equal(expectedWhen, action.When?.ToString());
    }
}
