using System.Net;
using System.Text.Json;
using Xunit.Abstractions;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// Issue 21, speed: the database statements of the hot reads (the today view with its step counts, the reminder
/// list, a page of messages), counted by the same EF Core command interceptor as <see cref="TurnRoundTripTests"/>.
/// Each is one statement (the sign-in's session and profile reads are cached per person and not counted); the
/// answers are checked too, so a count that drops by reading less fails. Counts, never times:
/// <c>scripts/bench-reads.sh</c> measures the time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReadRoundTripTests(TurnRoundTripTests.CountingApp fixture, ITestOutputHelper output) : IClassFixture<TurnRoundTripTests.CountingApp>
{
    [Fact]
    public async Task TodayView_WithStepCounts_IsOneStatement()
    {
        var (client, _) = await fixture.ConversationAsync();
        using (client)
        {
            var broken = await CreateTaskAsync(client, new { title = "clean the garage", due = "today" });
            await CreateTaskAsync(client, new { title = "call the bank", due = "today" });
            var first = await CreateTaskAsync(client, new { title = "open the door", parentId = broken });
            await CreateTaskAsync(client, new { title = "sweep", parentId = broken });
            using (var done = await client.PostAsync($"/api/v1/tasks/{first}/complete", null))
            {
                Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            }

            JsonElement page = default;
            var commands = await fixture.Counter.CountAsync(async () => page = await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks?view=today"));

            Assert.Equal(1, Report("today view", commands));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(2, page.GetProperty("total").GetInt32());
            var garage = items.Single(t => t.GetProperty("id").GetGuid() == broken);
            Assert.Equal((2, 1), (garage.GetProperty("steps").GetInt32(), garage.GetProperty("stepsDone").GetInt32()));
            Assert.Equal(0, items.Single(t => t.GetProperty("id").GetGuid() != broken).GetProperty("steps").GetInt32());
        }
    }

    [Fact]
    public async Task ReminderList_IsOneStatement()
    {
        var (client, _) = await fixture.ConversationAsync();
        using (client)
        {
            foreach (var text in new[] { "water the plants", "call mom" })
            {
                using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when = "tomorrow at 9am" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            JsonElement page = default;
            var commands = await fixture.Counter.CountAsync(async () => page = await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders"));

            Assert.Equal(1, Report("reminder list", commands));
            Assert.Equal(2, page.GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task MessagesPage_IsOneStatement_AndAnotherPersonsConversationIsNotFound()
    {
        var (client, conversation) = await fixture.ConversationAsync();
        var (other, _) = await fixture.ConversationAsync();
        using (client)
        using (other)
        {
            await SayAsync(client, conversation, "buy milk friday");

            JsonElement page = default;
            var commands = await fixture.Counter.CountAsync(async () =>
                page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}/messages"));

            Assert.Equal(1, Report("messages page", commands));
            Assert.Equal(2, page.GetProperty("items").GetArrayLength());
            using var theirs = await other.GetAsync($"/api/v1/conversations/{conversation}/messages");
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            var empty = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{await StartAsync(client)}/messages");
            Assert.Equal(0, empty.GetProperty("items").GetArrayLength());
        }
    }

    private static async Task<Guid> CreateTaskAsync(HttpClient client, object body)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/tasks", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private int Report(string read, IReadOnlyList<string> commands)
    {
        var counted = commands.Count(c => !c.Contains("FROM \"Sessions\"", StringComparison.Ordinal) && !c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal));
        output.WriteLine($"{read}: {counted} statements");
        foreach (var command in commands)
        {
            output.WriteLine("  " + command.ReplaceLineEndings(" "));
        }

        return counted;
    }
}
