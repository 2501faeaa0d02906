using System.Text.Json;
using PersonalAssistant.Server.Features.Expenses;
using PersonalAssistant.Server.Features.Lists;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// The service methods the assistant answers questions with (issue 15): each reads only its caller's rows, and only
/// what was asked (a day, a window, dates and categories). Clock: Wednesday 2026-11-18 09:00 in Toronto.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AnswerServicesTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task TasksDueOn_GivesThatDaysUnfinishedTasks_OfThatPersonOnly()
    {
        var (owner, client) = await NewAsync();
        await PostAsync(client, "/api/v1/tasks", new { title = "renew passport", due = "2026-11-19" });
        await PostAsync(client, "/api/v1/tasks", new { title = "call at noon", due = "2026-11-19T12:00" });
        await PostAsync(client, "/api/v1/tasks", new { title = "clean the fridge", due = "2026-11-21" });
        var (_, other) = await NewAsync();
        await PostAsync(other, "/api/v1/tasks", new { title = "not mine", due = "2026-11-19" });

        using var scope = app.Services.CreateScope();
        var due = await scope.ServiceProvider.GetRequiredService<TaskService>().DueOnAsync(await PersonAsync(scope, owner), new DateOnly(2026, 11, 19), default);

        Assert.Equal(["call at noon", "renew passport"], due.Select(t => t.Title));
    }

    [Fact]
    public async Task RemindersDueBetween_GivesThoseInTheWindow_OfThatPersonOnly()
    {
        var (owner, client) = await NewAsync();
        await PostAsync(client, "/api/v1/reminders", new { text = "call the bank", when = "2026-11-19T09:00" });
        await PostAsync(client, "/api/v1/reminders", new { text = "later thing", when = "2026-11-21T09:00" });
        var (_, other) = await NewAsync();
        await PostAsync(other, "/api/v1/reminders", new { text = "not mine", when = "2026-11-19T10:00" });

        using var scope = app.Services.CreateScope();
        var person = await PersonAsync(scope, owner);
        var from = person.StartOf(new NodaTime.LocalDate(2026, 11, 19));
        var found = await scope.ServiceProvider.GetRequiredService<ReminderService>().DueBetweenAsync(person, from, from.AddDays(1), default);

        Assert.Equal(["call the bank"], found.Select(r => r.Text));
    }

    [Fact]
    public async Task ExpensesBetween_KeepsTheDatesAndCategories_OfThatPersonOnly()
    {
        var (owner, client) = await NewAsync();
        await PostAsync(client, "/api/v1/expenses", new { amount = 23.40m, description = "supermarket", category = "groceries", currency = "USD", date = "2026-11-18" });
        await PostAsync(client, "/api/v1/expenses", new { amount = 12.10m, description = "burrito", category = "eating out", currency = "USD", date = "2026-11-16" });
        await PostAsync(client, "/api/v1/expenses", new { amount = 40m, description = "gas", category = "transport", currency = "USD", date = "2026-11-18" });
        await PostAsync(client, "/api/v1/expenses", new { amount = 50m, description = "restaurant", category = "eating out", currency = "USD", date = "2026-11-15" });
        var (_, other) = await NewAsync();
        await PostAsync(other, "/api/v1/expenses", new { amount = 99m, description = "not mine", category = "groceries", currency = "USD", date = "2026-11-18" });

        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<ExpenseService>();
        var person = await PersonAsync(scope, owner);
        var food = await service.BetweenAsync(person, new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 19), ["groceries", "eating out"], default);
        var all = await service.BetweenAsync(person, new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 19), [], default);

        Assert.Equal(35.50m, food.Sum(e => e.Amount));
        Assert.Equal(75.50m, all.Sum(e => e.Amount));
    }

    [Fact]
    public async Task NotesRecent_GivesTheBodies_OfThatPersonOnly()
    {
        var (owner, client) = await NewAsync();
        await PostAsync(client, "/api/v1/notes", new { title = "Cabin", body = "wifi password is bluefrog22" });
        var (_, other) = await NewAsync();
        await PostAsync(other, "/api/v1/notes", new { title = "Other", body = "not mine" });

        using var scope = app.Services.CreateScope();
        var notes = await scope.ServiceProvider.GetRequiredService<NoteService>().RecentAsync(await PersonAsync(scope, owner), 50, default);

        Assert.Equal("wifi password is bluefrog22", Assert.Single(notes).Body);
    }

    [Fact]
    public async Task CheckAll_ChecksEveryOpenItem_AndAnotherPersonsListIsNotFound()
    {
        var (owner, client) = await NewAsync();
        var list = (await client.GetFromJsonAsync<JsonElement>("/api/v1/lists")).EnumerateArray().First().GetProperty("id").GetGuid();
        foreach (var item in new[] { "eggs", "milk" })
        {
            await PostAsync(client, $"/api/v1/lists/{list}/items", new { text = item });
        }

        var (stranger, _) = await NewAsync();
        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<ListService>();

        Assert.False((await service.CheckAllAsync(await PersonAsync(scope, stranger), list, default)).Succeeded);
        var checkedItems = (await service.CheckAllAsync(await PersonAsync(scope, owner), list, default)).Value!;
        Assert.Equal(["eggs", "milk"], checkedItems.Select(i => i.Text).Order());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/v1/lists/{list}/items?checked=false")).EnumerateArray());
    }

    private async Task<(Guid Id, HttpClient Client)> NewAsync()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        return (user.Id, user.Client(app));
    }

    private static Task<PersonNow> PersonAsync(IServiceScope scope, Guid id) =>
        scope.ServiceProvider.GetRequiredService<PersonClock>().NowAsync(id, default);

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
    }
}
