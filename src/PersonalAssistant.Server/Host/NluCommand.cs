using System.Text.Json;
using System.Text.Json.Nodes;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// <c>nlu parse --jsonl</c>: the contract in ../shared/nlu/README.md. Until the language engine lands (its own
/// issue) every case is answered as <c>chat</c>, which the contract allows as the "understood nothing" answer.
/// </summary>
internal static class NluCommand
{
    public static async Task<int> ParseAsync(bool jsonl, CancellationToken cancellationToken)
    {
        if (!jsonl)
        {
            await Console.Error.WriteLineAsync("Only --jsonl is supported: pipe JSON lines on standard input.");
            return 1;
        }

        string? line;
        while ((line = await Console.In.ReadLineAsync(cancellationToken)) is not null)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? id = null;
            try
            {
                id = JsonNode.Parse(line)?["id"]?.GetValue<string>();
            }
            catch (JsonException)
            {
                await Console.Error.WriteLineAsync("Skipped a line that is not JSON.");
            }

            await Console.Out.WriteLineAsync(new JsonObject { ["id"] = id, ["intent"] = "chat" }.ToJsonString());
        }

        return 0;
    }
}
