using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// Issue 15, offline: questions are answered from what the person stored and never create anything; small talk gets
/// a short human answer; list items come off and back; undo said casually. The clock is Wednesday 2026-11-18 09:00
/// in Toronto (the test account's zone).
/// </summary>
[Trait("Category", "Integration")]
public sealed class QuestionsThroughChatTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Theory]
    [InlineData("what do I have tomorrow?")]
    [InlineData("what's on tomorrow")]
    [InlineData("anything on tomorrow?")]
    [InlineData("what have i got tomorrow")]
    [InlineData("qu'est-ce que j'ai demain ?")]
    [InlineData("j'ai quoi demain")]
    [InlineData("qu'est ce qui est prévu demain ?")]
    public async Task Agenda_ListsOnlyThatDaysTasksRemindersAndEvents(string question)
    {
        using var client = await NewClientAsync();
        await PostAsync(client, "/api/v1/tasks", new { title = "renew passport", due = "2026-11-19" });
        await PostAsync(client, "/api/v1/tasks", new { title = "clean the fridge", due = "2026-11-21" });
        await PostAsync(client, "/api/v1/reminders", new { text = "call the bank", when = "2026-11-19T09:00" });
        await PostAsync(client, "/api/v1/events", new { title = "yoga class", start = "2026-11-19T18:00" });
        var conversation = await StartAsync(client);

        var reply = await SayAsync(client, conversation, question);

        var text = Text(reply);
        Assert.Contains("passport", text, StringComparison.Ordinal);
        Assert.Contains("bank", text, StringComparison.Ordinal);
        Assert.Contains("yoga", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fridge", text, StringComparison.Ordinal);
        Assert.Empty(Actions(reply));
        Assert.Equal(2, await CountAsync(client, "/api/v1/tasks"));
    }

    [Fact]
    public async Task Agenda_OfAnotherPerson_IsNeverShown()
    {
        using var owner = await NewClientAsync();
        await PostAsync(owner, "/api/v1/tasks", new { title = "secret errand", due = "2026-11-18" });
        using var other = await NewClientAsync();

        var reply = Text(await SayAsync(other, await StartAsync(other), "what do I have today?"));

        Assert.DoesNotContain("secret", reply, StringComparison.Ordinal);
        Assert.StartsWith("Nothing planned", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("when's my dentist appointment?")]
    [InlineData("when is the dentist")]
    [InlineData("what time is my dentist appointment?")]
    [InlineData("c'est quand le dentiste ?")]
    [InlineData("à quelle heure est le dentiste ?")]
    public async Task When_AnswersTheEventsTime(string question)
    {
        using var client = await NewClientAsync();
        await PostAsync(client, "/api/v1/events", new { title = "dentist", start = "2026-11-20T14:30" });

        var reply = await SayAsync(client, await StartAsync(client), question);

        Assert.Matches("2:30|14:30", Text(reply));
        Assert.Empty(Actions(reply));
    }

    [Theory]
    [InlineData("My sister's birthday is March 3", "when is my sister's birthday?", "March 3")]
    [InlineData("My sister's birthday is March 3", "whens my sisters birthday", "March 3")]
    [InlineData("My sister's birthday is March 3", "what day is my sister's birthday again?", "March 3")]
    [InlineData("L'anniversaire de ma sœur est le 3 mars", "c'est quand l'anniversaire de ma sœur ?", "3 mars")]
    [InlineData("L'anniversaire de ma sœur est le 3 mars", "c est quand l anniversaire de ma soeur", "3 mars")]
    [InlineData("L'anniversaire de ma sœur est le 3 mars", "quand est l'anniversaire de ma soeur ?", "3 mars")]
    public async Task When_AnswersFromARememberedFact(string memory, string question, string expected)
    {
        using var client = await NewClientAsync();
        await PostAsync(client, "/api/v1/memories", new { body = memory });

        var reply = await SayAsync(client, await StartAsync(client), question);

        Assert.Contains(expected, Text(reply), StringComparison.Ordinal);
        Assert.Empty(Actions(reply));
    }

    [Theory]
    [InlineData("Cabin", "wifi password for the cabin is bluefrog22", "what's the wifi password at the cabin?", "bluefrog22")]
    [InlineData("Cabin", "wifi password for the cabin is bluefrog22", "whats the cabin wifi password", "bluefrog22")]
    [InlineData("Cabin", "wifi password for the cabin is bluefrog22", "what is the password of the wifi at the cabin", "bluefrog22")]
    [InlineData("Maison", "le code du portail c'est 4821B", "c'est quoi le code du portail ?", "4821B")]
    [InlineData("Maison", "le code du portail c'est 4821B", "quel est le code du portail", "4821B")]
    [InlineData("Maison", "le code du portail c'est 4821B", "le code du portail c'est quoi ?", "4821B")]
    public async Task Lookup_AnswersWithTheMatchingNoteLine(string title, string body, string question, string expected)
    {
        using var client = await NewClientAsync();
        await PostAsync(client, "/api/v1/notes", new { title, body });
        await PostAsync(client, "/api/v1/notes", new { title = "Recipes", body = "crêpes: flour, eggs, milk" });

        var reply = await SayAsync(client, await StartAsync(client), question);

        Assert.Contains(expected, Text(reply), StringComparison.Ordinal);
        Assert.Empty(Actions(reply));
        Assert.Equal(0, await CountAsync(client, "/api/v1/tasks"));
    }

    [Theory]
    [InlineData("what's the capital of Peru?", "found nothing")]
    [InlineData("c'est quoi la capitale du Pérou ?", "rien trouvé")]
    public async Task Lookup_WithNothingStored_SaysSoKindly_AndCreatesNothing(string question, string expected)
    {
        using var client = await NewClientAsync();

        var reply = Text(await SayAsync(client, await StartAsync(client), question));

        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.DoesNotContain("provider", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fournisseur", reply, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await CountAsync(client, "/api/v1/tasks"));
        Assert.Equal(0, await CountAsync(client, "/api/v1/notes"));
    }

    [Theory]
    [InlineData("how much did I spend on food this week?", "35.50")]
    [InlineData("how much have i spent on food this week", "35.50")]
    [InlineData("what did I spend on eating out this week?", "12.10")]
    [InlineData("how much did I spend this week?", "75.50")]
    [InlineData("combien j'ai dépensé en nourriture cette semaine ?", "35,50")]
    [InlineData("combien ai-je dépensé en bouffe cette semaine", "35,50")]
    public async Task Spending_TotalsThePeriodAndCategories(string question, string expected)
    {
        using var client = await NewClientAsync();
        await PostAsync(client, "/api/v1/expenses", new { amount = 23.40m, description = "supermarket", category = "groceries", currency = "USD", date = "2026-11-18" });
        await PostAsync(client, "/api/v1/expenses", new { amount = 12.10m, description = "burrito", category = "eating out", currency = "USD", date = "2026-11-17" });
        await PostAsync(client, "/api/v1/expenses", new { amount = 40m, description = "gas", category = "transport", currency = "USD", date = "2026-11-18" });
        await PostAsync(client, "/api/v1/expenses", new { amount = 50m, description = "restaurant", category = "eating out", currency = "USD", date = "2026-10-29" });

        var reply = await SayAsync(client, await StartAsync(client), question);

        Assert.Contains(expected, Text(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("85", Text(reply), StringComparison.Ordinal);
        Assert.Empty(Actions(reply));
        Assert.Equal(4, await CountAsync(client, "/api/v1/expenses"));
    }

    [Theory]
    [InlineData("what's on the grocery list?")]
    [InlineData("whats on my shopping list")]
    [InlineData("show me the grocery list")]
    [InlineData("what's on the list?")]
    [InlineData("qu'est-ce qu'il y a sur la liste de courses ?")]
    [InlineData("il y a quoi sur la liste ?")]
    [InlineData("montre-moi la liste de courses")]
    public async Task ListQuestion_ShowsTheItems_AndAddsNothing(string question)
    {
        using var client = await NewClientAsync();
        var list = await DefaultListAsync(client);
        await AddItemsAsync(client, list, "eggs", "oat milk");

        var reply = await SayAsync(client, await StartAsync(client), question);

        Assert.Contains("eggs", Text(reply), StringComparison.Ordinal);
        Assert.Contains("oat milk", Text(reply), StringComparison.Ordinal);
        Assert.Empty(Actions(reply));
        Assert.Equal(["eggs", "oat milk"], await OpenItemsAsync(client, list));
    }

    [Theory]
    [InlineData("remove eggs from the grocery list")]
    [InlineData("take the eggs off the shopping list")]
    [InlineData("cross off eggs from the list please")]
    [InlineData("enlève les oeufs de la liste")]
    [InlineData("retire les œufs de la liste de courses")]
    [InlineData("supprime oeufs de ma liste de courses stp")]
    public async Task Remove_CrossesTheItemOff_AndUndoPutsItBack(string message)
    {
        using var client = await NewClientAsync();
        var list = await DefaultListAsync(client);
        var egg = message.Contains("oeuf", StringComparison.Ordinal) || message.Contains("œuf", StringComparison.Ordinal) ? "oeufs" : "eggs";
        await AddItemsAsync(client, list, egg, "milk", "bread");
        var conversation = await StartAsync(client);

        var reply = await SayAsync(client, conversation, message);
        Assert.Equal(["bread", "milk"], (await OpenItemsAsync(client, list)).Order());
        Assert.Contains(egg, Text(reply), StringComparison.Ordinal);

        await SayAsync(client, conversation, "undo");
        Assert.Contains(egg, await OpenItemsAsync(client, list));
    }

    [Theory]
    [InlineData("clear the grocery list", "yes")]
    [InlineData("empty my shopping list", "ok")]
    [InlineData("vide la liste de courses", "oui")]
    [InlineData("efface tout de la liste de courses", "d'accord")]
    public async Task Clear_AsksNamingTheList_ThenEmptiesIt_AndUndoRefillsIt(string message, string yes)
    {
        using var client = await NewClientAsync();
        var list = await DefaultListAsync(client);
        await AddItemsAsync(client, list, "eggs", "milk", "bread");
        var conversation = await StartAsync(client);

        var question = Text(await SayAsync(client, conversation, message));
        Assert.Matches("Groceries|Courses", question);
        Assert.Equal(3, (await OpenItemsAsync(client, list)).Count);

        await SayAsync(client, conversation, yes);
        Assert.Empty(await OpenItemsAsync(client, list));

        await SayAsync(client, conversation, "undo");
        Assert.Equal(3, (await OpenItemsAsync(client, list)).Count);
    }

    [Theory]
    [InlineData("clear the grocery list", "no")]
    [InlineData("vide la liste de courses", "non")]
    [InlineData("vide la liste de courses", "laisse tomber")]
    public async Task Clear_AnsweredNo_LeavesTheList(string message, string no)
    {
        using var client = await NewClientAsync();
        var list = await DefaultListAsync(client);
        await AddItemsAsync(client, list, "eggs", "milk");
        var conversation = await StartAsync(client);

        await SayAsync(client, conversation, message);
        await SayAsync(client, conversation, no);

        Assert.Equal(2, (await OpenItemsAsync(client, list)).Count);
    }

    [Theory]
    [InlineData("got the milk")]
    [InlineData("just bought milk")]
    [InlineData("j'ai pris le lait")]
    public async Task Got_CrossesTheItemOffWhereverItIs(string message)
    {
        using var client = await NewClientAsync();
        var list = await DefaultListAsync(client);
        await AddItemsAsync(client, list, message.Contains("lait", StringComparison.Ordinal) ? "lait" : "milk", "bananas");

        await SayAsync(client, await StartAsync(client), message);

        Assert.Equal(["bananas"], await OpenItemsAsync(client, list));
    }

    [Theory]
    [InlineData("add screws and wood glue to my hardware list", "hardware", "screws", "wood glue")]
    [InlineData("ajoute des vis et de la colle à bois à ma liste bricolage", "bricolage", "vis", "colle à bois")]
    [InlineData("mets du papier de verre sur ma liste bricolage", "bricolage", "papier de verre", null)]
    public async Task Add_ToAListOfItsOwnName_MakesTheList(string message, string name, string first, string? second)
    {
        using var client = await NewClientAsync();

        await SayAsync(client, await StartAsync(client), message);

        var lists = await client.GetFromJsonAsync<JsonElement>("/api/v1/lists");
        var made = lists.EnumerateArray().Single(l => l.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
        var items = await OpenItemsAsync(client, made);
        Assert.Contains(first, items);
        if (second is not null)
        {
            Assert.Contains(second, items);
        }

        Assert.Equal(0, await CountAsync(client, "/api/v1/tasks"));
    }

    [Theory]
    [InlineData("ugh today was awful", false)]
    [InlineData("what a rough day", false)]
    [InlineData("how are you?", false)]
    [InlineData("hey how's it going", false)]
    [InlineData("good morning!", false)]
    [InlineData("good night", false)]
    [InlineData("who are you?", false)]
    [InlineData("pff journée horrible", true)]
    [InlineData("ça va ?", true)]
    [InlineData("salut ça va", true)]
    [InlineData("bonne nuit", true)]
    [InlineData("t'es qui toi ?", true)]
    [InlineData("tu sers à quoi ?", true)]
    [InlineData("j'en ai marre de cette journée", true)]
    public async Task SmallTalk_GetsAShortHumanAnswerInItsLanguage_AndCreatesNothing(string message, bool french)
    {
        using var client = await NewClientAsync();

        var reply = await SayAsync(client, await StartAsync(client), message);

        var text = Text(reply);
        Assert.Empty(Actions(reply));
        Assert.DoesNotContain("catch", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pas compris", text, StringComparison.Ordinal);
        Assert.DoesNotContain("provider", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fournisseur", text, StringComparison.Ordinal);
        Assert.True(french == (text.Contains(" tu ", StringComparison.Ordinal) || text.Contains("Ça ", StringComparison.Ordinal)
            || text.Contains("À ", StringComparison.Ordinal) || text.Contains(" je ", StringComparison.Ordinal) || text.Contains("Je ", StringComparison.Ordinal)
            || text.Contains("Bonjour", StringComparison.Ordinal)), text);
        Assert.Equal(0, await CountAsync(client, "/api/v1/tasks"));
        Assert.Equal(0, await CountAsync(client, "/api/v1/notes"));
    }

    [Theory]
    [InlineData("buy batteries", "oops undo that")]
    [InlineData("buy batteries", "cancel that")]
    [InlineData("buy batteries", "never mind")]
    [InlineData("buy batteries", "wait, undo")]
    [InlineData("acheter des piles", "oups annule ça")]
    [InlineData("acheter des piles", "non attends, annule")]
    [InlineData("acheter des piles", "annule")]
    public async Task UndoSaidCasually_UndoesTheLatestCapture(string capture, string undo)
    {
        using var client = await NewClientAsync();
        var conversation = await StartAsync(client);
        Assert.NotEmpty(Actions(await SayAsync(client, conversation, capture)));

        await SayAsync(client, conversation, undo);

        Assert.Equal(0, await CountAsync(client, "/api/v1/tasks"));
        Assert.Empty(await OpenItemsAsync(client, await DefaultListAsync(client)));
    }

    [Theory]
    [InlineData("add apples and pears to the grocery list", "what's on the list?", "undo")]
    [InlineData("add apples and pears to the grocery list", "what do I have today?", "oops undo that")]
    [InlineData("ajoute des pommes et des poires à la liste de courses", "qu'est-ce qu'il y a sur la liste ?", "annule")]
    public async Task UndoAfterAQuestion_UndoesTheCaptureBeforeIt(string capture, string question, string undo)
    {
        using var client = await NewClientAsync();
        var list = await DefaultListAsync(client);
        await AddItemsAsync(client, list, "rice");
        var conversation = await StartAsync(client);
        await SayAsync(client, conversation, capture);
        Assert.Equal(3, (await OpenItemsAsync(client, list)).Count);

        Assert.Empty(Actions(await SayAsync(client, conversation, question)));
        await SayAsync(client, conversation, undo);

        Assert.Equal(["rice"], await OpenItemsAsync(client, list));
    }

    [Fact]
    public async Task FrenchReplies_NameTheDefaultListInFrench()
    {
        using var client = await NewClientAsync();

        var reply = Text(await SayAsync(client, await StartAsync(client), "ajoute du lait et des oeufs aux courses"));

        Assert.Contains("Courses", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Groceries", reply, StringComparison.Ordinal);
    }

    private async Task<HttpClient> NewClientAsync() => (await Accounts.RegisterAndLoginAsync(app)).Client(app);

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<int> CountAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("items").GetArrayLength();

    private static async Task<Guid> DefaultListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/lists")).EnumerateArray().First(l => l.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetGuid();

    private static async Task AddItemsAsync(HttpClient client, Guid list, params string[] items)
    {
        foreach (var item in items)
        {
            await PostAsync(client, $"/api/v1/lists/{list}/items", new { text = item });
        }
    }

    private static async Task<List<string>> OpenItemsAsync(HttpClient client, Guid list) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/lists/{list}/items?checked=false")).EnumerateArray().Select(i => i.GetProperty("text").GetString()!)];
}
