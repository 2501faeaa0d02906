using System.Net;
using System.Text.Json;
using Ical.Net;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Resources.EventRequests;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Resources;

/// <summary>Skipping one occurrence of a repeating event: the range, the feed (EXDATE) and .ics import all agree.</summary>
[Trait("Category", "Integration")]
public sealed class EventOccurrenceTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task DeletingOneOccurrence_RemovesOnlyIt_OnBothSidesOfAClockChange()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var standup = await CreateAsync(client, new { title = "standup", start = "2027-03-12T09:30:00", durationMinutes = 15, rrule = "FREQ=DAILY", timeZone = "America/Toronto" });
        var id = standup.GetProperty("id").GetGuid();

        // as listed (with the offset in force then), or the same instant in UTC; Toronto changes clocks on 14 March
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteOccurrenceAsync(client, id, "2027-03-13T09:30:00-05:00")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteOccurrenceAsync(client, id, "2027-03-15T09:30:00-04:00")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteOccurrenceAsync(client, id, "2027-03-16T13:30:00Z")).StatusCode);

        var week = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-03-12T00:00:00Z&to=2027-03-18T00:00:00Z");
        Assert.Equal(
            ["2027-03-12T09:30:00-05:00", "2027-03-14T09:30:00-04:00", "2027-03-17T09:30:00-04:00"],
            week.EnumerateArray().Select(o => o.GetProperty("start").GetString()));
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");
        Assert.Equal(
            ["2027-03-13T09:30:00-05:00", "2027-03-15T09:30:00-04:00", "2027-03-16T09:30:00-04:00"],
            read.GetProperty("skippedStarts").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("2027-03-12T09:30:00-05:00", read.GetProperty("start").GetString());
    }

    [Fact]
    public async Task AnOccurrence_ThatIsMalformed_Is400_AndOneThatIsNotInTheSeries_Is404_AndNothingIsWritten()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var series = await CreateAsync(client, new { title = "walk", start = "2027-05-03T18:00:00", rrule = "FREQ=WEEKLY", timeZone = "America/Toronto" });
        var once = await CreateAsync(client, new { title = "dentist", start = "2027-05-04T10:00:00", timeZone = "America/Toronto" });
        var id = series.GetProperty("id").GetGuid();
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");

        await AssertFieldErrorAsync(await DeleteOccurrenceAsync(client, id, "next monday"), "start");
        await AssertFieldErrorAsync(await DeleteOccurrenceAsync(client, id, "2027-05-10T18:00:00"), "start"); // no offset: ambiguous
        await AssertFieldErrorAsync(await DeleteOccurrenceAsync(client, id, "2027-05-10T18:00:00+25:00"), "start");
        await (await DeleteOccurrenceAsync(client, id, "2027-05-10T19:00:00-04:00")).AssertProblemAsync(HttpStatusCode.NotFound); // wrong time
        await (await DeleteOccurrenceAsync(client, id, "2027-05-11T18:00:00-04:00")).AssertProblemAsync(HttpStatusCode.NotFound); // wrong day
        await (await DeleteOccurrenceAsync(client, id, "2027-04-26T18:00:00-04:00")).AssertProblemAsync(HttpStatusCode.NotFound); // before the series
        await (await DeleteOccurrenceAsync(client, once.GetProperty("id").GetGuid(), "2027-05-04T10:00:00-04:00")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await DeleteOccurrenceAsync(client, Guid.NewGuid(), "2027-05-10T18:00:00-04:00")).AssertProblemAsync(HttpStatusCode.NotFound);

        var untouched = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");
        Assert.Equal(0, untouched.GetProperty("skippedStarts").GetArrayLength());
        Assert.Equal(before.GetProperty("updatedAt").GetDateTimeOffset(), untouched.GetProperty("updatedAt").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteOccurrenceAsync(client, id, "2027-05-10T18:00:00-04:00")).StatusCode);
        await (await DeleteOccurrenceAsync(client, id, "2027-05-10T18:00:00-04:00")).AssertProblemAsync(HttpStatusCode.NotFound); // already skipped
        var may = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-05-01T00:00:00Z&to=2027-05-20T00:00:00Z");
        Assert.Equal(["2027-05-03T18:00:00-04:00", "2027-05-04T10:00:00-04:00", "2027-05-17T18:00:00-04:00"], may.EnumerateArray().Select(o => o.GetProperty("start").GetString()));
    }

    [Fact]
    public async Task AnotherPersonsOccurrence_Is404_AndTheirSeriesKeepsIt()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var client = owner.Client(app);
        using var otherClient = other.Client(app);
        var series = await CreateAsync(client, new { title = "therapy", start = "2027-06-01T16:00:00", rrule = "FREQ=WEEKLY", timeZone = "America/Toronto" });
        var id = series.GetProperty("id").GetGuid();

        await (await DeleteOccurrenceAsync(otherClient, id, "2027-06-08T16:00:00-04:00")).AssertProblemAsync(HttpStatusCode.NotFound);

        var june = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-06-01T00:00:00Z&to=2027-06-16T00:00:00Z");
        Assert.Equal(["2027-06-01T16:00:00-04:00", "2027-06-08T16:00:00-04:00", "2027-06-15T16:00:00-04:00"], june.EnumerateArray().Select(o => o.GetProperty("start").GetString()));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}")).GetProperty("skippedStarts").GetArrayLength());
    }

    [Fact]
    public async Task TheFeed_CarriesTheSkippedOccurrenceAsAnExdate_AndImportingItKeepsTheException()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var importer = await Accounts.RegisterAndLoginAsync(app);
        using var client = owner.Client(app);
        using var importerClient = importer.Client(app);
        var piano = await CreateAsync(client, new { title = "Piano lesson", start = "2027-03-10T17:00:00", rrule = "FREQ=WEEKLY;COUNT=4", timeZone = "Europe/Paris" });
        var id = piano.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteOccurrenceAsync(client, id, "2027-03-17T17:00:00+01:00")).StatusCode);
        using var rotated = await client.PostAsync("/api/v1/events/feed/rotate", null);
        var url = new Uri((await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        using var anonymous = app.CreateClient();

        var feedText = await anonymous.GetStringAsync(url.PathAndQuery);

        Assert.Contains("EXDATE;TZID=Europe/Paris:20270317T170000", feedText, StringComparison.Ordinal);
        var lesson = Calendar.Load(feedText)!.Events.Single(e => e.Summary == "Piano lesson");
        var skipped = Assert.Single(lesson.ExceptionDates.GetAllDates());
        Assert.Equal((new DateTime(2027, 3, 17, 17, 0, 0), "Europe/Paris"), (skipped.Value, skipped.TzId));
        var expanded = lesson.GetOccurrences().Select(o => o.Period.StartTime.Value.Day).ToList();
        Assert.Equal([10, 24, 31], expanded); // Ical.Net's own expansion leaves the 17th out as well

        Assert.Equal(1, (await ImportAsync(importerClient, feedText)).GetProperty("imported").GetInt32());
        var march = await importerClient.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-03-01T00:00:00Z&to=2027-04-30T00:00:00Z");
        Assert.Equal(
            ["2027-03-10T17:00:00+01:00", "2027-03-24T17:00:00+01:00", "2027-03-31T17:00:00+02:00"],
            march.EnumerateArray().Select(o => o.GetProperty("start").GetString()));
    }

    [Fact]
    public async Task AnImportedExdate_InUtcOrAsADate_SkipsThatOccurrence()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
            + "BEGIN:VEVENT\r\nUID:choir-1@test\r\nSUMMARY:Choir\r\nDTSTART;TZID=Europe/Paris:20270310T190000\r\nDURATION:PT2H\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\n"
            + "EXDATE:20270317T180000Z\r\nEXDATE;VALUE=DATE:20270331\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n";

        Assert.Equal(1, (await ImportAsync(client, ics)).GetProperty("imported").GetInt32());

        var march = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-03-01T00:00:00Z&to=2027-04-30T00:00:00Z");
        Assert.Equal(
            ["2027-03-10T19:00:00+01:00", "2027-03-24T19:00:00+01:00", "2027-04-07T19:00:00+02:00"],
            march.EnumerateArray().Select(o => o.GetProperty("start").GetString()));
    }

    private static Task<HttpResponseMessage> DeleteOccurrenceAsync(HttpClient client, Guid id, string start) =>
        client.DeleteAsync($"/api/v1/events/{id}/occurrences/{Uri.EscapeDataString(start)}");
}
