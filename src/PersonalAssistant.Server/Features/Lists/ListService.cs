using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Lists;

/// <summary>
/// The lists feature's public API, for its endpoints, the assistant's tools and undo alike: every method takes the
/// person it acts for, checks its own input, scopes every statement to that person (another person's id is not found)
/// and answers an <see cref="Outcome{T}"/> whose texts are in the person's language.
/// </summary>
internal sealed class ListService(AppDbContext db, TimeProvider time)
{
    public const int MaxLists = 50;
    public const int MaxItemsPerList = 500;

    /// <summary>The name the default list is stored under: data, not a sentence (the person may rename it).</summary>
    public const string DefaultListName = "Groceries";

    /// <summary>The person's lists, the default one first (created the first time their lists are read).</summary>
    public async Task<IReadOnlyList<ListResponse>> ListAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        // One round trip once the default list exists (always, after the first time).
        var lists = await ReadListsAsync(person, cancellationToken);
        if (lists.Count > 0 && lists[0].IsDefault)
        {
            return lists;
        }

        await EnsureDefaultAsync(person, cancellationToken);
        return await ReadListsAsync(person, cancellationToken);
    }

    private Task<List<ListResponse>> ReadListsAsync(PersonNow person, CancellationToken cancellationToken) =>
        db.Lists.AsNoTracking().Where(l => l.UserId == person.UserId)
            .OrderByDescending(l => l.IsDefault).ThenBy(l => l.CreatedAt)
            .Select(l => new ListResponse(l.Id, l.Name, l.IsDefault, l.Items.Count(i => !i.Checked), l.Items.Count, l.CreatedAt))
            .ToListAsync(cancellationToken);

    public async Task<Outcome<ListResponse>> CreateAsync(PersonNow person, ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        // The default list exists before any other, so a new list never takes its name.
        await EnsureDefaultAsync(person, cancellationToken);
        var name = request.Name.Trim();
        var mine = await db.Lists.Where(l => l.UserId == person.UserId).Select(l => l.Name).ToListAsync(cancellationToken);
        if (mine.Count >= MaxLists)
        {
            return Failure.Conflict(person.Locale, "Lists.TooMany.Title", "Lists.TooMany.Detail", MaxLists);
        }

        if (mine.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return Duplicate(person, name);
        }

        var list = new ItemList { UserId = person.UserId, Name = name, CreatedAt = time.GetUtcNow() };
        db.Lists.Add(list);
        await db.SaveChangesAsync(cancellationToken);
        return new ListResponse(list.Id, list.Name, false, 0, 0, list.CreatedAt);
    }

    public async Task<Outcome<ListResponse>> GetAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var list = await db.Lists.AsNoTracking().Where(l => l.Id == id && l.UserId == person.UserId)
            .Select(l => new ListResponse(l.Id, l.Name, l.IsDefault, l.Items.Count(i => !i.Checked), l.Items.Count, l.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return list is null ? NotFound(person) : list;
    }

    public async Task<Outcome<ListResponse>> RenameAsync(PersonNow person, Guid id, ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var list = await db.Lists.SingleOrDefaultAsync(l => l.Id == id && l.UserId == person.UserId, cancellationToken);
        if (list is null)
        {
            return NotFound(person);
        }

        var name = request.Name.Trim();
        if (await db.Lists.AnyAsync(l => l.UserId == person.UserId && l.Id != id && l.Name == name, cancellationToken))
        {
            return Duplicate(person, name);
        }

        list.Name = name;
        await db.SaveChangesAsync(cancellationToken);
        var open = await db.ListItems.CountAsync(i => i.ListId == id && i.UserId == person.UserId && !i.Checked, cancellationToken);
        var total = await db.ListItems.CountAsync(i => i.ListId == id && i.UserId == person.UserId, cancellationToken);
        return new ListResponse(list.Id, list.Name, list.IsDefault, open, total, list.CreatedAt);
    }

    /// <summary>Deletes a list and its items; the default list stays.</summary>
    public async Task<Outcome<Done>> DeleteAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var list = await db.Lists.SingleOrDefaultAsync(l => l.Id == id && l.UserId == person.UserId, cancellationToken);
        if (list is null)
        {
            return NotFound(person);
        }

        if (list.IsDefault)
        {
            return Failure.Conflict(person.Locale, "Lists.Kept.Title", "Lists.Kept.Detail", list.Name);
        }

        db.Lists.Remove(list);
        await db.SaveChangesAsync(cancellationToken);
        return default(Done);
    }

    /// <summary>A list's items, unchecked first; only the checked or unchecked ones when <paramref name="isChecked"/> says.</summary>
    public async Task<Outcome<IReadOnlyList<ListItemResponse>>> ItemsAsync(PersonNow person, Guid id, bool? isChecked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!await db.Lists.AnyAsync(l => l.Id == id && l.UserId == person.UserId, cancellationToken))
        {
            return NotFound(person);
        }

        var items = db.ListItems.AsNoTracking().Where(i => i.ListId == id && i.UserId == person.UserId);
        if (isChecked is { } value)
        {
            items = items.Where(i => i.Checked == value);
        }

        return await items.OrderBy(i => i.Checked).ThenBy(i => i.CreatedAt).Take(MaxItemsPerList)
            .Select(i => ListItemResponse.From(i)).ToListAsync(cancellationToken);
    }

    /// <summary>Adds an item; one already on the list (unchecked) gets the quantity added instead, and comes back <c>Merged</c>.</summary>
    public async Task<Outcome<ListItemResponse>> AddItemAsync(PersonNow person, Guid id, AddItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        if (!await db.Lists.AnyAsync(l => l.Id == id && l.UserId == person.UserId, cancellationToken))
        {
            return NotFound(person);
        }

        var text = request.Text.Trim();
        var key = ListItem.KeyOf(text);
        if (key.Length == 0)
        {
            return NeedsLetters(person);
        }

        var existing = await db.ListItems.SingleOrDefaultAsync(i => i.ListId == id && i.UserId == person.UserId && !i.Checked && i.Key == key, cancellationToken);
        if (existing is not null)
        {
            existing.Quantity = Math.Min(9999, existing.Quantity + (request.Quantity ?? 1));
            await db.SaveChangesAsync(cancellationToken);
            return ListItemResponse.From(existing) with { Merged = true };
        }

        if (await db.ListItems.CountAsync(i => i.ListId == id && i.UserId == person.UserId, cancellationToken) >= MaxItemsPerList)
        {
            return Failure.Conflict(person.Locale, "Lists.Full.Title", "Lists.Full.Detail", MaxItemsPerList);
        }

        var item = new ListItem { ListId = id, UserId = person.UserId, Text = text, Key = key, Quantity = request.Quantity ?? 1, CreatedAt = time.GetUtcNow() };
        db.ListItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return ListItemResponse.From(item);
    }

    /// <summary>
    /// Adds several items at once, as <see cref="AddItemAsync"/> does one by one (an item already on the list gets the
    /// quantity added and comes back <c>Merged</c>), in one read and one save. Stops at the first item refused: what
    /// came before it is added, and the refusal is returned with it.
    /// </summary>
    public async Task<(IReadOnlyList<ListItemResponse> Added, Failure? Refused)> AddItemsAsync(
        PersonNow person, Guid id, IReadOnlyList<AddItemRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(requests);
        var keys = requests.Select(r => ListItem.KeyOf(r.Text?.Trim() ?? string.Empty)).Where(k => k.Length > 0).Distinct().ToList();
        var found = await db.Lists.Where(l => l.Id == id && l.UserId == person.UserId)
            .Select(l => new { Count = l.Items.Count(), Open = l.Items.Where(i => !i.Checked && keys.Contains(i.Key)).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return ([], NotFound(person));
        }

        var open = found.Open.GroupBy(i => i.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var count = found.Count;
        var added = new List<ListItemResponse>();
        Failure? refused = null;
        foreach (var request in requests)
        {
            if (Failure.Check(request, person.Locale) is { } invalid)
            {
                refused = invalid;
                break;
            }

            var text = request.Text.Trim();
            var key = ListItem.KeyOf(text);
            if (key.Length == 0)
            {
                refused = NeedsLetters(person);
                break;
            }

            if (open.TryGetValue(key, out var existing))
            {
                existing.Quantity = Math.Min(9999, existing.Quantity + (request.Quantity ?? 1));
                added.Add(ListItemResponse.From(existing) with { Merged = true });
                continue;
            }

            if (count >= MaxItemsPerList)
            {
                refused = Failure.Conflict(person.Locale, "Lists.Full.Title", "Lists.Full.Detail", MaxItemsPerList);
                break;
            }

            var item = new ListItem { ListId = id, UserId = person.UserId, Text = text, Key = key, Quantity = request.Quantity ?? 1, CreatedAt = time.GetUtcNow() };
            db.ListItems.Add(item);
            open[key] = item;
            count++;
            added.Add(ListItemResponse.From(item));
        }

        if (added.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return (added, refused);
    }

    /// <summary>Checks, unchecks, renames an item or changes its quantity.</summary>
    public async Task<Outcome<ListItemResponse>> UpdateItemAsync(PersonNow person, Guid id, Guid itemId, UpdateItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var item = await db.ListItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ListId == id && i.UserId == person.UserId, cancellationToken);
        if (item is null)
        {
            return NotFound(person);
        }

        if (request.Text is { } text)
        {
            var key = ListItem.KeyOf(text);
            if (key.Length == 0)
            {
                return NeedsLetters(person);
            }

            (item.Text, item.Key) = (text.Trim(), key);
        }

        item.Quantity = request.Quantity ?? item.Quantity;
        if (request.Checked is { } isChecked && isChecked != item.Checked)
        {
            item.Checked = isChecked;
            item.CheckedAt = isChecked ? time.GetUtcNow() : null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ListItemResponse.From(item);
    }

    public async Task<Outcome<Done>> DeleteItemAsync(PersonNow person, Guid id, Guid itemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var deleted = await db.ListItems.Where(i => i.Id == itemId && i.ListId == id && i.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(person) : default(Done);
    }

    /// <summary>Checks every item still open on a list (clearing it, reversibly); answers the items it checked.</summary>
    public async Task<Outcome<IReadOnlyList<ListItemResponse>>> CheckAllAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!await db.Lists.AnyAsync(l => l.Id == id && l.UserId == person.UserId, cancellationToken))
        {
            return NotFound(person);
        }

        var open = await db.ListItems.Where(i => i.ListId == id && i.UserId == person.UserId && !i.Checked).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var item in open)
        {
            (item.Checked, item.CheckedAt) = (true, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return open.Select(ListItemResponse.From).ToList();
    }

    /// <summary>Removes every checked item of a list.</summary>
    public async Task<Outcome<ClearedResponse>> ClearCheckedAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!await db.Lists.AnyAsync(l => l.Id == id && l.UserId == person.UserId, cancellationToken))
        {
            return NotFound(person);
        }

        var removed = await db.ListItems.Where(i => i.ListId == id && i.UserId == person.UserId && i.Checked).ExecuteDeleteAsync(cancellationToken);
        return new ClearedResponse(removed);
    }

    /// <summary>The default list, created the first time it is needed.</summary>
    private async Task EnsureDefaultAsync(PersonNow person, CancellationToken cancellationToken)
    {
        if (await db.Lists.AnyAsync(l => l.UserId == person.UserId && l.IsDefault, cancellationToken))
        {
            return;
        }

        db.Lists.Add(new ItemList { UserId = person.UserId, Name = DefaultListName, IsDefault = true, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Failure Duplicate(PersonNow person, string name) =>
        Failure.Conflict(person.Locale, "Lists.Duplicate.Title", "Lists.Duplicate.Detail", name);

    private static Failure NeedsLetters(PersonNow person) => Failure.Invalid(person.Locale, "text", "Lists.ItemNeedsLetters");

    private static Failure NotFound(PersonNow person) => Failure.NotFound(person.Locale, "Lists.NotFound");
}

internal static class ListsRegistration
{
    public static IServiceCollection AddLists(this IServiceCollection services)
    {
        services.AddScoped<ListService>();
        services.AddScoped<IPersonalDataExport, ListExport>();
        return services;
    }
}
