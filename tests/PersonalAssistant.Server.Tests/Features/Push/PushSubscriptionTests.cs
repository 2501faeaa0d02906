using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Fakes;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Push;

/// <summary>Web push over HTTP: the server key, subscribing browsers (owner-scoped, validated), and the test message.</summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class PushSubscriptionTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false");
    private FakePushService _push = null!;

    public async Task InitializeAsync()
    {
        _push = await FakePushService.StartAsync();
        await ((IAsyncLifetime)_app).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _push.DisposeAsync();
    }

    [Fact]
    public async Task PublicKey_IsAGeneratedP256Key_KeptInTheDataDirectoryForTheOwnerOnly()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        var key = (await client.GetFromJsonAsync<JsonElement>("/api/v1/push/public-key")).GetProperty("publicKey").GetString()!;

        var point = System.Buffers.Text.Base64Url.DecodeFromChars(key);
        Assert.Equal(65, point.Length);
        Assert.Equal(0x04, point[0]);
        var file = Path.Combine(_app.DataDirectory, "vapid.json");
        Assert.Contains(key, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        using var anonymous = _app.CreateClient();
        using var refused = await anonymous.GetAsync("/api/v1/push/public-key");
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Subscriptions_AreListedWithoutKeys_UpdatedBySameEndpoint_AndOwnerScoped()
    {
        var owner = await Accounts.RegisterAndLoginAsync(_app);
        var stranger = await Accounts.RegisterAndLoginAsync(_app);
        using var mine = owner.Client(_app);
        using var theirs = stranger.Client(_app);
        var browser = _push.NewBrowser();

        using var created = await mine.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription("Firefox on Linux"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/push/subscriptions/{id}", created.Headers.Location?.ToString());
        Assert.Equal("Firefox on Linux", body.GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("lastSuccessAt").ValueKind);

        // the same endpoint again updates the same subscription
        using (var again = await mine.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription("Firefox at work")))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var listed = await mine.GetStringAsync("/api/v1/push/subscriptions");
        var only = Assert.Single(JsonDocument.Parse(listed).RootElement.EnumerateArray());
        Assert.Equal("Firefox at work", only.GetProperty("label").GetString());
        Assert.DoesNotContain(browser.Endpoint, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.P256dh, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Auth, listed, StringComparison.Ordinal);

        // someone else's subscription does not exist for them
        Assert.Empty((await theirs.GetFromJsonAsync<JsonElement>("/api/v1/push/subscriptions")).EnumerateArray());
        using (var refused = await theirs.DeleteAsync($"/api/v1/push/subscriptions/{id}"))
        {
            await refused.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        using (var removed = await mine.DeleteAsync($"/api/v1/push/subscriptions/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Assert.Empty((await mine.GetFromJsonAsync<JsonElement>("/api/v1/push/subscriptions")).EnumerateArray());
        using (var gone = await mine.DeleteAsync($"/api/v1/push/subscriptions/{id}"))
        {
            await gone.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task ABrowserSubscribedByAnotherAccount_MovesToTheOneThatSubscribesIt()
    {
        var first = await Accounts.RegisterAndLoginAsync(_app);
        var second = await Accounts.RegisterAndLoginAsync(_app);
        using var firstClient = first.Client(_app);
        using var secondClient = second.Client(_app);
        var browser = _push.NewBrowser();
        using (var a = await firstClient.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription()))
        {
            Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        }

        using (var b = await secondClient.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription()))
        {
            Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        }

        Assert.Empty((await firstClient.GetFromJsonAsync<JsonElement>("/api/v1/push/subscriptions")).EnumerateArray());
        Assert.Single((await secondClient.GetFromJsonAsync<JsonElement>("/api/v1/push/subscriptions")).EnumerateArray());
    }

    [Theory]
    [InlineData("http://push.example.com/abc", null, null, "endpoint")]
    [InlineData("not a url", null, null, "endpoint")]
    [InlineData(null, "BAAA", null, "keys.p256dh")]
    [InlineData(null, "not+base64url/", null, "keys.p256dh")]
    [InlineData(null, null, "c2hvcnQ", "keys.auth")]
    public async Task BadSubscription_IsAProblemNamingTheField(string? endpoint, string? p256dh, string? auth, string field)
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        var browser = _push.NewBrowser();
        var request = new { endpoint = endpoint ?? browser.Endpoint, keys = new { p256dh = p256dh ?? browser.P256dh, auth = auth ?? browser.Auth }, label = "x" };
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/push/subscriptions", request), field);
    }

    [Fact]
    public async Task MissingKeys_AndAnOverlongLabel_AreA400Problem()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        var browser = _push.NewBrowser();
        using (var noKeys = await client.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint = browser.Endpoint }))
        {
            await noKeys.AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        using var longLabel = await client.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription(new string('x', 101)));
        await longLabel.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TestPush_ReachesEveryBrowserOfThePerson_InTheirLanguage()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        using (var none = await client.PostAsync("/api/v1/push/test", null))
        {
            await none.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        var laptop = _push.NewBrowser();
        var phone = _push.NewBrowser();
        foreach (var browser in new[] { laptop, phone })
        {
            using var created = await client.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription());
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var sent = await client.PostAsync("/api/v1/push/test", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        Assert.True(_push.Received.Count == 2 && _push.Received.All(r => r.Status == 201), _push.Log);
        foreach (var browser in new[] { laptop, phone })
        {
            var payload = Assert.Single(_push.Delivered(browser));
            Assert.Equal("This is a test notification", payload.GetProperty("body").GetString());
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("notificationId").ValueKind);
        }

        using (var french = await client.PatchAsJsonAsync("/api/v1/users/me", new { locale = "fr" }))
        {
            Assert.True(french.IsSuccessStatusCode);
        }

        using var fresh = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        _app.Clock.Advance(TimeSpan.FromSeconds(3)); // past the 2-second profile cache
        using (var again = await fresh.PostAsync("/api/v1/push/test", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        Assert.Equal("Ceci est une notification de test", _push.Delivered(laptop)[^1].GetProperty("body").GetString());
    }
}
