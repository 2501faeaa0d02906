using System.Net;
using System.Text.Json;
using Ical.Net;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Resources.EventRequests;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Resources;

/// <summary>
/// Security issue 13: one repeat rule must never break a person's calendar. Rules whose expansion is unbounded or
/// impossible, or that fire more than a few times a day, are refused at write time by the same check for events,
/// reminders and imports; a rule stored before the check existed is shown once, flagged, never a 500.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RepeatRuleTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    private const string EveryMinute = "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
        + "BYMINUTE=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59";

    private const string EverySecond = "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29";

    public static TheoryData<string> PoisonedRules =>
    [
        "FREQ=DAILY;UNTIL=99991231T000000Z",
        "FREQ=YEARLY;INTERVAL=2147483647",
        "FREQ=YEARLY;BYYEARDAY=366;BYMONTHDAY=31;BYMONTH=2",
        "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2;COUNT=10",
        EveryMinute,
        EverySecond,
        "FREQ=DAILY;BYHOUR=6,7,8,9,10,11,12,13,14,15,16,17,18,19,20",
    ];

    [Theory]
    [MemberData(nameof(PoisonedRules))]
    public async Task EventCreate_WithAPoisonedRule_Is400NamingRrule_AndTheCalendarStillReads(string rule)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);

        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/events", new { title = "x", start = "2027-01-10T10:00:00", rrule = rule }), "rrule");

        using var list = await client.GetAsync("/api/v1/events?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(0, (await list.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(PoisonedRules))]
    public async Task EventUpdate_WithAPoisonedRule_Is400NamingRrule_AndKeepsTheOldRule(string rule)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);
        var item = await CreateAsync(client, new { title = "walk", start = "2027-01-10T10:00:00", rrule = "FREQ=WEEKLY" });
        var id = item.GetProperty("id").GetGuid();

        await AssertFieldErrorAsync(await client.PatchAsJsonAsync($"/api/v1/events/{id}", new { rrule = rule }), "rrule");

        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");
        Assert.Equal("FREQ=WEEKLY", stored.GetProperty("rrule").GetString());
        Assert.False(stored.GetProperty("repeatBroken").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(PoisonedRules))]
    public async Task ReminderCreate_WithAPoisonedRule_Is400NamingRrule(string rule)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);

        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/reminders", new { text = "x", when = "2027-01-10T10:00:00", rrule = rule }), "rrule");

        using var list = await client.GetAsync("/api/v1/reminders");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Theory]
    [MemberData(nameof(PoisonedRules))]
    public async Task ReminderUpdate_WithAPoisonedRule_Is400NamingRrule_AndKeepsTheOldRule(string rule)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text = "stretch", when = "2027-01-10T10:00:00", rrule = "FREQ=DAILY" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await AssertFieldErrorAsync(await client.PatchAsJsonAsync($"/api/v1/reminders/{id}", new { rrule = rule }), "rrule");

        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{id}");
        Assert.Equal("FREQ=DAILY", stored.GetProperty("rrule").GetString());
    }

    [Theory]
    [MemberData(nameof(PoisonedRules))]
    public async Task Import_WithAPoisonedRule_SkipsThatEvent_AndTheCalendarStillReads(string rule)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);
        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
            + $"BEGIN:VEVENT\r\nUID:poison@test\r\nSUMMARY:Poison\r\nDTSTART:20270110T150000Z\r\nDURATION:PT30M\r\nRRULE:{rule}\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:fine@test\r\nSUMMARY:Fine\r\nDTSTART:20270111T150000Z\r\nDURATION:PT30M\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n";

        var result = await ImportAsync(client, ics);

        Assert.Equal((1, 1), (result.GetProperty("imported").GetInt32(), result.GetProperty("skipped").GetInt32()));
        using var list = await client.GetAsync("/api/v1/events?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(["Fine", "Fine"], (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(o => o.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task FourTimesADay_IsAccepted_AndFiresFourTimes()
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);

        var item = await CreateAsync(client, new { title = "pills", start = "2027-01-10T08:00:00", rrule = "FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0,30" });

        var day = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2027-01-11T05:00:00Z&to=2027-01-12T05:00:00Z");
        Assert.Equal(4, day.GetArrayLength());
        Assert.False(item.GetProperty("repeatBroken").GetBoolean());
    }

    [Fact]
    public async Task ARuleStoredBeforeTheCheck_IsShownOnceAndFlagged_InEventsRemindersAndTheFeed()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        const string poisoned = "FREQ=DAILY;UNTIL=99991231T000000Z";
        var eventId = Guid.Empty;
        var reminderId = Guid.Empty;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var start = new DateTimeOffset(2027, 1, 10, 15, 0, 0, TimeSpan.Zero); // 10:00 in Toronto
            var item = new EventItem
            {
                UserId = user.Id,
                Title = "old poisoned event",
                StartAt = start,
                EndAt = start.AddHours(1),
                TimeZone = "America/Toronto",
                AnchorLocal = "2027-01-10T10:00:00",
                RRule = poisoned,
                Uid = "poisoned@test",
                CreatedAt = start,
                UpdatedAt = start,
            };
            var reminder = new Reminder
            {
                UserId = user.Id,
                Text = "old poisoned reminder",
                TimeZone = "America/Toronto",
                AnchorLocal = "2027-01-10T10:00:00",
                RRule = poisoned,
                NextAt = start,
                Channels = ["web"],
                CreatedAt = start,
                UpdatedAt = start,
            };
            db.Events.Add(item);
            db.Reminders.Add(reminder);
            await db.SaveChangesAsync();
            (eventId, reminderId) = (item.Id, reminder.Id);
        }

        await CreateAsync(client, new { title = "fine", start = "2027-01-12T09:00:00" });

        using var range = await client.GetAsync("/api/v1/events?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, range.StatusCode);
        var occurrences = (await range.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(["old poisoned event", "fine"], occurrences.Select(o => o.GetProperty("title").GetString()));
        Assert.Equal("2027-01-10T10:00:00-05:00", occurrences[0].GetProperty("start").GetString());
        Assert.Equal([true, false], occurrences.Select(o => o.GetProperty("repeatBroken").GetBoolean()));
        Assert.True((await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{eventId}")).GetProperty("repeatBroken").GetBoolean());

        using var reminders = await client.GetAsync("/api/v1/reminders");
        Assert.Equal(HttpStatusCode.OK, reminders.StatusCode);
        var listed = (await reminders.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Single();
        Assert.True(listed.GetProperty("repeatBroken").GetBoolean());
        using var one = await client.GetAsync($"/api/v1/reminders/{reminderId}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var detail = await one.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["2027-01-10T10:00:00-05:00"], detail.GetProperty("upcoming").EnumerateArray().Select(u => u.GetString()));
        using var acknowledged = await client.PostAsync($"/api/v1/reminders/{reminderId}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        using var rotated = await client.PostAsync("/api/v1/events/feed/rotate", null);
        var url = new Uri((await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        using var anonymous = app.CreateClient();
        using var feed = await anonymous.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var calendar = Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        var old = calendar.Events.Single(e => e.Summary == "old poisoned event");
        Assert.Null(old.RecurrenceRule);

        // changing the rule repairs it
        var repaired = await client.PatchAsJsonAsync($"/api/v1/events/{eventId}", new { rrule = "FREQ=DAILY;COUNT=3" });
        Assert.Equal(HttpStatusCode.OK, repaired.StatusCode);
        Assert.False((await repaired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("repeatBroken").GetBoolean());
    }
}
