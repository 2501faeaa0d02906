using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Lists;

/// <summary>Lists and their items. Every person has a "Groceries" list; adding an item already there adds to its quantity.</summary>
internal static class ListEndpoints
{
    public const int MaxLists = 50;
    public const int MaxItemsPerList = 500;
    public const string DefaultListName = "Groceries";

    public static RouteGroupBuilder MapListEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/lists").WithTags("Lists").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListLists).WithName("ListLists").WithSummary("My lists (the Groceries list is always there)");
        group.MapPost("", CreateList).WithName("CreateList").WithSummary("Add a list").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetList).WithName("GetList").WithSummary("Read a list");
        group.MapPatch("/{id:guid}", RenameList).WithName("RenameList").WithSummary("Rename a list").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", DeleteList).WithName("DeleteList").WithSummary("Delete a list and its items").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/items", ListItems).WithName("ListItems").WithSummary("A list's items, unchecked first").ProducesValidationProblem();
        group.MapPost("/{id:guid}/items", AddItem).WithName("AddListItem")
            .WithSummary("Add an item; one already on the list (unchecked) gets the quantity added instead").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:guid}/items/{itemId:guid}", UpdateItem).WithName("UpdateListItem").WithSummary("Check, uncheck, rename or change the quantity").ProducesValidationProblem();
        group.MapDelete("/{id:guid}/items/{itemId:guid}", DeleteItem).WithName("DeleteListItem").WithSummary("Remove an item");
        group.MapPost("/{id:guid}/items/clear-checked", ClearChecked).WithName("ClearCheckedItems").WithSummary("Remove every checked item");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<ListResponse>>> ListLists(AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        await EnsureDefaultAsync(db, userId, time, cancellationToken);
        var lists = await db.Lists.AsNoTracking().Where(l => l.UserId == userId)
            .OrderByDescending(l => l.IsDefault).ThenBy(l => l.CreatedAt)
            .Select(l => new ListResponse(l.Id, l.Name, l.IsDefault, l.Items.Count(i => !i.Checked), l.Items.Count, l.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ListResponse>>(lists);
    }

    public static async Task<Results<Created<ListResponse>, ValidationProblem, ProblemHttpResult>> CreateList(
        ListRequest request, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var name = request.Name.Trim();
        var mine = await db.Lists.Where(l => l.UserId == userId).Select(l => l.Name).ToListAsync(cancellationToken);
        if (mine.Count >= MaxLists)
        {
            return TypedResults.Problem(title: "Too many lists", detail: $"You can have {MaxLists} lists.", statusCode: StatusCodes.Status409Conflict);
        }

        if (mine.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: "Already there", detail: $"You already have a list called \"{name}\".", statusCode: StatusCodes.Status409Conflict);
        }

        var list = new ItemList { UserId = userId, Name = name, CreatedAt = time.GetUtcNow() };
        db.Lists.Add(list);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Prefix}/lists/{list.Id}", new ListResponse(list.Id, list.Name, false, 0, 0, list.CreatedAt));
    }

    public static async Task<Results<Ok<ListResponse>, ProblemHttpResult>> GetList(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var list = await db.Lists.AsNoTracking().Where(l => l.Id == id && l.UserId == userId)
            .Select(l => new ListResponse(l.Id, l.Name, l.IsDefault, l.Items.Count(i => !i.Checked), l.Items.Count, l.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return list is null ? NotFound() : TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<ListResponse>, ValidationProblem, ProblemHttpResult>> RenameList(
        Guid id, ListRequest request, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var list = await db.Lists.SingleOrDefaultAsync(l => l.Id == id && l.UserId == userId, cancellationToken);
        if (list is null)
        {
            return NotFound();
        }

        var name = request.Name.Trim();
        if (await db.Lists.AnyAsync(l => l.UserId == userId && l.Id != id && l.Name == name, cancellationToken))
        {
            return TypedResults.Problem(title: "Already there", detail: $"You already have a list called \"{name}\".", statusCode: StatusCodes.Status409Conflict);
        }

        list.Name = name;
        await db.SaveChangesAsync(cancellationToken);
        var open = await db.ListItems.CountAsync(i => i.ListId == id && !i.Checked, cancellationToken);
        var total = await db.ListItems.CountAsync(i => i.ListId == id, cancellationToken);
        return TypedResults.Ok(new ListResponse(list.Id, list.Name, list.IsDefault, open, total, list.CreatedAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteList(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var list = await db.Lists.SingleOrDefaultAsync(l => l.Id == id && l.UserId == userId, cancellationToken);
        if (list is null)
        {
            return NotFound();
        }

        if (list.IsDefault)
        {
            return TypedResults.Problem(title: "Kept", detail: "The Groceries list stays; clear its items instead.", statusCode: StatusCodes.Status409Conflict);
        }

        db.Lists.Remove(list);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<IReadOnlyList<ListItemResponse>>, ProblemHttpResult>> ListItems(
        Guid id, [FromQuery(Name = "checked")] bool? isChecked, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        if (!await db.Lists.AnyAsync(l => l.Id == id && l.UserId == userId, cancellationToken))
        {
            return NotFound();
        }

        var items = db.ListItems.AsNoTracking().Where(i => i.ListId == id && i.UserId == userId);
        if (isChecked is { } value)
        {
            items = items.Where(i => i.Checked == value);
        }

        var result = await items.OrderBy(i => i.Checked).ThenBy(i => i.CreatedAt).Take(MaxItemsPerList).Select(i => ListItemResponse.From(i)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ListItemResponse>>(result);
    }

    public static async Task<Results<Created<ListItemResponse>, Ok<ListItemResponse>, ValidationProblem, ProblemHttpResult>> AddItem(
        Guid id, AddItemRequest request, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        if (!await db.Lists.AnyAsync(l => l.Id == id && l.UserId == userId, cancellationToken))
        {
            return NotFound();
        }

        var text = request.Text.Trim();
        var key = ListItem.KeyOf(text);
        if (key.Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Give the item a name with letters or digits."] });
        }

        var existing = await db.ListItems.SingleOrDefaultAsync(i => i.ListId == id && i.UserId == userId && !i.Checked && i.Key == key, cancellationToken);
        if (existing is not null)
        {
            existing.Quantity = Math.Min(9999, existing.Quantity + (request.Quantity ?? 1));
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(ListItemResponse.From(existing) with { Merged = true });
        }

        if (await db.ListItems.CountAsync(i => i.ListId == id && i.UserId == userId, cancellationToken) >= MaxItemsPerList)
        {
            return TypedResults.Problem(title: "List full", detail: $"A list holds {MaxItemsPerList} items; clear the checked ones.", statusCode: StatusCodes.Status409Conflict);
        }

        var item = new ListItem { ListId = id, UserId = userId, Text = text, Key = key, Quantity = request.Quantity ?? 1, CreatedAt = time.GetUtcNow() };
        db.ListItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Prefix}/lists/{id}/items/{item.Id}", ListItemResponse.From(item));
    }

    public static async Task<Results<Ok<ListItemResponse>, ValidationProblem, ProblemHttpResult>> UpdateItem(
        Guid id, Guid itemId, UpdateItemRequest request, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var item = await db.ListItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ListId == id && i.UserId == userId, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (request.Text is { } text)
        {
            var key = ListItem.KeyOf(text);
            if (key.Length == 0)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Give the item a name with letters or digits."] });
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
        return TypedResults.Ok(ListItemResponse.From(item));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteItem(Guid id, Guid itemId, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var deleted = await db.ListItems.Where(i => i.Id == itemId && i.ListId == id && i.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ClearedResponse>, ProblemHttpResult>> ClearChecked(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        if (!await db.Lists.AnyAsync(l => l.Id == id && l.UserId == userId, cancellationToken))
        {
            return NotFound();
        }

        var removed = await db.ListItems.Where(i => i.ListId == id && i.UserId == userId && i.Checked).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.Ok(new ClearedResponse(removed));
    }

    /// <summary>The Groceries list, created the first time a person's lists are read.</summary>
    public static async Task<ItemList> EnsureDefaultAsync(AppDbContext db, Guid userId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var list = await db.Lists.FirstOrDefaultAsync(l => l.UserId == userId && l.IsDefault, cancellationToken);
        if (list is not null)
        {
            return list;
        }

        list = new ItemList { UserId = userId, Name = DefaultListName, IsDefault = true, CreatedAt = time.GetUtcNow() };
        db.Lists.Add(list);
        await db.SaveChangesAsync(cancellationToken);
        return list;
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Not found", detail: "No list or item of yours has this id.", statusCode: StatusCodes.Status404NotFound);
}

/// <param name="Name">1 to 100 characters.</param>
internal sealed record ListRequest([property: Required, StringLength(ItemListConfiguration.MaxNameLength, MinimumLength = 1)] string Name);

/// <param name="Text">What to get, 1 to 200 characters.</param>
/// <param name="Quantity">How many (1 by default).</param>
internal sealed record AddItemRequest(
    [property: Required, StringLength(ListItemConfiguration.MaxTextLength, MinimumLength = 1)] string Text,
    [property: Range(1, 9999)] int? Quantity = null);

internal sealed record UpdateItemRequest(
    [property: StringLength(ListItemConfiguration.MaxTextLength, MinimumLength = 1)] string? Text = null,
    [property: Range(1, 9999)] int? Quantity = null,
    bool? Checked = null);

internal sealed record ListResponse(Guid Id, string Name, bool IsDefault, int OpenItems, int TotalItems, DateTimeOffset CreatedAt);

/// <summary>One item of a list.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="ListId">Its list.</param>
/// <param name="Text">What to get.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Checked">Whether it is checked off.</param>
/// <param name="CreatedAt">When it was added (UTC).</param>
/// <param name="CheckedAt">When it was checked off (UTC).</param>
/// <param name="Merged">True when the item was already on the list and its quantity grew instead.</param>
internal sealed record ListItemResponse(Guid Id, Guid ListId, string Text, int Quantity, bool Checked, DateTimeOffset CreatedAt, DateTimeOffset? CheckedAt, bool Merged = false)
{
    public static ListItemResponse From(ListItem item) =>
        new(item.Id, item.ListId, item.Text, item.Quantity, item.Checked, item.CreatedAt, item.CheckedAt);
}

internal sealed record ClearedResponse(int Removed);
