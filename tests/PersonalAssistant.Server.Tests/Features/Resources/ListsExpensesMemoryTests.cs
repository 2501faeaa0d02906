using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Resources;

/// <summary>Lists, expenses and memory over real HTTP on both databases.</summary>
[Trait("Category", "Integration")]
public sealed class ListsExpensesMemoryTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task Groceries_IsThereFromTheStart_AndAddingAnItemAgainMergesIt()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        var lists = await client.GetFromJsonAsync<JsonElement>("/api/v1/lists");
        var groceries = Assert.Single(lists.EnumerateArray());
        Assert.Equal(("Groceries", true), (groceries.GetProperty("name").GetString(), groceries.GetProperty("isDefault").GetBoolean()));
        var id = groceries.GetProperty("id").GetGuid();

        using var eggs = await client.PostAsJsonAsync($"/api/v1/lists/{id}/items", new { text = "Eggs", quantity = 6 });
        Assert.Equal(HttpStatusCode.Created, eggs.StatusCode);
        using var again = await client.PostAsJsonAsync($"/api/v1/lists/{id}/items", new { text = "egg ", quantity = 6 });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var merged = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((12, true), (merged.GetProperty("quantity").GetInt32(), merged.GetProperty("merged").GetBoolean()));
        using var oeufs = await client.PostAsJsonAsync($"/api/v1/lists/{id}/items", new { text = "Œufs" });
        using var oeuf = await client.PostAsJsonAsync($"/api/v1/lists/{id}/items", new { text = "oeuf" });
        Assert.Equal(HttpStatusCode.OK, oeuf.StatusCode);

        var itemId = merged.GetProperty("id").GetGuid();
        using var check = await client.PatchAsJsonAsync($"/api/v1/lists/{id}/items/{itemId}", new { @checked = true });
        Assert.True((await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checked").GetBoolean());
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // added after "Œufs": listed after it
        using var fresh = await client.PostAsJsonAsync($"/api/v1/lists/{id}/items", new { text = "eggs" }); // a checked item is not merged into
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        var cleared = await (await client.PostAsync($"/api/v1/lists/{id}/items/clear-checked", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, cleared.GetProperty("removed").GetInt32());
        var items = await client.GetFromJsonAsync<JsonElement>($"/api/v1/lists/{id}/items");
        Assert.Equal(["Œufs", "eggs"], items.EnumerateArray().Select(i => i.GetProperty("text").GetString()));

        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"/api/v1/lists/{id}")).StatusCode);
        using var hardware = await client.PostAsJsonAsync("/api/v1/lists", new { name = "Hardware store" });
        Assert.Equal(HttpStatusCode.Created, hardware.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/v1/lists", new { name = "hardware STORE" })).StatusCode);
    }

    [Fact]
    public async Task ANewListNamedLikeTheDefault_BeforeListsWereRead_IsAConflict_AndGroceriesStaysOne()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        using var created = await client.PostAsJsonAsync("/api/v1/lists", new { name = "groceries" });

        var problem = await created.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("Already there", "You already have a list called \"groceries\"."),
            (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        var lists = await client.GetFromJsonAsync<JsonElement>("/api/v1/lists");
        Assert.Equal("Groceries", Assert.Single(lists.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Expenses_GuessACategory_AndSumAMonthByCategoryAndCurrency()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        await CreateAsync(client, "/api/v1/expenses", new { amount = 12.5m, description = "lunch with Sam", date = "2026-03-10" });
        await CreateAsync(client, "/api/v1/expenses", new { amount = 4.25m, description = "coffee", date = "2026-03-11" });
        var uber = await CreateAsync(client, "/api/v1/expenses", new { amount = 23.4m, currency = "usd", description = "uber home", date = "2026-03-12" });
        await CreateAsync(client, "/api/v1/expenses", new { amount = 30m, currency = "EUR", description = "essence", date = "2026-03-15" });
        await CreateAsync(client, "/api/v1/expenses", new { amount = 99m, description = "lunch", date = "2026-04-01" });
        Assert.Equal(("transport", "USD"), (uber.GetProperty("category").GetString(), uber.GetProperty("currency").GetString()));

        var summary = await client.GetFromJsonAsync<JsonElement>("/api/v1/expenses/summary?month=2026-03");

        var eatingOut = summary.GetProperty("byCategory").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "eating out");
        // no currency given: the account's default, set at sign-up from its zone (Toronto: Canadian dollars)
        Assert.Equal((16.75m, "CAD", 2), (eatingOut.GetProperty("total").GetDecimal(), eatingOut.GetProperty("currency").GetString(), eatingOut.GetProperty("count").GetInt32()));
        Assert.Equal([("CAD", 16.75m), ("EUR", 30m), ("USD", 23.4m)],
            summary.GetProperty("totals").EnumerateArray().Select(t => (t.GetProperty("currency").GetString(), t.GetProperty("total").GetDecimal())));
        var march = await client.GetFromJsonAsync<JsonElement>("/api/v1/expenses?month=2026-03");
        Assert.Equal(4, march.GetProperty("total").GetInt32());

        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/expenses", new { amount = 0, description = "x" }), "amount");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/expenses", new { amount = 5, description = "x", currency = "ABC" }), "currency");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/expenses", new { amount = 5, description = "x", category = "yachts" }), "category");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/expenses", new { amount = 5, description = "x", date = "1850-01-01" }), "date");
        await AssertFieldErrorAsync(await client.GetAsync("/api/v1/expenses/summary?month=March"), "month");
        Assert.Equal(5, (await client.GetFromJsonAsync<JsonElement>("/api/v1/expenses")).GetProperty("total").GetInt32());

        // The total is right on a full page (counted), on the last partial page (known from the page) and past the end.
        foreach (var (page, items) in new[] { (1, 2), (3, 1), (4, 0) })
        {
            var paged = await client.GetFromJsonAsync<JsonElement>($"/api/v1/expenses?page={page}&pageSize=2");
            Assert.Equal((items, 5), (paged.GetProperty("items").GetArrayLength(), paged.GetProperty("total").GetInt32()));
        }
    }

    [Fact]
    public async Task Memories_AreThePersonsToListEditAndDelete()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var sister = await CreateAsync(client, "/api/v1/memories", new { body = "my sister's name is Julie" });
        await CreateAsync(client, "/api/v1/memories", new { body = "I focus best in the morning" });

        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/memories?q=JULIE");
        Assert.Equal([sister.GetProperty("id").GetGuid()], found.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        using var edited = await client.PatchAsJsonAsync($"/api/v1/memories/{sister.GetProperty("id").GetGuid()}", new { body = "my sister is Julie, she lives in Lyon" });
        Assert.Equal("my sister is Julie, she lives in Lyon", (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("body").GetString());
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/memories", new { body = new string('m', 1001) }), "body");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/memories/{sister.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/memories")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnotherPersonsListsExpensesAndMemories_Are404_AndNeverListed()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var ownerClient = owner.Client(app);
        using var otherClient = other.Client(app);
        var list = (await ownerClient.GetFromJsonAsync<JsonElement>("/api/v1/lists"))[0].GetProperty("id").GetGuid();
        var item = (await CreateAsync(ownerClient, $"/api/v1/lists/{list}/items", new { text = "secret sauce" })).GetProperty("id").GetGuid();
        var expense = (await CreateAsync(ownerClient, "/api/v1/expenses", new { amount = 10m, description = "secret gift" })).GetProperty("id").GetGuid();
        var memory = (await CreateAsync(ownerClient, "/api/v1/memories", new { body = "secret fact" })).GetProperty("id").GetGuid();

        foreach (var path in new[] { $"/api/v1/lists/{list}", $"/api/v1/lists/{list}/items", $"/api/v1/expenses/{expense}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsJsonAsync($"/api/v1/lists/{list}/items", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PatchAsJsonAsync($"/api/v1/lists/{list}/items/{item}", new { @checked = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync($"/api/v1/lists/{list}/items/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PatchAsJsonAsync($"/api/v1/lists/{list}", new { name = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync($"/api/v1/lists/{list}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PatchAsJsonAsync($"/api/v1/expenses/{expense}", new { amount = 1m })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync($"/api/v1/expenses/{expense}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PatchAsJsonAsync($"/api/v1/memories/{memory}", new { body = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync($"/api/v1/memories/{memory}")).StatusCode);

        Assert.DoesNotContain("secret", await otherClient.GetStringAsync("/api/v1/lists"), StringComparison.Ordinal);
        Assert.Equal(0, (await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/expenses")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/memories?q=secret")).GetProperty("total").GetInt32());
        Assert.Empty((await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/expenses/summary")).GetProperty("totals").EnumerateArray());
        Assert.Equal("secret sauce", (await ownerClient.GetFromJsonAsync<JsonElement>($"/api/v1/lists/{list}/items"))[0].GetProperty("text").GetString());
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
