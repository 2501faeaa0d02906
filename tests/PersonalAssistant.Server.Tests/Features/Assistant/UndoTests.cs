using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>Undo tells the truth: what it put back, and what it could not.</summary>
[Trait("Category", "Integration")]
public sealed class UndoTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task Undo_OfACompletion_WhoseTaskWasDeletedSince_SaysItCouldNot()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);
        using var created = await client.PostAsJsonAsync("/api/v1/tasks", new { title = "laundry" });
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var completed = Text(await SayAsync(client, conversation, "done with laundry"));
        Assert.True(completed.StartsWith("Nice: \"laundry\" is done", StringComparison.Ordinal), completed);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/tasks/{taskId}")).StatusCode);

        var reply = Text(await SayAsync(client, conversation, "undo"));

        Assert.StartsWith("I could not undo: laundry", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Undone", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_OfACompletion_ReopensTheTask()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);
        using var created = await client.PostAsJsonAsync("/api/v1/tasks", new { title = "water the plants" });
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await SayAsync(client, conversation, "done with water the plants");

        Assert.Equal("Undone: water the plants.", Text(await SayAsync(client, conversation, "undo")));

        var task = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{taskId}");
        Assert.Equal("open", task.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Undo_InFrench_IsFrench()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        Assert.Equal("Rien à annuler dans les 10 dernières minutes.", Text(await SayAsync(client, conversation, "annule")));
    }
}
