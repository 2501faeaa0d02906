using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// One-word replies to nudges in the web chat (issue 16), in English and French: with two reminders nudged, the
/// command acts on the latest one, says which, and leaves the earlier one alone; with nothing pending it changes nothing.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class NudgeReplyTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Theory]
    [InlineData("en", "DONE", "Done: water the plants.", "undo")]
    [InlineData("fr", "Fait !", "Fait : arroser les plantes.", "annule")]
    public async Task Done_AcknowledgesTheLatestNudge_NotTheEarlierOne_AndUndoPutsItBack(string locale, string command, string expected, string undo)
    {
        var (user, earlier, latest) = await TwoNudgedAsync(locale);
        using var client = user.Client(_app);
        var conversation = await Chat.StartAsync(client);

        var reply = await Chat.SayAsync(client, conversation, command);

        Assert.Equal(expected, Chat.Text(reply));
        Assert.Equal("acknowledged", (await ReminderAsync(client, latest)).GetProperty("status").GetString());
        Assert.Equal("delivered", (await ReminderAsync(client, earlier)).GetProperty("status").GetString());

        await Chat.SayAsync(client, conversation, undo);
        Assert.Equal("delivered", (await ReminderAsync(client, latest)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Done_OnAReminderAboutATask_FinishesTheTaskToo_AndUndoReopensBoth()
    {
        var user = await UserAsync("en");
        Guid taskId, reminderId;
        using (var client = user.Client(_app))
        {
            using var task = await client.PostAsJsonAsync("/api/v1/tasks", new { title = "file the tax return" });
            Assert.Equal(HttpStatusCode.Created, task.StatusCode);
            taskId = (await task.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            using var reminder = await client.PostAsJsonAsync("/api/v1/reminders",
                new { text = "file the tax return", when = Iso(_app.Clock.GetUtcNow().AddMinutes(5)), taskId });
            Assert.Equal(HttpStatusCode.Created, reminder.StatusCode);
            reminderId = (await reminder.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        user = await Dispatch.FreshAsync(_app, user);
        using var fresh = user.Client(_app);
        var conversation = await Chat.StartAsync(fresh);

        await Chat.SayAsync(fresh, conversation, "DONE");
        Assert.Equal("acknowledged", (await ReminderAsync(fresh, reminderId)).GetProperty("status").GetString());
        Assert.Equal("done", (await fresh.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{taskId}")).GetProperty("status").GetString());

        await Chat.SayAsync(fresh, conversation, "undo");
        Assert.Equal("delivered", (await ReminderAsync(fresh, reminderId)).GetProperty("status").GetString());
        Assert.Equal("open", (await fresh.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{taskId}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("en", "SNOOZE 20", 20)]
    [InlineData("fr", "PLUS TARD 20", 20)]
    [InlineData("en", "snooze.", 10)]
    [InlineData("fr", "plus tard", 10)]
    public async Task Snooze_MovesOnlyTheLatest_AndTheDispatcherNudgesAgainAfterTheMinutes(string locale, string command, int minutes)
    {
        var (user, earlier, latest) = await TwoNudgedAsync(locale);
        var until = _app.Clock.GetUtcNow().AddMinutes(minutes);
        using (var client = user.Client(_app))
        {
            var conversation = await Chat.StartAsync(client);
            var reply = await Chat.SayAsync(client, conversation, command);
            Assert.Contains(locale == "fr" ? "arroser les plantes" : "water the plants", Chat.Text(reply), StringComparison.Ordinal);

            var snoozed = await ReminderAsync(client, latest);
            Assert.Equal("snoozed", snoozed.GetProperty("status").GetString());
            Assert.Equal(until, snoozed.GetProperty("nextAt").GetDateTimeOffset());
            var untouched = await ReminderAsync(client, earlier);
            Assert.Equal("delivered", untouched.GetProperty("status").GetString());
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(minutes));
        await Dispatch.RunAsync(_app);
        var notifications = await Dispatch.NotificationsAsync(_app, user);
        Assert.Equal(3, notifications.Count);
        Assert.Equal(latest, notifications[0].GetProperty("reminderId").GetGuid());
        Assert.Equal(until, notifications[0].GetProperty("occurrence").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("en", "skip", "Skipped this time: water the plants.")]
    [InlineData("fr", "PASSER", "Passé pour cette fois : arroser les plantes.")]
    public async Task Skip_LetsTheLatestOneOffGo_AndLeavesTheEarlierOne(string locale, string command, string expected)
    {
        var (user, earlier, latest) = await TwoNudgedAsync(locale);
        using var client = user.Client(_app);
        var conversation = await Chat.StartAsync(client);

        Assert.Equal(expected, Chat.Text(await Chat.SayAsync(client, conversation, command)));
        Assert.Equal("acknowledged", (await ReminderAsync(client, latest)).GetProperty("status").GetString());
        Assert.Equal("delivered", (await ReminderAsync(client, earlier)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("en", "Smaller", "water the plants in small steps:")]
    [InlineData("fr", "PLUS PETIT", "arroser les plantes en petites étapes :")]
    public async Task Smaller_BreaksTheLatestIntoStepsSavedAsSubtasks(string locale, string command, string heading)
    {
        var (user, earlier, latest) = await TwoNudgedAsync(locale);
        using var client = user.Client(_app);
        var conversation = await Chat.StartAsync(client);

        var text = Chat.Text(await Chat.SayAsync(client, conversation, command));

        Assert.StartsWith(heading, text, StringComparison.Ordinal);
        Assert.Contains("\n1. ", text, StringComparison.Ordinal);
        var linked = (await ReminderAsync(client, latest)).GetProperty("taskId").GetGuid();
        var task = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{linked}");
        Assert.True(task.GetProperty("steps").GetInt32() >= 3);
        Assert.Equal(JsonValueKind.Null, (await ReminderAsync(client, earlier)).GetProperty("taskId").ValueKind);
    }

    [Theory]
    [InlineData("en", "DONE", "Nothing to act on: no reminder is waiting for an answer.")]
    [InlineData("fr", "FAIT", "Rien à faire : aucun rappel n'attend de réponse.")]
    public async Task Command_WithNoPendingNudge_SaysSoKindly_AndChangesNothing(string locale, string command, string expected)
    {
        var user = await UserAsync(locale);
        using var client = user.Client(_app);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text = "pay rent", when = Iso(_app.Clock.GetUtcNow().AddHours(1)) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var conversation = await Chat.StartAsync(client);

        var reply = await Chat.SayAsync(client, conversation, command);

        Assert.Equal(expected, Chat.Text(reply));
        Assert.Empty(Chat.Actions(reply));
        Assert.Equal("scheduled", (await ReminderAsync(client, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task SnoozeThat_AfterANudge_IsAboutTheNudge_NotTheItemTalkedAboutBefore()
    {
        var user = await UserAsync("en");
        using (var client = user.Client(_app))
        {
            var conversation = await Chat.StartAsync(client);
            // the conversation is about a new reminder; then another one goes off
            await Chat.SayAsync(client, conversation, "remind me to pay rent tomorrow at 9am");
            using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text = "take the pills", when = Iso(_app.Clock.GetUtcNow().AddMinutes(5)) });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);

        user = await Dispatch.FreshAsync(_app, user);
        using var fresh = user.Client(_app);
        var again = await Chat.StartAsync(fresh);
        var reply = await Chat.SayAsync(fresh, again, "snooze that 15 minutes");
        Assert.Contains("take the pills", Chat.Text(reply), StringComparison.Ordinal);
        var page = await fresh.GetFromJsonAsync<JsonElement>("/api/v1/reminders?status=snoozed");
        Assert.Equal("take the pills", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
    }

    /// <summary>A person with two one-off reminders nudged five minutes apart: (person, the earlier, the latest).</summary>
    private async Task<(TestUser User, Guid Earlier, Guid Latest)> TwoNudgedAsync(string locale)
    {
        var user = await UserAsync(locale);
        var french = locale == "fr";
        Guid earlier, latest;
        using (var client = user.Client(_app))
        {
            earlier = await CreateAsync(client, french ? "appeler maman" : "call mom", 5);
            latest = await CreateAsync(client, french ? "arroser les plantes" : "water the plants", 10);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        Assert.Equal(2, (await Dispatch.NotificationsAsync(_app, user)).Count);
        return (await Dispatch.FreshAsync(_app, user), earlier, latest);
    }

    private async Task<Guid> CreateAsync(HttpClient client, string text, int inMinutes)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/reminders", new { text, when = Iso(_app.Clock.GetUtcNow().AddMinutes(inMinutes)) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<TestUser> UserAsync(string locale)
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        if (locale != "en")
        {
            using var client = user.Client(_app);
            using var changed = await client.PatchAsJsonAsync("/api/v1/users/me", new { locale });
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        return user;
    }

    private static async Task<JsonElement> ReminderAsync(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{id}");

    private static string Iso(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
