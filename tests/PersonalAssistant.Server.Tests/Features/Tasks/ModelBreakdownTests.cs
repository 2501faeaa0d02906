using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Features.Assistant;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Tasks;

/// <summary>
/// Task breakdown with an OpenAI-compatible model (the fake server on loopback): the model writes the steps, the
/// person saves the ones they saw, and whatever goes wrong with the model, the step library answers.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModelBreakdownTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private static readonly object[] MoveSteps =
    [
        new { title = "Put three empty boxes by the door", minutes = 2 },
        new { title = "Pack the books from one shelf", minutes = 15 },
        new { title = "Label the boxes by room", minutes = 5 },
        new { title = "Book the van for Saturday", minutes = 10 },
    ];

    private AssistantApp App => fixture.App;

    private FakeChatCompletionsServer Provider => fixture.Provider;

    [Fact]
    public async Task TheModelWritesTheSteps_AsJsonToASchema_AndApplySavesTheOnesShown()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var task = await CreateAsync(client, new { title = "prepare the move", notes = "new flat on the 15th" });
        Provider.Script(ScriptedReply.Text(JsonSerializer.Serialize(new { steps = MoveSteps })));

        var proposal = await BreakdownAsync(client, task, new { apply = false });

        Assert.Equal("model", proposal.GetProperty("source").GetString());
        Assert.Equal(["Put three empty boxes by the door", "Pack the books from one shelf", "Label the boxes by room", "Book the van for Saturday"], Titles(proposal));
        Assert.Equal(2, proposal.GetProperty("steps")[0].GetProperty("estimatedMinutes").GetInt32());
        var request = Assert.Single(Provider.Requests);
        Assert.Equal("json_schema", request["response_format"]!["type"]!.GetValue<string>());
        Assert.False(request.ContainsKey("tools"), "a breakdown offers the model no tools");
        var messages = request["messages"]!.AsArray();
        Assert.Contains("ADHD", messages[0]!["content"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("prepare the move", messages[1]!["content"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("new flat on the 15th", messages[1]!["content"]!.ToString(), StringComparison.Ordinal);

        // The model would write other steps if asked again: saving sends back the ones the person saw (one reworded).
        Provider.Script(ScriptedReply.Text(JsonSerializer.Serialize(new { steps = MoveSteps.Reverse() })));
        var shown = proposal.GetProperty("steps").EnumerateArray()
            .Select((step, index) => new { title = index == 3 ? "Book the van for Sunday" : step.GetProperty("title").GetString(), estimatedMinutes = step.GetProperty("estimatedMinutes").GetInt32() })
            .ToArray();
        var saved = await BreakdownAsync(client, task, new { apply = true, steps = shown });

        Assert.Equal("given", saved.GetProperty("source").GetString());
        Assert.Empty(Provider.Requests);
        var children = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?parent={task}")).GetProperty("items").EnumerateArray();
        Assert.Equal(shown.Select(s => s.title), children.Select(c => c.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task AModelThatBreaksTheRules_FailsOrIsSlow_LeavesTheStepLibraryToAnswer()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var task = await CreateAsync(client, new { title = "clean the kitchen" });
        var tooFew = new { steps = MoveSteps.Take(2) };
        var longStart = new { steps = new[] { new { title = "Deep clean the oven", minutes = 45 }, new { title = "Wipe the counters", minutes = 5 }, new { title = "Mop", minutes = 10 } } };

        foreach (var reply in new[]
        {
            ScriptedReply.Text(JsonSerializer.Serialize(tooFew)),
            ScriptedReply.Text(JsonSerializer.Serialize(longStart)),
            ScriptedReply.Text("Sure! Here are some steps: 1. wipe 2. mop"),
            ScriptedReply.Broken("{\"choices\": [ {"),
            ScriptedReply.Text("late") with { Delay = TimeSpan.FromSeconds(fixture.TimeoutSeconds + 5) },
        })
        {
            Provider.Script(reply);
            var proposal = await BreakdownAsync(client, task, new { apply = false });
            Assert.Equal("library", proposal.GetProperty("source").GetString());
            Assert.Equal("cleaning", proposal.GetProperty("kind").GetString());
            Assert.InRange(proposal.GetProperty("steps").GetArrayLength(), 3, 7);
        }
    }

    [Fact]
    public async Task TheAssistantsBreakdownTool_SavesTheStepsTheModelWrote()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var conversation = await StartAsync(client);
        Provider.Script(
            ScriptedReply.Call("break_down_task", new { task = "prepare the move" }),
            ScriptedReply.Text(JsonSerializer.Serialize(new { steps = MoveSteps })),
            ScriptedReply.Text("Here it is in four small steps. Start with the boxes?"));

        var reply = await SayAsync(client, conversation, "help me break down preparing the move");

        Assert.Equal("Here it is in four small steps. Start with the boxes?", Text(reply));
        var tasks = (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks?q=move")).GetProperty("items");
        var parent = Assert.Single(tasks.EnumerateArray()).GetProperty("id").GetGuid();
        var children = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?parent={parent}")).GetProperty("items").EnumerateArray();
        Assert.Equal("Put three empty boxes by the door", children.First().GetProperty("title").GetString());
        var toolMessage = Provider.Requests.Last()["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Contains("Put three empty boxes by the door (~2 min)", toolMessage["content"]!.ToString(), StringComparison.Ordinal);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/tasks", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> BreakdownAsync(HttpClient client, Guid task, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/tasks/{task}/breakdown", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Titles(JsonElement breakdown) =>
        [.. breakdown.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("title").GetString()!)];
}
