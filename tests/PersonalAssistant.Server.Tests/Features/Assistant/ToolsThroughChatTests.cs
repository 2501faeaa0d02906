using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// The tools that read, snooze, suggest and forget, called by a model through the chat: each answers from the
/// person's own data, through the feature's service, and what it answers is what the model is given back.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ToolsThroughChatTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private AssistantApp App => fixture.App;

    [Fact]
    public async Task ListReminders_GivesTheComingOnes()
    {
        var (client, conversation) = await StartAsync();
        using var _ = await client.PostAsJsonAsync("/api/v1/reminders", new { text = "take the pills", when = "tomorrow at 9am" });

        var result = await ToolResultAsync(client, conversation, "list_reminders", new { });

        Assert.Contains("take the pills (tomorrow 9:00 AM)", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnoozeReminder_PushesTheNamedOneBack()
    {
        var (client, conversation) = await StartAsync();
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text = "stretch break", when = "in 30 minutes" });
        var reminder = await created.Content.ReadFromJsonAsync<JsonElement>();

        var result = await ToolResultAsync(client, conversation, "snooze_reminder", new { minutes = 20, reminder = "stretch break" });

        Assert.Contains("stretch break", result, StringComparison.Ordinal);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{reminder.GetProperty("id").GetGuid()}");
        Assert.Equal("snoozed", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SearchNotes_FindsTheNoteByItsWords()
    {
        var (client, conversation) = await StartAsync();
        using var _ = await client.PostAsJsonAsync("/api/v1/notes", new { title = "Home wifi", body = "the password is on the router" });

        var result = await ToolResultAsync(client, conversation, "search_notes", new { query = "wifi" });

        Assert.Contains("Home wifi", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListEvents_GivesTheDaysEvents()
    {
        var (client, conversation) = await StartAsync();
        using var _ = await client.PostAsJsonAsync("/api/v1/events", new { title = "dentist", start = "tomorrow at 2pm" });

        var result = await ToolResultAsync(client, conversation, "list_events", new { from = "tomorrow" });

        Assert.Contains("dentist (tomorrow 2:00 PM)", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowList_GivesWhatIsLeftOnTheGroceries()
    {
        var (client, conversation) = await StartAsync();
        var lists = await client.GetFromJsonAsync<JsonElement>("/api/v1/lists");
        var groceries = lists.EnumerateArray().First().GetProperty("id").GetGuid();
        using var _ = await client.PostAsJsonAsync($"/api/v1/lists/{groceries}/items", new { text = "oat milk" });

        var result = await ToolResultAsync(client, conversation, "show_list", new { });

        Assert.Contains("oat milk", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpenseSummary_GivesTheMonthByCategory()
    {
        var (client, conversation) = await StartAsync();
        using var _ = await client.PostAsJsonAsync("/api/v1/expenses", new { amount = 12.5m, description = "groceries", category = "groceries", currency = "USD" });

        var result = await ToolResultAsync(client, conversation, "expense_summary", new { });

        Assert.Contains("groceries: 12.50 USD", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_AsksFirst_ThenForgetsOnYes()
    {
        var (client, conversation) = await StartAsync();
        using var _ = await client.PostAsJsonAsync("/api/v1/memories", new { body = "my sister is Julie" });

        var result = await ToolResultAsync(client, conversation, "forget", new { fact = "sister Julie" });
        Assert.Contains("Forget \\\"my sister is Julie\\\"? (yes/no)", result, StringComparison.Ordinal);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/memories")).GetProperty("items").EnumerateArray());

        await SayAsync(client, conversation, "yes");

        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/memories")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task SuggestNextTask_PicksTheOneDueToday_WithTheReason()
    {
        var (client, conversation) = await StartAsync();
        using var _ = await client.PostAsJsonAsync("/api/v1/tasks", new { title = "pay the rent", due = "today" });

        var result = await ToolResultAsync(client, conversation, "suggest_next_task", new { });

        Assert.Contains("pay the rent", result, StringComparison.Ordinal);
        Assert.Contains("It's due today.", result, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, Guid Conversation)> StartAsync()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        var client = user.Client(App);
        return (client, await Chat.StartAsync(client));
    }

    /// <summary>Has the model call one tool, and returns what the tool gave back to the model.</summary>
    private async Task<string> ToolResultAsync(HttpClient client, Guid conversation, string tool, object arguments)
    {
        fixture.Provider.Requests.Clear();
        fixture.Provider.Script(ScriptedReply.Call(tool, arguments), ScriptedReply.Text("ok"));
        var reply = await SayAsync(client, conversation, "please");
        Assert.Equal("ok", Text(reply));
        var second = fixture.Provider.Requests.Last();
        var toolMessage = second["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!;
        return toolMessage["content"]!.ToString();
    }
}
