using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Resources;

/// <summary>Notes over real HTTP: full-text search on SQLite (FTS5) and PostgreSQL (tsvector + GIN), wiki links, owner scoping.</summary>
[Trait("Category", "Integration")]
public sealed class NoteTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task Search_FindsWordsAndPrefixes_InTitlesAndBodies_OnlyInMyNotes()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var client = owner.Client(app);
        using var otherClient = other.Client(app);
        var valve = await CreateAsync(client, new { title = "Boiler", body = "The plumber said the valve needs replacing." });
        var wifi = await CreateAsync(client, new { body = "# Wifi\nThe password is on the fridge." });
        var cafe = await CreateAsync(client, new { title = "Café Œuvre", body = "Réunion à 9h, près de l'école." });
        await CreateAsync(otherClient, new { title = "Their boiler", body = "plumber secrets" });

        Assert.Equal("Wifi", wifi.GetProperty("title").GetString());
        Assert.Equal([Id(valve)], await SearchAsync(client, "plumb"));
        Assert.Equal([Id(valve)], await SearchAsync(client, "valve replacing"));
        Assert.Equal([Id(wifi)], await SearchAsync(client, "fridge password"));
        Assert.Empty(await SearchAsync(client, "valve fridge"));
        Assert.Empty(await SearchAsync(client, "\"unbalanced * OR ( -"));
        Assert.Equal([Id(cafe)], await SearchAsync(client, "café réunion"));
        Assert.Equal([Id(cafe)], await SearchAsync(client, "ECOLE, pres oeuvre"));
        Assert.Single(await SearchAsync(otherClient, "plumber"));
        // On SQLite the owner is a token of the full-text table: it scopes the search and is never searched itself.
        Assert.Empty(await SearchAsync(client, owner.Id.ToString("N")));

        using var edited = await client.PatchAsJsonAsync($"/api/v1/notes/{Id(valve)}", new { body = "Fixed in March." });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Empty(await SearchAsync(client, "plumber"));
        Assert.Equal([Id(valve)], await SearchAsync(client, "march"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/notes/{Id(valve)}")).StatusCode);
        Assert.Empty(await SearchAsync(client, "march"));
    }

    [Fact]
    public async Task Search_ForSomeoneWithManyNotes_UsesTheIndex_AndListsCarryExcerptsAndTotals()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var client = owner.Client(app);
        using var otherClient = other.Client(app);
        var now = app.Clock.GetUtcNow();
        using (var scope = app.Services.CreateScope())
        {
            // One note past the limit where PostgreSQL stops reading the person's own notes and uses the GIN index.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Notes.AddRange(Enumerable.Range(0, NoteSearch.PersonalScanLimit + 1).Select(i => new Note
            {
                UserId = owner.Id,
                Title = i == 750 ? "Œuvres complètes" : $"Log {i}",
                Body = i % 250 == 0 ? $"Call the locksmith about door {i}. " + new string('x', 300) : "Nothing to see.",
                Pinned = i == 250,
                Tags = i == 500 ? ["home"] : [],
                CreatedAt = now.AddMinutes(-i),
                UpdatedAt = now.AddMinutes(-i),
            }));
            await db.SaveChangesAsync();
        }

        await CreateAsync(otherClient, new { title = "Theirs", body = "locksmith" });

        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?q=locksm&pageSize=2");
        Assert.Equal(5, found.GetProperty("total").GetInt32());
        Assert.Equal(2, found.GetProperty("items").GetArrayLength());
        var excerpt = found.GetProperty("items")[0].GetProperty("excerpt").GetString()!;
        Assert.Equal(201, excerpt.Length);
        Assert.EndsWith("…", excerpt, StringComparison.Ordinal);
        Assert.Single(await SearchAsync(otherClient, "locksmith"));
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?q=locksmith&pinned=true")).GetProperty("total").GetInt32());
        Assert.Equal(4, (await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?q=locksmith&pinned=false")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?q=locksmith&tag=home")).GetProperty("total").GetInt32());
        // The index folds "œ" as the query does (the SQLite tokenizer keeps the ligature; its triggers write "oe").
        var oeuvres = Assert.Single(await SearchAsync(client, "oeuvres"));
        Assert.Equal([oeuvres], await SearchAsync(client, "Œuvre COMPLETE"));
        var lastMatch = await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?q=locksmith&page=3&pageSize=2");
        Assert.Equal(5, lastMatch.GetProperty("total").GetInt32());
        Assert.Single(lastMatch.GetProperty("items").EnumerateArray());
        var pastTheMatches = await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?q=locksmith&page=4&pageSize=2");
        Assert.Equal(5, pastTheMatches.GetProperty("total").GetInt32());
        Assert.Empty(pastTheMatches.GetProperty("items").EnumerateArray());

        // Edits and deletions reach the index: a note no longer says "locksmith", another is gone.
        var matches = (await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?q=locksmith")).GetProperty("items").EnumerateArray().Select(Id).ToList();
        using var edited = await client.PatchAsJsonAsync($"/api/v1/notes/{matches[0]}", new { body = "The door is fixed, le cœur léger." });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/notes/{matches[1]}")).StatusCode);
        Assert.Equal(matches[2..].Order(), (await SearchAsync(client, "locksmith")).Order());
        Assert.Equal([matches[0]], await SearchAsync(client, "door fixed"));
        Assert.Equal([matches[0]], await SearchAsync(client, "coeur leger"));
        await CreateAsync(client, new { title = "Log extra", body = "Nothing." });

        var lastPage = await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?page=11&pageSize=100");
        Assert.Equal(NoteSearch.PersonalScanLimit + 1, lastPage.GetProperty("total").GetInt32());
        Assert.Single(lastPage.GetProperty("items").EnumerateArray());
        var pastTheEnd = await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?page=12&pageSize=100");
        Assert.Equal(NoteSearch.PersonalScanLimit + 1, pastTheEnd.GetProperty("total").GetInt32());
        Assert.Empty(pastTheEnd.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task WikiLinks_GiveBacklinks_ByTitle()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var recipes = await CreateAsync(client, new { title = "Recipes", body = "Soups and stews." });
        var soup = await CreateAsync(client, new { title = "Lentil soup", body = "From my [[recipes]] collection, see also [[Groceries|the list]]." });
        await CreateAsync(client, new { title = "Unrelated", body = "No links here, only [single brackets]." });

        var backlinks = await client.GetFromJsonAsync<JsonElement>($"/api/v1/notes/{Id(recipes)}/backlinks");

        Assert.Equal([Id(soup)], backlinks.EnumerateArray().Select(Id));
        using var unlinked = await client.PatchAsJsonAsync($"/api/v1/notes/{Id(soup)}", new { body = "No more links." });
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/v1/notes/{Id(recipes)}/backlinks")).EnumerateArray());
    }

    [Fact]
    public async Task AnotherPersonsNote_Is404_AndBadInputIs400()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var client = owner.Client(app);
        using var otherClient = other.Client(app);
        var note = await CreateAsync(client, new { title = "Private", body = "mine", pinned = true, tags = new[] { "Home" } });

        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/notes/{Id(note)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PatchAsJsonAsync($"/api/v1/notes/{Id(note)}", new { body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync($"/api/v1/notes/{Id(note)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/notes/{Id(note)}/backlinks")).StatusCode);
        Assert.Equal(0, (await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/notes?tag=home")).GetProperty("total").GetInt32());
        Assert.Equal([Id(note)], (await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?pinned=true&tag=home")).GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal([Id(note)], (await client.GetFromJsonAsync<JsonElement>("/api/v1/notes?q=mine&pinned=true&tag=home")).GetProperty("items").EnumerateArray().Select(Id));
        Assert.Empty(await SearchAsync(client, "mine", "&pinned=false"));
        Assert.Empty(await SearchAsync(client, "mine", "&tag=work"));
        Assert.Empty(await SearchAsync(otherClient, "mine"));

        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/notes", new { title = " ", body = "" }), "body");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/notes", new { title = new string('t', 201) }), "title");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/notes", new { body = "x", tags = new[] { "" } }), "tags");
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/notes")).GetProperty("total").GetInt32());
    }

    private static async Task<List<Guid>> SearchAsync(HttpClient client, string q, string filters = "")
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/notes?q={Uri.EscapeDataString(q)}{filters}");
        return [.. page.GetProperty("items").EnumerateArray().Select(Id)];
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/notes", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Guid Id(JsonElement item) => item.GetProperty("id").GetGuid();
}
