using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// The quick-capture preview (issue 18): what the assistant would understand in some words, with each part's label in
/// the person's language and zone and its place in the text, read exactly as sending would read it, and nothing saved.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UnderstandCaptureTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    private const string Path = "/api/v1/assistant/understand";

    [Fact]
    public async Task AReminderWithATime_ShowsTheDayAndTheClock_WithTheirPlaces_AndSavesNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        const string text = "remind me to call mom tomorrow at 3pm";

        var understood = await UnderstandAsync(client, text);

        Assert.Equal("reminder", understood.GetProperty("kind").GetString());
        Assert.Equal("call mom", understood.GetProperty("title").GetString());
        var parts = Parts(understood, text);
        Assert.Equal([("date", "tomorrow", "tomorrow"), ("time", "3:00 PM", "at 3pm")], parts);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ARepeatingReminder_SaysHowOften()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        const string text = "remind me every monday at 9am to water the plants";

        var understood = await UnderstandAsync(client, text);

        Assert.Equal("reminder", understood.GetProperty("kind").GetString());
        Assert.Contains(("recurrence", "every Monday", "every monday"), Parts(understood, text));
        Assert.Contains(Parts(understood, text), p => p.Part == "time" && p.Label == "9:00 AM");
    }

    [Fact]
    public async Task AGroceryItem_NamesTheList_WhereTheWordsSayIt()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        const string text = "add milk to the grocery list";

        var understood = await UnderstandAsync(client, text);

        Assert.Equal("list", understood.GetProperty("kind").GetString());
        Assert.Equal("milk", understood.GetProperty("title").GetString());
        Assert.Equal([("list", "Groceries", "to the grocery list")], Parts(understood, text));
        var groceries = (await client.GetFromJsonAsync<JsonElement>("/api/v1/lists")).EnumerateArray().ToList();
        Assert.All(groceries, list => Assert.Equal(0, list.GetProperty("totalItems").GetInt32()));
    }

    [Fact]
    public async Task AnExpense_ShowsTheAmount_AndSavesNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        const string text = "spent 12.50 € on lunch";

        var understood = await UnderstandAsync(client, text);

        Assert.Equal("expense", understood.GetProperty("kind").GetString());
        Assert.Equal("lunch", understood.GetProperty("title").GetString());
        Assert.Equal([("amount", "12.50 EUR", "12.50 €")], Parts(understood, text));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/expenses")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AFrenchPerson_ReadsTheLabelsInFrench()
    {
        var user = await Accounts.RegisterAndLoginAsync(app, locale: "fr");
        using var client = user.Client(app);
        const string text = "rappelle-moi d'appeler maman demain à 15h tous les jours";

        var understood = await UnderstandAsync(client, text);

        Assert.Equal("reminder", understood.GetProperty("kind").GetString());
        var parts = Parts(understood, text);
        Assert.Contains(parts, p => p.Part == "time" && p.Label == "15:00" && p.Words.Contains("15h", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.Part == "recurrence" && p.Label == "tous les jours");
    }

    [Fact]
    public async Task SmallTalk_IsChat_WithNoParts()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        var understood = await UnderstandAsync(client, "thanks!");

        Assert.Equal("chat", understood.GetProperty("kind").GetString());
        Assert.Equal(0, understood.GetProperty("parts").GetArrayLength());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task NoWords_AreABadRequest(string? text)
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        using var response = await client.PostAsJsonAsync(Path, new { text });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task MoreThanAChatMessage_IsABadRequest()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        using var response = await client.PostAsJsonAsync(Path, new { text = new string('a', 4001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WithoutSigningIn_IsUnauthorized()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync(Path, new { text = "call mom tomorrow" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<JsonElement> UnderstandAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync(Path, new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Each part as (part, label, the words it covers in the text).</summary>
    private static List<(string Part, string Label, string Words)> Parts(JsonElement understood, string text) =>
        understood.GetProperty("parts").EnumerateArray().Select(p => (
            p.GetProperty("part").GetString()!,
            p.GetProperty("label").GetString()!,
            p.GetProperty("start").ValueKind == JsonValueKind.Number ? text.Substring(p.GetProperty("start").GetInt32(), p.GetProperty("length").GetInt32()) : string.Empty)).ToList();
}

/// <summary>Previews are asked at every pause in typing, so each person has a limit of their own (issue 18).</summary>
[Trait("Category", "Integration")]
public sealed class UnderstandCaptureLimitTests : IAsyncLifetime
{
    private const string Path = "/api/v1/assistant/understand";

    private readonly AssistantApp _app = new AssistantApp()
        .With("RateLimits:CapturePreviewsPerAccount:PermitLimit", "2")
        .With("RateLimits:CapturePreviewsPerAccount:WindowSeconds", "300");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task PreviewsAboveThePersonsLimit_Are429WithRetryAfter_AndAnotherPersonIsNotAffected()
    {
        var busy = await Accounts.RegisterAndLoginAsync(_app);
        var other = await Accounts.RegisterAndLoginAsync(_app);
        using var busyClient = busy.Client(_app);
        using var otherClient = other.Client(_app);
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await busyClient.PostAsJsonAsync(Path, new { text = "call mom tomorrow" });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await busyClient.PostAsJsonAsync(Path, new { text = "call mom tomorrow at 3pm" });
        using var stillFree = await otherClient.PostAsJsonAsync(Path, new { text = "call mom tomorrow at 3pm" });

        var problem = await ProblemAssertions.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Contains("Try again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        Assert.Equal(HttpStatusCode.OK, stillFree.StatusCode);
        Assert.NotEqual(0, (await stillFree.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parts").GetArrayLength());
    }
}
