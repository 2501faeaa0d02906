using System.ComponentModel;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Lists;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>The assistant's tools that take items off a list: cross some off, clear a whole list (after a yes). Undo puts them back.</summary>
internal sealed partial class AssistantTools
{
    [Description("Cross items off a list (bought, or not needed any more). Undo puts them back.")]
    public async Task<ToolResult> RemoveFromList(
        [Description("The items as the person said them (\"eggs\", \"the milk\").")] IReadOnlyList<string> items,
        [Description("The list's name; the groceries list by default.")] string? list = null,
        [Description("True to look on every list (\"got the milk\").")] bool anyList = false,
        CancellationToken cancellationToken = default)
    {
        if (items is not { Count: > 0 and <= 50 })
        {
            return ToolResult.Failed(Text("Tools.Lists.ItemCount", 1, 50));
        }

        var targets = new List<ListResponse>();
        if (anyList && string.IsNullOrWhiteSpace(list))
        {
            targets.AddRange((await lists.ListAsync(Person, cancellationToken)).OrderByDescending(l => l.IsDefault));
        }
        else
        {
            var (target, problem) = await FindListAsync(list, cancellationToken);
            if (target is null)
            {
                return problem!;
            }

            targets.Add(target);
        }

        var crossed = new List<(string Text, ListResponse List)>();
        var missing = new List<string>();
        foreach (var said in items.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()))
        {
            var found = false;
            foreach (var target in targets)
            {
                var open = (await lists.ItemsAsync(Person, target.Id, false, cancellationToken)).Value ?? [];
                if ((open.FirstOrDefault(i => TextKeys.Fold(i.Text) == TextKeys.Fold(said)) ?? open.FirstOrDefault(i => ToolMatching.Matches(i.Text, said))) is not { } item)
                {
                    continue;
                }

                var result = await lists.UpdateItemAsync(Person, target.Id, item.Id, new UpdateItemRequest(Checked: true), cancellationToken);
                if (!result.Succeeded)
                {
                    return Failed(result.Failure);
                }

                await RecordAsync(ActionKinds.ListItemChecked, item.Text, item.Id, target.Id);
                crossed.Add((item.Text, target));
                found = true;
                break;
            }

            if (!found)
            {
                missing.Add(said);
            }
        }

        var parts = new List<string>();
        if (crossed.Count > 0)
        {
            parts.Add(Undoable("Tools.Lists.Removed", string.Join(", ", crossed.Select(c => c.Text)), string.Join(", ", crossed.Select(c => DisplayName(c.List)).Distinct())));
        }

        if (missing.Count > 0)
        {
            parts.Add(targets.Count == 1
                ? Text("Tools.Lists.NotOnList", string.Join(", ", missing), DisplayName(targets[0]))
                : Text("Tools.Lists.NotOnAnyList", string.Join(", ", missing)));
        }

        return ToolResult.Listing(string.Join(" ", parts), []);
    }

    [Description("Clear a whole list: every item still on it is crossed off. Asks the person to confirm first; undo puts them back.")]
    public async Task<ToolResult> ClearList(
        [Description("The list's name; the groceries list by default.")] string? list = null,
        CancellationToken cancellationToken = default)
    {
        var (target, problem) = await FindListAsync(list, cancellationToken);
        if (target is null)
        {
            return problem!;
        }

        if (target.OpenItems == 0)
        {
            return ToolResult.Listing(Text("Tools.Lists.Empty", DisplayName(target)), []);
        }

        if (!turn.Confirmed)
        {
            return AskToConfirm(ToolNames.ClearList, new() { ["list"] = target.Id.ToString() }, Text("Tools.Lists.ConfirmClear", DisplayName(target), target.OpenItems));
        }

        var result = await lists.CheckAllAsync(Person, target.Id, cancellationToken);
        if (result.Value is not { } cleared)
        {
            return Failed(result.Failure);
        }

        foreach (var item in cleared)
        {
            await RecordAsync(ActionKinds.ListItemChecked, item.Text, item.Id, target.Id);
        }

        return ToolResult.Listing(Undoable("Tools.Lists.Cleared", DisplayName(target), cleared.Count), []);
    }
}
