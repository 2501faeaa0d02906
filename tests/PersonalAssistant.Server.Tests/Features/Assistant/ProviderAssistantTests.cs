using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Features.Assistant;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>The host configured for an OpenAI-compatible provider, which is the fake server on loopback.</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    /// <summary>
    /// The turn timeout: long enough for a turn with tool rounds on a busy two-core machine (a shorter one made
    /// turns time out under load), short enough that the timeout tests, which outwait it, stay tolerable.
    /// </summary>
    public int TimeoutSeconds => 10;

    public FakeChatCompletionsServer Provider { get; private set; } = null!;

    public AssistantApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await FakeChatCompletionsServer.StartAsync();
        App = new AssistantApp()
            .With("Assistant:Provider", "OpenAI")
            .With("Assistant:Model", "fake-model")
            .With("Assistant:BaseUrl", Provider.BaseUrl)
            .With("Assistant:ApiKey", "test-key")
            .With("Assistant:TurnTimeoutSeconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ((IAsyncLifetime)App).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>The agent with a model: tool round trips, failures of every kind, and a model that tries to act for someone else.</summary>
[Trait("Category", "Integration")]
public sealed class ProviderAssistantTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private AssistantApp App => fixture.App;

    private FakeChatCompletionsServer Provider => fixture.Provider;

    [Fact]
    public async Task Meta_SaysAModelHelpsUnderstand_WithoutNamingIt()
    {
        using var client = App.CreateClient();

        var meta = await client.GetFromJsonAsync<JsonElement>("/api/v1/meta");

        Assert.Equal("model", meta.GetProperty("understanding").GetString());
        Assert.DoesNotContain("fake-model", meta.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Provider.BaseUrl, meta.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolRoundTrip_CreatesTheTask_WithTheTimeResolvedByTheEngine_AndThePromptCarriesTimeChannelAndMemories()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        using var memory = await client.PostAsJsonAsync("/api/v1/memories", new { body = "I focus best in the morning" });
        var conversation = await StartAsync(client);
        Provider.Script(
            ScriptedReply.Call("add_task", new { title = "water plants", due = "tomorrow at 9am" }),
            ScriptedReply.Text("Got it: water plants, tomorrow 9:00 AM. Reply UNDO to cancel."));

        var reply = await SayAsync(client, conversation, "water plants tomorrow morning at 9");

        Assert.Equal("Got it: water plants, tomorrow 9:00 AM. Reply UNDO to cancel.", Text(reply));
        var (kind, id) = Assert.Single(Actions(reply));
        Assert.Equal("task.created", kind);
        var task = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}");
        Assert.Equal("09:00", task.GetProperty("due").GetString()![11..16]);

        var requests = Provider.Requests.ToList();
        Assert.Equal(2, requests.Count);
        var system = requests[0]["messages"]![0]!;
        Assert.Equal("system", system["role"]!.GetValue<string>());
        var prompt = system["content"]!.ToString();
        Assert.Contains("America/Toronto", prompt, StringComparison.Ordinal);
        Assert.Contains(App.Today(TimeZoneInfo.FindSystemTimeZoneById("America/Toronto")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), prompt, StringComparison.Ordinal);
        Assert.Contains("Channel: web chat", prompt, StringComparison.Ordinal);
        Assert.Contains("I focus best in the morning", prompt, StringComparison.Ordinal);
        var offered = requests[0]["tools"]!.AsArray().Select(tool => tool!["function"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        var every = typeof(ToolNames).GetFields().Select(field => (string)field.GetRawConstantValue()!).Order(StringComparer.Ordinal);
        Assert.Equal(every, offered); // every tool, each once
        var toolMessage = requests[1]["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Contains("water plants, tomorrow 9:00 AM", toolMessage["content"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolError_GoesBackToTheModelAsShortText_AndTheTurnStillEndsWell()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var conversation = await StartAsync(client);
        Provider.Script(ScriptedReply.Call("complete_task", new { task = "file the taxes" }), ScriptedReply.Text("I couldn't find that task."));

        var reply = await SayAsync(client, conversation, "I filed the taxes");

        Assert.Equal("I couldn't find that task.", Text(reply));
        var toolMessage = Provider.Requests.ToList()[1]["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Contains("No open task matches", toolMessage["content"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelThatKeepsCallingTools_StopsAtTheRoundLimit_WithAKindReply()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var conversation = await StartAsync(client);
        Provider.Script();
        Provider.Fallback = ScriptedReply.Call("list_tasks", new { view = "today" });

        var reply = await SayAsync(client, conversation, "what's on today?");

        Assert.False(string.IsNullOrWhiteSpace(Text(reply)));
        Assert.InRange(Provider.Requests.Count, 8, 10);
    }

    [Fact]
    public async Task ASlowProvider_TimesOut_AndAMalformedAnswer_FailsKindly()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var conversation = await StartAsync(client);

        Provider.Script(ScriptedReply.Text("too late") with { Delay = TimeSpan.FromSeconds(fixture.TimeoutSeconds + 5) });
        Assert.StartsWith("Sorry, I can't answer right now.", Text(await SayAsync(client, conversation, "hello")), StringComparison.Ordinal);

        Provider.Script(ScriptedReply.Broken("{\"choices\": [ this is not json"));
        Assert.StartsWith("Sorry, I can't answer right now.", Text(await SayAsync(client, conversation, "hello again")), StringComparison.Ordinal);

        var messages = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}/messages");
        Assert.Equal(4, messages.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AModelPassingAnotherPersonsIds_StillActsOnlyForTheSpeaker()
    {
        var victim = await Accounts.RegisterAndLoginAsync(App);
        using var victimClient = victim.Client(App);
        using var created = await victimClient.PostAsJsonAsync("/api/v1/tasks", new { title = "victim's secret task" });
        var victimTask = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var attacker = await Accounts.RegisterAndLoginAsync(App);
        using var client = attacker.Client(App);
        var conversation = await StartAsync(client);
        Provider.Script(
            new ScriptedReply(null, [
                ("complete_task", new { task = victimTask.ToString(), userId = victim.Id }),
                ("add_task", new { title = "planted task", userId = victim.Id, user_id = victim.Id }),
            ]),
            ScriptedReply.Text("done"));

        await SayAsync(client, conversation, "do it");

        var stillOpen = await victimClient.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{victimTask}");
        Assert.Equal("open", stillOpen.GetProperty("status").GetString());
        var victimTasks = await victimClient.GetFromJsonAsync<JsonElement>("/api/v1/tasks");
        Assert.Equal(1, victimTasks.GetProperty("total").GetInt32());
        var attackerTasks = await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks");
        Assert.Equal("planted task", Assert.Single(attackerTasks.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
        var toolMessages = Provider.Requests.ToList()[1]["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == "tool").Select(m => m!["content"]!.ToString());
        Assert.Contains(toolMessages, content => content.Contains("can't find that task", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UndoAndConfirmations_WorkTheSameWithAModel()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        using var created = await client.PostAsJsonAsync("/api/v1/tasks", new { title = "old plan" });
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var conversation = await StartAsync(client);
        Provider.Script(ScriptedReply.Call("delete_task", new { task = "old plan" }), ScriptedReply.Text("Delete \"old plan\"? (yes/no)"));

        await SayAsync(client, conversation, "delete the old plan");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/tasks/{taskId}")).StatusCode);
        var requestsBefore = Provider.Requests.Count;
        var yes = await SayAsync(client, conversation, "yes");

        Assert.Equal(requestsBefore, Provider.Requests.Count); // the answer is handled without the model
        Assert.Equal("deleted", Assert.Single(Actions(yes)).Kind);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tasks/{taskId}")).StatusCode);
    }

    [Fact]
    public async Task AFactTheModelNotices_IsProposed_AndKeptOnlyAfterYes()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var conversation = await StartAsync(client);
        Provider.Script(ScriptedReply.Call("propose_memory", new { fact = "my sister is Julie" }), ScriptedReply.Text("Shall I remember that \"my sister is Julie\"? (yes/no)"));

        var asked = await SayAsync(client, conversation, "lunch with my sister Julie went well");

        Assert.Empty(Actions(asked));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/memories")).GetProperty("total").GetInt32());
        var toolMessage = Provider.Requests.Last()["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Contains("Shall I remember that", toolMessage["content"]!.ToString(), StringComparison.Ordinal);

        var no = await SayAsync(client, conversation, "no");
        Assert.Empty(Actions(no));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/memories")).GetProperty("total").GetInt32());

        Provider.Script(ScriptedReply.Call("propose_memory", new { fact = "my sister is Julie" }), ScriptedReply.Text("Shall I remember that \"my sister is Julie\"? (yes/no)"));
        await SayAsync(client, conversation, "Julie called again");
        var yes = await SayAsync(client, conversation, "yes");

        Assert.Equal("memory.created", Assert.Single(Actions(yes)).Kind);
        var memory = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/memories")).GetProperty("items").EnumerateArray());
        Assert.Equal(("my sister is Julie", "assistant"), (memory.GetProperty("body").GetString(), memory.GetProperty("source").GetString()));
    }
}
