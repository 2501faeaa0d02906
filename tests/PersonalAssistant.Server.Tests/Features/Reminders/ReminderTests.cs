using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Reminders;

/// <summary>Reminders over real HTTP on both databases; the test people live in America/Toronto.</summary>
[Trait("Category", "Integration")]
public sealed class ReminderTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task Words_BecomeASchedule_InThePersonsZone_WithTheNextOccurrencesShown()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        var weekdays = await CreateAsync(client, new { text = "take my vitamins", when = "every weekday at 8am" });
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0", weekdays.GetProperty("rrule").GetString());
        Assert.Equal("America/Toronto", weekdays.GetProperty("timeZone").GetString());
        var upcoming = weekdays.GetProperty("upcoming").EnumerateArray().Select(u => u.GetString()!).ToList();
        Assert.Equal(5, upcoming.Count);
        Assert.All(upcoming, u => Assert.Contains("T08:00:00-0", u, StringComparison.Ordinal));
        Assert.Equal(upcoming[0], weekdays.GetProperty("when").GetString());
        Assert.Equal(["web"], weekdays.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));

        // the spring-forward night of 2027 in the reminder's own zone: 02:30 fires at 03:00
        var night = await CreateAsync(client, new { text = "check the baby", when = "2027-03-13T02:30:00", rrule = "FREQ=DAILY", timeZone = "America/New_York" });
        Assert.Equal(["2027-03-13T02:30:00-05:00", "2027-03-14T03:00:00-04:00", "2027-03-15T02:30:00-04:00"],
            night.GetProperty("upcoming").EnumerateArray().Take(3).Select(u => u.GetString()));
    }

    [Fact]
    public async Task Snooze_AndAcknowledge_MoveTheNextOccurrence()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var once = await CreateAsync(client, new { text = "call mom", when = "in 2 hours" });
        var daily = await CreateAsync(client, new { text = "journal", when = "2030-01-01T21:00:00", rrule = "FREQ=DAILY" });

        var before = app.Clock.GetUtcNow();
        using var snoozed = await client.PostAsJsonAsync($"/api/v1/reminders/{Id(once)}/snooze", new { minutes = 10 });
        var snooze = await snoozed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("snoozed", snooze.GetProperty("status").GetString());
        var next = snooze.GetProperty("nextAt").GetDateTimeOffset();
        Assert.Equal(before.AddMinutes(10), next); // the clock did not move: exactly ten minutes from now

        using var acknowledged = await client.PostAsync($"/api/v1/reminders/{Id(once)}/acknowledge", null);
        var done = await acknowledged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("acknowledged", done.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("when").ValueKind);

        using var dailyAcknowledged = await client.PostAsync($"/api/v1/reminders/{Id(daily)}/acknowledge", null);
        var moved = await dailyAcknowledged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("scheduled", moved.GetProperty("status").GetString());
        Assert.Equal("2030-01-02T21:00:00-05:00", moved.GetProperty("when").GetString());

        using var cancelled = await client.PatchAsJsonAsync($"/api/v1/reminders/{Id(daily)}", new { status = "cancelled" });
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders?status=cancelled");
        Assert.Equal([Id(daily)], list.GetProperty("items").EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task AnotherPersonsReminder_Is404Everywhere_AndNeverListed()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var ownerClient = owner.Client(app);
        using var otherClient = other.Client(app);
        var reminder = await CreateAsync(ownerClient, new { text = "private thing", when = "tomorrow at 9am" });
        var id = Id(reminder);

        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/reminders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PatchAsJsonAsync($"/api/v1/reminders/{id}", new { text = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsJsonAsync($"/api/v1/reminders/{id}/snooze", new { minutes = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsync($"/api/v1/reminders/{id}/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync($"/api/v1/reminders/{id}")).StatusCode);
        var otherList = await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/reminders");
        Assert.Equal(0, otherList.GetProperty("total").GetInt32());

        var task = await (await ownerClient.PostAsJsonAsync("/api/v1/tasks", new { title = "owner's task" })).Content.ReadFromJsonAsync<JsonElement>();
        using var linked = await otherClient.PostAsJsonAsync("/api/v1/reminders", new { text = "x", when = "tomorrow", taskId = Id(task) });
        await AssertFieldErrorAsync(linked, "taskId");

        Assert.Equal("private thing", (await ownerClient.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{id}")).GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await ownerClient.DeleteAsync($"/api/v1/reminders/{id}")).StatusCode);
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField_AndWritesNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/reminders", new { text = "x", when = "whenever I feel like it" }), "when");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/reminders", new { text = "x", when = "2020-01-01T10:00:00Z" }), "when");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/reminders", new { text = "x", when = "tomorrow", rrule = "FREQ=SECONDLY" }), "rrule");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/reminders", new { text = "x", when = "tomorrow", rrule = "sometimes" }), "rrule");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/reminders", new { text = "x", when = "tomorrow", channels = new[] { "pigeon" } }), "channels");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/reminders", new { text = "x", when = "tomorrow", timeZone = "Mars/Olympus" }), "timeZone");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/reminders", new { text = new string('x', 600), when = "tomorrow" }), "text");
        await AssertFieldErrorAsync(await client.GetAsync("/api/v1/reminders?status=sleeping"), "status");
        var kept = await CreateAsync(client, new { text = "keep", when = "tomorrow at 10am" });
        await AssertFieldErrorAsync(await client.PostAsJsonAsync($"/api/v1/reminders/{Id(kept)}/snooze", new { minutes = 0 }), "minutes");
        await AssertFieldErrorAsync(await client.PatchAsJsonAsync($"/api/v1/reminders/{Id(kept)}", new { rrule = "FREQ=MINUTELY" }), "rrule");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders");
        Assert.Equal([Id(kept)], list.GetProperty("items").EnumerateArray().Select(Id));
        var unchanged = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{Id(kept)}");
        Assert.Equal((JsonValueKind.Null, "scheduled"), (unchanged.GetProperty("rrule").ValueKind, unchanged.GetProperty("status").GetString()));
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/reminders", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Guid Id(JsonElement item) => item.GetProperty("id").GetGuid();
}
