using System.ComponentModel;
using System.Globalization;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Lists;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>The assistant's tools for lists: add items, show a list.</summary>
internal sealed partial class AssistantTools
{
    [Description("Add items to a list.")]
    public async Task<ToolResult> AddToList(
        [Description("The items, one per entry (\"milk\", \"2 lemons\").")] IReadOnlyList<string> items,
        [Description("The list's name; the groceries list by default.")] string? list = null,
        CancellationToken cancellationToken = default)
    {
        if (items is not { Count: > 0 and <= 50 })
        {
            return ToolResult.Failed(Text("Tools.Lists.ItemCount", 1, 50));
        }

        var (target, problem) = await FindListAsync(list, cancellationToken);
        if (target is null)
        {
            return problem!;
        }

        var added = new List<string>();
        foreach (var text in items.Where(i => !string.IsNullOrWhiteSpace(i)))
        {
            var request = new AddItemRequest(Clip(text.Trim(), ListItemConfiguration.MaxTextLength));
            var result = await lists.AddItemAsync(Person, target.Id, request, cancellationToken);
            switch (result.Value)
            {
                case { Merged: false } item:
                    await RecordAsync(ActionKinds.ListItemAdded, item.Text, item.Id, target.Id);
                    added.Add(item.Text);
                    break;
                case { } merged:
                    // A merge adds the request's quantity (1) to the item, so undo puts back one less.
                    await RecordAsync(ActionKinds.ListItemMerged, merged.Text, merged.Id, target.Id, (merged.Quantity - 1).ToString(CultureInfo.InvariantCulture));
                    added.Add(merged.Text);
                    break;
                default:
                    return added.Count == 0 ? Failed(result.Failure) : ToolResult.Success($"{string.Join(", ", added)} → {target.Name}");
            }
        }

        return ToolResult.Success($"{string.Join(", ", added)} → {target.Name}");
    }

    [Description("Show a list.")]
    public async Task<ToolResult> ShowList(
        [Description("The list's name; the groceries list by default.")] string? list = null,
        CancellationToken cancellationToken = default)
    {
        var (target, problem) = await FindListAsync(list, cancellationToken);
        if (target is null)
        {
            return problem!;
        }

        var result = await lists.ItemsAsync(Person, target.Id, false, cancellationToken);
        if (result.Value is not { } items)
        {
            return Failed(result.Failure);
        }

        return ToolResult.Listing(
            items.Count == 0 ? Text("Tools.Lists.Empty", target.Name) : $"{target.Name}:",
            items.Select(i => i.Quantity > 1 ? $"{i.Text} ×{i.Quantity}" : i.Text).ToList());
    }

    private async Task<(ListResponse? List, ToolResult? Problem)> FindListAsync(string? name, CancellationToken cancellationToken)
    {
        var mine = await lists.ListAsync(Person, cancellationToken);
        if (string.IsNullOrWhiteSpace(name) || mine.Count == 1)
        {
            return (mine.FirstOrDefault(l => l.IsDefault) ?? mine[0], null);
        }

        var match = mine.FirstOrDefault(l => TextKeys.Fold(l.Name) == TextKeys.Fold(name)) ?? mine.FirstOrDefault(l => ToolMatching.Matches(l.Name, name));
        return match is null ? (null, ToolResult.Failed(Text("Tools.Lists.NotFound", name))) : (match, null);
    }
}
