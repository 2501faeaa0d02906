using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>The assistant with the offline engine, end to end through HTTP and SignalR, on both databases.</summary>
[Trait("Category", "Integration")]
public sealed class OfflineAssistantTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task Capture_EchoesWhatWasUnderstood_AndUndoRemovesIt()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        var reply = await SayAsync(client, conversation, "call mom tomorrow at 3pm");
        // On the web the reply sits beside an Undo button: no "Reply UNDO" (SmsWebhookTests checks the words on SMS).
        Assert.Equal("Got it: call mom, tomorrow 3:00 PM.", Text(reply));
        var (kind, reminderId) = Assert.Single(Actions(reply));
        Assert.Equal("reminder.created", kind);
        var reminder = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{reminderId}");
        Assert.Equal("15:00", reminder.GetProperty("when").GetString()![11..16]);

        var undone = await SayAsync(client, conversation, "undo");
        Assert.StartsWith("Undone: call mom", Text(undone), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/reminders/{reminderId}")).StatusCode);
        Assert.StartsWith("Nothing to undo", Text(await SayAsync(client, conversation, "undo")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneMessageWithThreeRequests_CreatesThreeThings()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        var reply = await SayAsync(client, conversation, "buy milk, call the dentist tomorrow and pay rent by friday");

        Assert.Equal(3, Actions(reply).Count(a => a.Kind == "task.created"));
        var tasks = await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks");
        Assert.Equal(["buy milk", "call the dentist", "pay rent"], tasks.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()).Order());
        Assert.DoesNotContain("UNDO", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmbiguousTime_MakesItAsk_AndTheAnswerCreatesTheReminder()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        var question = await SayAsync(client, conversation, "remind me at 7 to take my meds");
        Assert.Equal("7 in the morning or the evening?", Text(question));
        Assert.Empty(Actions(question));
        Assert.True((await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}")).GetProperty("awaitingAnswer").GetBoolean());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("total").GetInt32());

        var reply = await SayAsync(client, conversation, "evening");
        var (kind, id) = Assert.Single(Actions(reply));
        Assert.Equal("reminder.created", kind);
        var reminder = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{id}");
        Assert.Equal("19:00", reminder.GetProperty("when").GetString()![11..16]);
        Assert.False((await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}")).GetProperty("awaitingAnswer").GetBoolean());
    }

    [Fact]
    public async Task EventWithSomeoneElse_IsConfirmedFirst_AndNoLeavesItOut()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        var question = await SayAsync(client, conversation, "lunch with Julie friday at noon");
        Assert.StartsWith("Add \"lunch with Julie, ", Text(question), StringComparison.Ordinal);
        Assert.EndsWith("(yes/no)", Text(question), StringComparison.Ordinal);
        Assert.Equal("Okay, I left it as it is.", Text(await SayAsync(client, conversation, "no")));

        await SayAsync(client, conversation, "lunch with Julie friday at noon");
        var yes = await SayAsync(client, conversation, "yes");
        Assert.Equal("event.created", Assert.Single(Actions(yes)).Kind);
        var from = app.Clock.GetUtcNow().ToString("O");
        var to = app.Clock.GetUtcNow().AddDays(8).ToString("O");
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");
        Assert.Equal("lunch with Julie", Assert.Single(events.EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task FeelingsAndQuestions_GetShortHonestAnswers_AndFrenchGetsFrench()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        Assert.StartsWith("That sounds like a lot. Let's pick one small thing.", Text(await SayAsync(client, conversation, "I feel so overwhelmed today")), StringComparison.Ordinal);
        Assert.Contains("found nothing", Text(await SayAsync(client, conversation, "what is the capital of Peru?")), StringComparison.Ordinal);
        Assert.StartsWith("C'est noté : appeler maman, demain 15:00.", Text(await SayAsync(client, conversation, "appeler maman demain à 15h")), StringComparison.Ordinal);
        Assert.StartsWith("Annulé : appeler maman", Text(await SayAsync(client, conversation, "annule")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groceries_Memory_AndExpense_AreCapturedThroughTheSameTools()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);

        await SayAsync(client, conversation, "add milk and eggs to the grocery list");
        await SayAsync(client, conversation, "remember that my sister is Julie");
        await SayAsync(client, conversation, "spent $12.50 on lunch");

        var lists = await client.GetFromJsonAsync<JsonElement>("/api/v1/lists");
        var groceries = lists.EnumerateArray().Single(l => l.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetGuid();
        var items = await client.GetFromJsonAsync<JsonElement>($"/api/v1/lists/{groceries}/items");
        Assert.Equal(["eggs", "milk"], items.EnumerateArray().Select(i => i.GetProperty("text").GetString()).Order());
        Assert.Equal("my sister is Julie", (await client.GetFromJsonAsync<JsonElement>("/api/v1/memories")).GetProperty("items")[0].GetProperty("body").GetString());
        var expense = (await client.GetFromJsonAsync<JsonElement>("/api/v1/expenses")).GetProperty("items")[0];
        Assert.Equal(12.50m, expense.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task AnotherPerson_NeverSeesMyConversationsOrMessages()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var mine = owner.Client(app);
        using var theirs = other.Client(app);
        var conversation = await StartAsync(mine);
        await SayAsync(mine, conversation, "note: the safe code is hidden in the blue book");

        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/api/v1/conversations/{conversation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/api/v1/conversations/{conversation}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.PatchAsJsonAsync($"/api/v1/conversations/{conversation}", new { title = "mine now" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { text = "hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.DeleteAsync($"/api/v1/conversations/{conversation}")).StatusCode);
        Assert.Equal(0, (await theirs.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await theirs.GetFromJsonAsync<JsonElement>("/api/v1/conversations?q=blue%20book")).GetProperty("total").GetInt32());

        var found = await mine.GetFromJsonAsync<JsonElement>("/api/v1/conversations?q=BLUE%20book");
        Assert.Equal(conversation, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var messages = await mine.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}/messages");
        Assert.Equal(2, messages.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Conversation_IsRenamedArchivedBroughtBackAndDeleted_AndATooLongTitleIsRefused()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);
        await SayAsync(client, conversation, "thanks");
        var url = $"/api/v1/conversations/{conversation}";

        await ProblemAssertions.AssertFieldErrorAsync(await client.PatchAsJsonAsync(url, new { title = new string('a', 121) }), "title");
        Assert.Equal("thanks", (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("title").GetString());
        using (var renamed = await client.PatchAsJsonAsync(url, new { title = new string('a', 120) }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        using (var archived = await client.PatchAsJsonAsync(url, new { archived = true }))
        {
            Assert.True((await archived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("archived").GetBoolean());
        }

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("total").GetInt32());
        var shelved = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations?archived=true")).GetProperty("items").EnumerateArray());
        Assert.Equal(new string('a', 120), shelved.GetProperty("title").GetString());

        using (var back = await client.PatchAsJsonAsync(url, new { archived = false }))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{url}/messages")).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task MessagePages_StayStable_WhileMessagesAreAdded()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);
        for (var i = 1; i <= 3; i++)
        {
            await SayAsync(client, conversation, $"thanks {i}");
        }

        var newest = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}/messages?limit=4");
        var before = newest.GetProperty("nextBefore").GetInt64();
        await SayAsync(client, conversation, "thanks 4"); // added between two page reads
        var older = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}/messages?limit=4&before={before}");

        var texts = older.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal(["thanks 1", "You're welcome!"], texts);
        Assert.Equal(JsonValueKind.Null, older.GetProperty("nextBefore").ValueKind);
        var ids = newest.GetProperty("items").EnumerateArray().Concat(older.GetProperty("items").EnumerateArray()).Select(m => m.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task BadMessages_GetA400_AndStoreNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var conversation = await StartAsync(client);
        var url = $"/api/v1/conversations/{conversation}/messages";

        await ProblemAssertions.AssertFieldErrorAsync(await client.PostAsJsonAsync(url, new { text = "" }), "text");
        await ProblemAssertions.AssertFieldErrorAsync(await client.PostAsJsonAsync(url, new { text = new string('a', 5000) }), "text");
        using var malformed = await client.PostAsync(url, new StringContent("{\"text\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var wrongType = await client.PostAsync(url, new StringContent("{\"text\": 42}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync(url, new { text = "hi", replyTo = 999_999_999 })).StatusCode);

        var messages = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}/messages");
        Assert.Equal(0, messages.GetProperty("items").GetArrayLength());
    }
}
