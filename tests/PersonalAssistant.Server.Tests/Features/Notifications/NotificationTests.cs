using System.Globalization;
using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Notifications;

/// <summary>The in-app channel over HTTP: the person's own notifications, newest first, marked read; someone else's id is a 404.</summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class NotificationTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Notifications_AreListedNewestFirst_AndMarkedRead_ByTheirOwnerOnly()
    {
        var owner = await Accounts.RegisterAndLoginAsync(_app);
        var stranger = await Accounts.RegisterAndLoginAsync(_app);
        await ReminderAtAsync(owner, "first", TimeSpan.FromMinutes(5));
        await ReminderAtAsync(owner, "second", TimeSpan.FromMinutes(10));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);

        owner = await Dispatch.FreshAsync(_app, owner);
        stranger = await Dispatch.FreshAsync(_app, stranger);
        using var mine = owner.Client(_app);
        using var theirs = stranger.Client(_app);
        var page = await mine.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Reminder: second", "Reminder: first"], items.Select(n => n.GetProperty("text").GetString()));
        Assert.All(items, n => Assert.Equal("reminder", n.GetProperty("kind").GetString()));
        var latest = items[0].GetProperty("id").GetGuid();

        // someone else's notification does not exist for them, to read or to mark
        Assert.Equal(0, (await theirs.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("total").GetInt32());
        using (var refused = await theirs.PostAsync($"/api/v1/notifications/{latest}/read", null))
        {
            await refused.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        using (var unknown = await mine.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/read", null))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        var readAt = _app.Clock.GetUtcNow();
        using (var read = await mine.PostAsync($"/api/v1/notifications/{latest}/read", null))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(readAt, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readAt").GetDateTimeOffset());
        }

        // marking again keeps the first time
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var again = await mine.PostAsync($"/api/v1/notifications/{latest}/read", null))
        {
            Assert.Equal(readAt, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readAt").GetDateTimeOffset());
        }

        var unread = await mine.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true");
        Assert.Equal(["Reminder: first"], unread.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        var paged = await mine.GetFromJsonAsync<JsonElement>("/api/v1/notifications?page=2&pageSize=1");
        Assert.Equal("Reminder: first", Assert.Single(paged.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("/api/v1/notifications?pageSize=0", "pageSize")]
    [InlineData("/api/v1/notifications?pageSize=101", "pageSize")]
    [InlineData("/api/v1/notifications?page=0", "page")]
    public async Task BadPaging_IsAProblemNamingTheField(string path, string field)
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        await AssertFieldErrorAsync(await client.GetAsync(path), field);
    }

    [Fact]
    public async Task BadInput_IsA4xxProblem_AndAnonymousCallersAreRefused()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        using (var notABoolean = await client.GetAsync("/api/v1/notifications?unread=maybe"))
        {
            await notABoolean.AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var notAnId = await client.PostAsync("/api/v1/notifications/not-an-id/read", null))
        {
            await notAnId.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        using var anonymous = _app.CreateClient();
        using var refused = await anonymous.GetAsync("/api/v1/notifications");
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task ReminderAtAsync(TestUser user, string text, TimeSpan from)
    {
        using var client = (await Dispatch.FreshAsync(_app, user)).Client(_app);
        var when = _app.Clock.GetUtcNow().Add(from).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
