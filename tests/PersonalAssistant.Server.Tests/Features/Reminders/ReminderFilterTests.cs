using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Reminders;

/// <summary>The <c>status=active</c> filter: the reminders still in play, and only the owner's.</summary>
[Trait("Category", "Integration")]
public sealed class ReminderFilterTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task ActiveFilter_ReturnsScheduledSnoozedAndDeliveredButNotAcknowledged_OfTheOwnerOnly()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var client = owner.Client(app);
        using var otherClient = other.Client(app);
        var scheduled = await CreateAsync(client, new { text = "water the plants", when = "tomorrow at 9am" });
        var snoozed = await CreateAsync(client, new { text = "stretch", when = "tomorrow at 10am" });
        var delivered = await CreateAsync(client, new { text = "take the pills", when = "tomorrow at 8am" });
        var acknowledged = await CreateAsync(client, new { text = "call mom", when = "tomorrow at 11am" });
        var cancelled = await CreateAsync(client, new { text = "old idea", when = "tomorrow at noon" });
        var othersOwn = await CreateAsync(otherClient, new { text = "someone else's", when = "tomorrow at 9am" });
        using (await client.PostAsJsonAsync($"/api/v1/reminders/{Id(snoozed)}/snooze", new { minutes = 10 }))
        using (await client.PostAsync($"/api/v1/reminders/{Id(acknowledged)}/acknowledge", null))
        using (await client.PatchAsJsonAsync($"/api/v1/reminders/{Id(cancelled)}", new { status = "cancelled" }))
        {
        }

        await MarkDeliveredAsync(Id(delivered)); // what the delivery worker writes once it has sent a reminder

        var active = await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders?status=active");

        Assert.Equal(3, active.GetProperty("total").GetInt32());
        Assert.Equal(
            new[] { (Id(delivered), "delivered"), (Id(scheduled), "scheduled"), (Id(snoozed), "snoozed") }.Order(),
            active.GetProperty("items").EnumerateArray().Select(r => (Id(r), r.GetProperty("status").GetString()!)).Order());
        Assert.Equal(5, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("total").GetInt32());
        var onlyDelivered = await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders?status=delivered");
        Assert.Equal([Id(delivered)], onlyDelivered.GetProperty("items").EnumerateArray().Select(Id));

        var othersActive = await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/reminders?status=active");
        Assert.Equal([Id(othersOwn)], othersActive.GetProperty("items").EnumerateArray().Select(Id));
        var paged = await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders?status=active&pageSize=2&page=2");
        Assert.Equal((3, 1), (paged.GetProperty("total").GetInt32(), paged.GetProperty("items").GetArrayLength()));
    }

    private async Task MarkDeliveredAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Reminders.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatuses.Delivered)));
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/reminders", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();
}
