using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// Brain dumps through the real host with the offline engine (issue 15): one message, several things each captured
/// with its own kind and time, echoed as one reply with one undo that takes them all back.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CaptureThroughChatTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task AnEnglishBrainDump_CreatesEachThing_AndOneUndoRemovesThemAll()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        var reply = await SayAsync(client, conversation, "brain dump: text Sam tomorrow, renew the passport by monday, spent $9 on parking, remember my gym locker is 42");

        Assert.Equal(
            ["expense.created", "memory.created", "task.created", "task.created"],
            Actions(reply).Select(a => a.Kind).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("UNDO", Text(reply), StringComparison.Ordinal); // the web app shows one Undo button for all of them
        var tasks = await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks");
        Assert.Equal(["renew the passport", "text Sam"], tasks.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()).Order());
        var expense = (await client.GetFromJsonAsync<JsonElement>("/api/v1/expenses")).GetProperty("items")[0];
        Assert.Equal(("parking", 9m), (expense.GetProperty("description").GetString(), expense.GetProperty("amount").GetDecimal()));

        await SayAsync(client, conversation, "undo");

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/expenses")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/memories")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AFrenchBrainDump_PutsGroceriesOnTheList_AndTheExpenseOnItsDay()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        var reply = await SayAsync(client, conversation, "faut que j'achète du pain et du beurre, vider la poubelle, et 12 € de kebab hier soir");

        Assert.StartsWith("C'est noté", Text(reply), StringComparison.Ordinal);
        Assert.Equal(2, Actions(reply).Count(a => a.Kind == "list-item.added"));
        var lists = await client.GetFromJsonAsync<JsonElement>("/api/v1/lists");
        var groceries = lists.EnumerateArray().First().GetProperty("id").GetGuid();
        var items = await client.GetFromJsonAsync<JsonElement>($"/api/v1/lists/{groceries}/items");
        Assert.Equal(["beurre", "pain"], items.EnumerateArray().Select(i => i.GetProperty("text").GetString()).Order());
        var expense = (await client.GetFromJsonAsync<JsonElement>("/api/v1/expenses")).GetProperty("items")[0];
        Assert.Equal(("kebab", "EUR", "2026-11-17"), (expense.GetProperty("description").GetString(), expense.GetProperty("currency").GetString(), expense.GetProperty("date").GetString()));
        Assert.Equal("vider la poubelle", Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ANameListWithCommas_IsOneGroceryAdd()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        var reply = await SayAsync(client, conversation, "milk, eggs, bread");

        Assert.Equal(3, Actions(reply).Count(a => a.Kind == "list-item.added"));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ATimeSkippedByTheClockChange_IsSaid_InTheReply()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        var reply = await SayAsync(client, conversation, "remind me on march 14 at 2:30am to check the heater");

        Assert.Contains("2:30 AM doesn't exist that day", Text(reply), StringComparison.Ordinal);
        Assert.Contains("3:00 AM", Text(reply), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/reminders")).StatusCode);
    }

    [Fact]
    public async Task ADateWithoutATime_ForAnAppointment_IsATaskDueThatDay()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        var reply = await SayAsync(client, conversation, "schedule a massage sometime next week");

        Assert.Equal("task.created", Assert.Single(Actions(reply)).Kind);
        Assert.DoesNotContain("2026-", Text(reply), StringComparison.Ordinal);
    }
}
