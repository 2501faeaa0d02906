using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible provider on loopback that speaks the real Chat Completions wire format (JSON, or server-sent
/// event chunks when the client asks to stream, with tool calls), answering from a script and keeping every request,
/// so the real OpenAI client code runs against it.
/// </summary>
public sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _script = new();

    private FakeChatCompletionsServer(WebApplication app) => _app = app;

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>Answered once the script runs out (null: a plain "ok").</summary>
    public ScriptedReply? Fallback { get; set; }

    public string BaseUrl => _app.Urls.First() + "/v1";

    public static async Task<FakeChatCompletionsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeChatCompletionsServer(app);
        app.MapPost("/v1/chat/completions", server.AnswerAsync);
        await app.StartAsync();
        return server;
    }

    public void Script(params ScriptedReply[] replies)
    {
        Requests.Clear();
        _script.Clear();
        Fallback = null;
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        Requests.Enqueue(request);
        var reply = _script.TryDequeue(out var next) ? next : Fallback ?? ScriptedReply.Text("ok");
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, context.RequestAborted);
        }

        if (reply.Raw is { } raw)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(raw);
            return;
        }

        var stream = request["stream"]?.GetValue<bool>() == true;
        var toolCalls = reply.ToolCalls.Select((call, index) => new JsonObject
        {
            ["index"] = index,
            ["id"] = $"call_{Guid.NewGuid():N}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = JsonSerializer.Serialize(call.Arguments) },
        }).ToList();
        var finish = toolCalls.Count > 0 ? "tool_calls" : "stop";
        if (!stream)
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content };
            if (toolCalls.Count > 0)
            {
                message["tool_calls"] = new JsonArray([.. toolCalls.Select(c => { c.Remove("index"); return (JsonNode)c; })]);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Envelope("chat.completion", new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }).ToJsonString());
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var delta = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content };
        if (toolCalls.Count > 0)
        {
            delta["tool_calls"] = new JsonArray([.. toolCalls]);
        }

        await WriteEventAsync(context, Envelope("chat.completion.chunk", new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = null }).ToJsonString());
        await WriteEventAsync(context, Envelope("chat.completion.chunk", new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = finish }).ToJsonString());
        await WriteEventAsync(context, "[DONE]");
    }

    private static JsonObject Envelope(string kind, JsonObject choice) => new()
    {
        ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
        ["object"] = kind,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(choice),
    };

    private static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n");
        await context.Response.Body.FlushAsync();
    }
}

/// <summary>One scripted answer: text, tool calls, a delay, or a raw (possibly broken) body.</summary>
public sealed record ScriptedReply(string? Content, IReadOnlyList<(string Name, object Arguments)> ToolCalls, TimeSpan Delay = default, string? Raw = null)
{
    public static ScriptedReply Text(string content) => new(content, []);

    public static ScriptedReply Call(string name, object arguments) => new(null, [(name, arguments)]);

    public static ScriptedReply Broken(string raw) => new(null, [], Raw: raw);
}
