using System.ComponentModel;
using PersonalAssistant.Server.Features.Memories;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>The assistant's tools for memories: remember, propose, forget.</summary>
internal sealed partial class AssistantTools
{
    [Description("Remember a fact about the person.")]
    public async Task<ToolResult> Remember(
        [Description("The fact, in the person's words (\"my sister is Julie\").")] string fact,
        CancellationToken cancellationToken = default)
    {
        var request = new MemoryRequest(fact);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await memories.AddAsync(Person, request, MemorySources.User, cancellationToken);
        return result.Value is { } memory
            ? await DidAsync(ActionKinds.MemoryCreated, memory.Body, memory.Id)
            : Failed(result.Failure);
    }

    [Description("Offer to remember a fact; it is kept only if the person says yes.")]
    public async Task<ToolResult> ProposeMemory(
        [Description("The fact, short, in the person's own words (\"my sister is Julie\").")] string fact,
        CancellationToken cancellationToken = default)
    {
        var request = new MemoryRequest(fact);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var body = request.Body.Trim();
        if (await memories.HasAsync(Person, body, cancellationToken))
        {
            return ToolResult.Success(Text("Tools.Memories.Already", body));
        }

        if (!turn.Confirmed)
        {
            return AskToConfirm(ToolNames.ProposeMemory, new() { ["fact"] = body }, Text("Tools.Memories.Confirm", body));
        }

        var result = await memories.AddAsync(Person, request, MemorySources.Assistant, cancellationToken);
        return result.Value is { } memory
            ? await DidAsync(ActionKinds.MemoryCreated, memory.Body, memory.Id)
            : Failed(result.Failure);
    }

    [Description("Forget a fact (after the person confirms).")]
    public async Task<ToolResult> Forget(
        [Description("Words of the fact to forget.")] string fact,
        CancellationToken cancellationToken = default)
    {
        var recent = await memories.RecentAsync(Person, 500, cancellationToken);
        var memory = Guid.TryParse(fact, out var id) ? recent.FirstOrDefault(m => m.Id == id) : recent.FirstOrDefault(m => ToolMatching.Matches(m.Body, fact));
        if (memory is null)
        {
            return ToolResult.Failed(Text("Tools.Memories.NotFound"));
        }

        if (!turn.Confirmed)
        {
            return AskToConfirm(ToolNames.Forget, new() { ["fact"] = memory.Id.ToString() }, Text("Tools.Memories.ConfirmForget", memory.Body));
        }

        var result = await memories.DeleteAsync(Person, memory.Id, cancellationToken);
        return result.Succeeded ? await DidAsync(ActionKinds.Deleted, memory.Body, memory.Id, undoable: false) : Failed(result.Failure);
    }
}
