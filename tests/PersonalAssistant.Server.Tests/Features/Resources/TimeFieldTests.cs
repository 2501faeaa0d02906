using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Resources;

/// <summary>
/// Security issue 13: every time field (task due, reminder when, event start) goes through one parser. ISO 8601 in
/// each shape is read exactly (a local date-time is that wall-clock time in the person's zone, America/Toronto here);
/// what cannot be read, or lies beyond the supported years, is a 400 naming the field on create and on update.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TimeFieldTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    public static TheoryData<string, string> IsoShapes => new()
    {
        { "2027-01-10T10:00", "2027-01-10T10:00:00-05:00" },
        { "2027-01-10T10:00:00", "2027-01-10T10:00:00-05:00" },
        { "2027-01-10T10:00:00.250", "2027-01-10T10:00:00-05:00" },
        { "2027-01-10T15:00:00Z", "2027-01-10T10:00:00-05:00" },
        { "2027-01-10T15:00Z", "2027-01-10T10:00:00-05:00" },
        { "2027-01-10T15:00:00.5Z", "2027-01-10T10:00:00-05:00" },
        { "2027-01-10T17:00:00+02:00", "2027-01-10T10:00:00-05:00" },
        { "2027-01-10T17:00+02:00", "2027-01-10T10:00:00-05:00" },
        { "2027-07-10T10:00", "2027-07-10T10:00:00-04:00" },
    };

    public static TheoryData<string, string> Fields => new()
    {
        { "tasks", "due" },
        { "reminders", "when" },
        { "events", "start" },
    };

    [Theory]
    [MemberData(nameof(IsoShapes))]
    public async Task TaskDue_InEachIsoShape_IsThatTimeInThePersonsZone(string input, string expected)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);

        var task = await CreatedAsync(client, "tasks", input);

        Assert.Equal(expected, task.GetProperty("due").GetString());
        Assert.Equal(expected[..10], task.GetProperty("dueDate").GetString());
    }

    [Theory]
    [MemberData(nameof(IsoShapes))]
    public async Task ReminderWhen_InEachIsoShape_IsThatTimeInThePersonsZone(string input, string expected)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);

        var reminder = await CreatedAsync(client, "reminders", input);

        Assert.Equal(expected, reminder.GetProperty("when").GetString());
    }

    [Theory]
    [MemberData(nameof(IsoShapes))]
    public async Task EventStart_InEachIsoShape_IsThatTimeInThePersonsZone(string input, string expected)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);

        var item = await CreatedAsync(client, "events", input);

        Assert.Equal(expected, item.GetProperty("start").GetString());
    }

    [Fact]
    public async Task ADateAlone_AndWords_AreReadToo()
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);

        Assert.Equal("2027-01-10", (await CreatedAsync(client, "tasks", "2027-01-10")).GetProperty("due").GetString());
        Assert.Equal("2027-01-10T09:00:00-05:00", (await CreatedAsync(client, "reminders", "2027-01-10")).GetProperty("when").GetString());
        Assert.Contains("T15:00:00-0", (await CreatedAsync(client, "tasks", "tomorrow at 3pm")).GetProperty("due").GetString(), StringComparison.Ordinal);
        Assert.Contains("T15:00:00-0", (await CreatedAsync(client, "reminders", "tomorrow at 3pm")).GetProperty("when").GetString(), StringComparison.Ordinal);
        Assert.Contains("T15:00:00-0", (await CreatedAsync(client, "events", "tomorrow at 3pm")).GetProperty("start").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task TheEndOfNodaTimesRange_Is400NamingTheField_OnCreateAndUpdate(string resource, string field)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);
        var id = (await CreatedAsync(client, resource, "2027-01-10T10:00:00")).GetProperty("id").GetGuid();

        foreach (var value in new[] { "9999-12-31T23:59:59Z", "9999-12-31T23:59:59", "9999-12-31T23:59:59+14:00", "2201-01-01", "1999-12-31T10:00", "2027-02-30T10:00" })
        {
            await AssertFieldErrorAsync(await client.PostAsJsonAsync($"/api/v1/{resource}", Body(resource, value)), field);
            await AssertFieldErrorAsync(await client.PatchAsJsonAsync($"/api/v1/{resource}/{id}", new Dictionary<string, string> { [field] = value }), field);
        }
    }

    [Theory]
    [InlineData("from=9999-12-31T23:59:59Z", "from")]
    [InlineData("from=2200-12-31T00:00:00Z&to=2201-01-02T00:00:00Z", "to")]
    public async Task ARangeBeyondTheSupportedYears_Is400NamingTheField(string query, string field)
    {
        using var client = (await Accounts.RegisterAndLoginAsync(app)).Client(app);

        await AssertFieldErrorAsync(await client.GetAsync($"/api/v1/events?{query}"), field);
    }

    private static object Body(string resource, string time) => resource switch
    {
        "tasks" => new { title = "pay rent", due = time },
        "reminders" => new { text = "pay rent", when = time },
        _ => new { title = "pay rent", start = time },
    };

    private static async Task<JsonElement> CreatedAsync(HttpClient client, string resource, string time)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/{resource}", Body(resource, time));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
