using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// Issue 15, our variations through the real chat with the offline engine: renames and new priorities change the
/// existing task (and undo puts them back), a day picks one of two items of the same name, "add eggs to it" goes on
/// the list just shown, and "never mind, undo" is an undo. The test clock is Wednesday 2026-11-18.
/// </summary>
[Trait("Category", "Integration")]
public sealed class VariationsThroughChatTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Theory]
    [InlineData("call the insurance guy", "rename call the insurance guy to call Allianz about the claim", "call Allianz about the claim")]
    [InlineData("appeler l'assureur", "renomme appeler l'assureur en appeler la MAIF", "appeler la MAIF")]
    public async Task ARename_ChangesTheTasksTitle_AndUndoPutsItBack(string title, string message, string renamed)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "tasks", new { title });

        var reply = await SayAsync(client, conversation, message);

        Assert.Equal(renamed, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}")).GetProperty("title").GetString());
        Assert.Contains(renamed, Text(reply), StringComparison.Ordinal);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32());

        await SayAsync(client, conversation, "undo");

        Assert.Equal(title, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task CallItInstead_RenamesTheReminderJustMade()
    {
        var (client, conversation) = await StartAsync();
        await SayAsync(client, conversation, "remind me to buy a present tomorrow at 5pm");

        await SayAsync(client, conversation, "call it buy flowers for mum instead");

        var reminders = (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("buy flowers for mum", Assert.Single(reminders).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("do the taxes", "make the taxes high priority", "high")]
    [InlineData("clean the fridge", "clean the fridge isnt urgent, set it to low priority", "low")]
    [InlineData("déclarer les impôts", "mets les impôts en priorité haute", "high")]
    public async Task ANewPriority_ChangesTheTask_CreatesNothing(string title, string message, string priority)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "tasks", new { title });

        await SayAsync(client, conversation, message);

        Assert.Equal(priority, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}")).GetProperty("priority").GetString());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("delete the dentist on friday", "yes")]
    [InlineData("supprime le dentiste de vendredi", "oui")]
    public async Task ADay_SaysWhichOfTwoItemsToDelete(string message, string yes)
    {
        var (client, conversation) = await StartAsync();
        var friday = await CreateAsync(client, "events", new { title = "dentist", start = "2026-11-20T10:00" });
        var tuesday = await CreateAsync(client, "events", new { title = "dentist", start = "2026-11-24T09:00" });

        var question = await SayAsync(client, conversation, message);
        Assert.Contains("?", Text(question), StringComparison.Ordinal);
        await SayAsync(client, conversation, yes);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/events/{friday}")).StatusCode);
        Assert.True((await client.GetAsync($"/api/v1/events/{tuesday}")).IsSuccessStatusCode);
    }

    [Theory]
    [InlineData("what's on my grocery list?", "add eggs to it", "eggs")]
    [InlineData("qu'est-ce qu'il y a sur ma liste de courses ?", "rajoute des pommes dessus", "pommes")]
    public async Task AnAddition_GoesOnTheListJustShown(string question, string message, string item)
    {
        var (client, conversation) = await StartAsync();
        var groceries = (await client.GetFromJsonAsync<JsonElement>("/api/v1/lists")).EnumerateArray().First().GetProperty("id").GetGuid();
        using var _ = await client.PostAsJsonAsync($"/api/v1/lists/{groceries}/items", new { text = "bread" });

        await SayAsync(client, conversation, question);
        await SayAsync(client, conversation, message);

        var items = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/lists/{groceries}/items")).EnumerateArray().Select(i => i.GetProperty("text").GetString()).ToList();
        Assert.Contains(item, items);
        Assert.Contains("bread", items);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("remind me to call the garage tomorrow at 11am", "never mind, undo")]
    [InlineData("rappelle-moi d'appeler le garage demain à 11h", "laisse tomber, annule")]
    public async Task TwoWaysOfSayingUndo_AreOneUndo(string capture, string undo)
    {
        var (client, conversation) = await StartAsync();
        await SayAsync(client, conversation, capture);

        await SayAsync(client, conversation, undo);

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/lists")).EnumerateArray().Sum(l => l.GetProperty("totalItems").GetInt32()));
    }

    private async Task<(HttpClient Client, Guid Conversation)> StartAsync()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var client = user.Client(app);
        return (client, await Chat.StartAsync(client));
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string feature, object body)
    {
        using var created = await client.PostAsJsonAsync($"/api/v1/{feature}", body);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
