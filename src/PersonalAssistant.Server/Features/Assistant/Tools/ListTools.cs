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

        var (target, problem) = await FindListAsync(list, cancellationToken, create: true);
        if (target is null)
        {
            return problem!;
        }

        var requests = items.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => new AddItemRequest(Clip(i.Trim(), ListItemConfiguration.MaxTextLength))).ToList();
        var (added, refused) = await lists.AddItemsAsync(Person, target.Id, requests, cancellationToken);
        foreach (var item in added)
        {
            // A merge adds the request's quantity (1) to the item, so undo puts back one less.
            await (item.Merged
                ? RecordAsync(ActionKinds.ListItemMerged, item.Text, item.Id, target.Id, (item.Quantity - 1).ToString(CultureInfo.InvariantCulture))
                : RecordAsync(ActionKinds.ListItemAdded, item.Text, item.Id, target.Id));
        }

        return added.Count == 0 && refused is not null
            ? Failed(refused)
            : ToolResult.Success($"{string.Join(", ", added.Select(i => i.Text))} → {DisplayName(target)}");
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

        // "add eggs to it" / "rajoute des pommes dessus" right after: the list just shown is the one meant
        turn.Last = new ItemRef(ItemRef.List, target.Id, DisplayName(target), time.GetUtcNow(), target.Id);
        return ToolResult.Listing(
            items.Count == 0 ? Text("Tools.Lists.Empty", DisplayName(target)) : $"{DisplayName(target)}:",
            items.Select(i => i.Quantity > 1 ? $"{i.Text} ×{i.Quantity}" : i.Text).ToList());
    }

    private async Task<(ListResponse? List, ToolResult? Problem)> FindListAsync(string? name, CancellationToken cancellationToken, bool create = false)
    {
        var mine = await lists.ListAsync(Person, cancellationToken);
        if (string.IsNullOrWhiteSpace(name))
        {
            return (mine.FirstOrDefault(l => l.IsDefault) ?? mine[0], null);
        }

        if (Guid.TryParse(name, out var id))
        {
            return mine.FirstOrDefault(l => l.Id == id) is { } byId ? (byId, null) : (null, ToolResult.Failed(Text("Tools.Lists.NotFound", name)));
        }

        var match = mine.FirstOrDefault(l => TextKeys.Fold(l.Name) == TextKeys.Fold(name) || TextKeys.Fold(DisplayName(l)) == TextKeys.Fold(name))
            ?? mine.FirstOrDefault(l => ToolMatching.Matches(l.Name, name) || ToolMatching.Matches(DisplayName(l), name));
        if (match is not null)
        {
            return (match, null);
        }

        if (!create)
        {
            return mine.Count == 1 ? (mine[0], null) : (null, ToolResult.Failed(Text("Tools.Lists.NotFound", name)));
        }

        // "add screws to my hardware list": a list named and not there yet is made
        var created = await lists.CreateAsync(Person, new ListRequest(name.Trim()), cancellationToken);
        return created.Value is { } made ? (made, null) : (null, Failed(created.Failure));
    }

    /// <summary>The default list is shown in the person's language ("Courses"); the others by their own name.</summary>
    private string DisplayName(ListResponse list) =>
        list.IsDefault && list.Name == ListService.DefaultListName ? Text("Tools.Lists.DefaultName") : list.Name;
}
