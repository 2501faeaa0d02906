using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Lists;

/// <summary>
/// Lists and their items. Every person has a "Groceries" list; adding an item already there adds to its quantity.
/// The HTTP face of <see cref="ListService"/>, which does the work, checks and owner scoping; another person's id is a 404.
/// </summary>
internal static class ListEndpoints
{
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

    public static async Task<Ok<IReadOnlyList<ListResponse>>> ListLists(PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lists.ListAsync(person, cancellationToken));

    public static async Task<Results<Created<ListResponse>, ValidationProblem, ProblemHttpResult>> CreateList(
        ListRequest request, PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        (await lists.CreateAsync(person, request, cancellationToken)).ToCreated(list => $"{ApiRoutes.Prefix}/lists/{list.Id}");

    public static async Task<Results<Ok<ListResponse>, ProblemHttpResult>> GetList(
        Guid id, PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        (await lists.GetAsync(person, id, cancellationToken)).ToFound();

    public static async Task<Results<Ok<ListResponse>, ValidationProblem, ProblemHttpResult>> RenameList(
        Guid id, ListRequest request, PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        (await lists.RenameAsync(person, id, request, cancellationToken)).ToOk();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteList(
        Guid id, PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        (await lists.DeleteAsync(person, id, cancellationToken)).ToNoContent();

    public static async Task<Results<Ok<IReadOnlyList<ListItemResponse>>, ProblemHttpResult>> ListItems(
        Guid id, [FromQuery(Name = "checked")] bool? isChecked, PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        (await lists.ItemsAsync(person, id, isChecked, cancellationToken)).ToFound();

    // 201 with a new item; 200 when the item was already on the list and its quantity grew.
    public static async Task<Results<Created<ListItemResponse>, Ok<ListItemResponse>, ValidationProblem, ProblemHttpResult>> AddItem(
        Guid id, AddItemRequest request, PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        (await lists.AddItemAsync(person, id, request, cancellationToken)) switch
        {
            { Failure: { } failure } => OutcomeResults.Problem(failure),
            { Value: { Merged: true } merged } => TypedResults.Ok(merged),
            { Value: var item } => TypedResults.Created($"{ApiRoutes.Prefix}/lists/{id}/items/{item!.Id}", item),
        };

    public static async Task<Results<Ok<ListItemResponse>, ValidationProblem, ProblemHttpResult>> UpdateItem(
        Guid id, Guid itemId, UpdateItemRequest request, PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        (await lists.UpdateItemAsync(person, id, itemId, request, cancellationToken)).ToOk();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteItem(
        Guid id, Guid itemId, PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        (await lists.DeleteItemAsync(person, id, itemId, cancellationToken)).ToNoContent();

    public static async Task<Results<Ok<ClearedResponse>, ProblemHttpResult>> ClearChecked(
        Guid id, PersonNow person, ListService lists, CancellationToken cancellationToken) =>
        (await lists.ClearCheckedAsync(person, id, cancellationToken)).ToFound();
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
