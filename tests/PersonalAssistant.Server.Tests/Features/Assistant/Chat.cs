using System.Net;
using System.Text.Json;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>Talking to the assistant over HTTP as the web app does, waiting for each reply with <c>Prefer: wait</c>.</summary>
internal static class Chat
{
    public static async Task<Guid> StartAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/conversations", new { });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Sends a message and returns the assistant's stored reply.</summary>
    public static async Task<JsonElement> SayAsync(HttpClient client, Guid conversation, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{conversation}/messages") { Content = JsonContent.Create(new { text }) };
        request.Headers.Add("Prefer", "wait=30");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply");
    }

    public static string Text(JsonElement reply) => reply.GetProperty("text").GetString()!;

    public static IReadOnlyList<(string Kind, Guid Id)> Actions(JsonElement reply) =>
        reply.GetProperty("actions").EnumerateArray().Select(a => (a.GetProperty("kind").GetString()!, a.GetProperty("entityId").GetGuid())).ToList();
}
