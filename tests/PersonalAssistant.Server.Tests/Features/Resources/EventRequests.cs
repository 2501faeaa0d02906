using System.Net;
using System.Text;
using System.Text.Json;

namespace PersonalAssistant.Server.Tests.Features.Resources;

/// <summary>Adding and importing events over HTTP, as the event tests need them (each asserts success).</summary>
internal static class EventRequests
{
    public static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/events", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> ImportAsync(HttpClient client, string ics)
    {
        using var content = new StringContent(ics, Encoding.UTF8, "text/calendar");
        using var response = await client.PostAsync("/api/v1/events/import", content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
