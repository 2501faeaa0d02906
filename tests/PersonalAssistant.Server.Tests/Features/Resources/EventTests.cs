using System.Net;
using System.Text;
using System.Text.Json;
using Ical.Net;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Resources.EventRequests;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Resources;

/// <summary>Events over real HTTP: ranges with repeating events expanded across DST, .ics import and the private feed.</summary>
[Trait("Category", "Integration")]
public sealed class EventTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task ARange_ExpandsRepeatingEvents_AtTheSameLocalTime_AcrossAClockChange()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var standup = await CreateAsync(client, new { title = "team standup", start = "2027-03-12T09:30:00", durationMinutes = 15, rrule = "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR" });
        await CreateAsync(client, new { title = "dentist", start = "2027-03-16T14:30:00-04:00", durationMinutes = 60 });
        Assert.Equal("2027-03-12T09:30:00-05:00", standup.GetProperty("start").GetString());

        var week = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-03-12T00:00:00Z&to=2027-03-17T00:00:00Z");

        var starts = week.EnumerateArray().Select(o => (o.GetProperty("title").GetString(), o.GetProperty("start").GetString())).ToList();
        Assert.Equal(
            [
                ("team standup", "2027-03-12T09:30:00-05:00"),
                ("team standup", "2027-03-15T09:30:00-04:00"), // Toronto changed clocks on 14 March; still 9:30 local
                ("team standup", "2027-03-16T09:30:00-04:00"),
                ("dentist", "2027-03-16T14:30:00-04:00"),
            ],
            starts);
        Assert.Equal("2027-03-15T09:45:00-04:00", week[1].GetProperty("end").GetString());

        var words = await CreateAsync(client, new { title = "yoga", start = "saturday at 10am for 90 minutes" });
        Assert.Contains("T10:00:00-0", words.GetProperty("start").GetString(), StringComparison.Ordinal);
        Assert.Contains("T11:30:00-0", words.GetProperty("end").GetString(), StringComparison.Ordinal);
        await AssertFieldErrorAsync(await client.GetAsync("/api/v1/events?from=2027-01-01T00:00:00Z&to=2029-01-01T00:00:00Z"), "to");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/events", new { title = "x", start = "someday maybe" }), "start");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/events", new { title = "x", start = "2027-01-01T10:00:00", rrule = "FREQ=MINUTELY" }), "rrule");
    }

    [Fact]
    public async Task AnIcsFile_Imports_Once_AndTheFeedRoundTripsThroughIcalNet_ForItsOwnerOnly()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var client = owner.Client(app);
        using var otherClient = other.Client(app);
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
            + "BEGIN:VEVENT\r\nUID:piano-1@test\r\nSUMMARY:Piano lesson\r\nDTSTART;TZID=Europe/Paris:20270310T170000\r\nDTEND;TZID=Europe/Paris:20270310T180000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nLOCATION:Conservatoire\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:call-1@test\r\nSUMMARY:Call with the bank\r\nDTSTART:20270402T140000Z\r\nDURATION:PT30M\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:broken@test\r\nDTSTART:20270402T140000Z\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n";

        var first = await ImportAsync(client, ics);
        var second = await ImportAsync(client, ics);
        Assert.Equal((2, 0, 1), (first.GetProperty("imported").GetInt32(), first.GetProperty("alreadyThere").GetInt32(), first.GetProperty("skipped").GetInt32()));
        Assert.Equal((0, 2), (second.GetProperty("imported").GetInt32(), second.GetProperty("alreadyThere").GetInt32()));
        var march = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-03-01T00:00:00Z&to=2027-04-30T00:00:00Z");
        Assert.Equal(5, march.GetArrayLength()); // four lessons and one call
        using var notIcs = new StringContent("hello", Encoding.UTF8, "text/calendar");
        await AssertFieldErrorAsync(await client.PostAsync("/api/v1/events/import", notIcs), "file");

        await (await client.PostAsJsonAsync("/api/v1/tasks", new { title = "renew passport", due = "2027-05-01" })).Content.ReadAsStringAsync();
        await (await otherClient.PostAsJsonAsync("/api/v1/events", new { title = "someone else's secret", start = "2027-03-11T10:00:00" })).Content.ReadAsStringAsync();
        using var rotated = await client.PostAsync("/api/v1/events/feed/rotate", null);
        var url = new Uri((await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        using var anonymous = app.CreateClient();

        var feedText = await anonymous.GetStringAsync(url.PathAndQuery);

        var calendar = Calendar.Load(feedText)!;
        var summaries = calendar.Events.Select(e => e.Summary).ToList();
        Assert.Contains("Piano lesson", summaries);
        Assert.Contains("Call with the bank", summaries);
        Assert.Contains("☐ renew passport", summaries);
        Assert.DoesNotContain("someone else's secret", summaries);
        var piano = calendar.Events.Single(e => e.Summary == "Piano lesson");
        Assert.Equal(("Europe/Paris", "FREQ=WEEKLY;COUNT=4"), (piano.DtStart!.TzId, piano.RecurrenceRule!.ToString()));

        // Importing our own feed adds only what is not there yet (the task), so a round trip loses and duplicates nothing.
        var roundTrip = await ImportAsync(client, feedText);
        Assert.Equal(2, roundTrip.GetProperty("alreadyThere").GetInt32());

        using var rotatedAgain = await client.PostAsync("/api/v1/events/feed/rotate", null);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/not-a-real-secret-at-all-000000.ics")).StatusCode);
    }

    [Fact]
    public async Task AnotherPersonsEvent_Is404_AndNeverInTheirRange()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var client = owner.Client(app);
        using var otherClient = other.Client(app);
        var item = await CreateAsync(client, new { title = "private", start = "2027-06-01T10:00:00", rrule = "FREQ=DAILY" });
        var id = item.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PatchAsJsonAsync($"/api/v1/events/{id}", new { title = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync($"/api/v1/events/{id}")).StatusCode);
        Assert.Equal(0, (await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-06-01T00:00:00Z&to=2027-06-10T00:00:00Z")).GetArrayLength());
        Assert.Equal(9, (await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-06-01T00:00:00Z&to=2027-06-10T00:00:00Z")).GetArrayLength());
    }
}
