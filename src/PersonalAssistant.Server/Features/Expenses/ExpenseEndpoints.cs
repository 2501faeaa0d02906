using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Expenses;

/// <summary>
/// Expenses and a monthly summary by category. Amounts are decimals; each keeps its own currency.
/// The HTTP face of <see cref="ExpenseService"/>, which does the work, checks and owner scoping; another person's id is a 404.
/// </summary>
internal static class ExpenseEndpoints
{
    public static RouteGroupBuilder MapExpenseEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/expenses").WithTags("Expenses").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListExpenses).WithName("ListExpenses").WithSummary("My expenses, newest first").ProducesValidationProblem();
        group.MapPost("", CreateExpense).WithName("CreateExpense").WithSummary("Log an expense (category guessed when not given)").ProducesValidationProblem();
        group.MapGet("/summary", ExpenseSummary).WithName("ExpenseSummary").WithSummary("A month's totals by category and currency").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetExpense).WithName("GetExpense").WithSummary("Read an expense");
        group.MapPatch("/{id:guid}", UpdateExpense).WithName("UpdateExpense").WithSummary("Change an expense").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteExpense).WithName("DeleteExpense").WithSummary("Delete an expense");
        return group;
    }

    public static async Task<Results<Ok<Paged<ExpenseResponse>>, ValidationProblem>> ListExpenses(
        [AsParameters] ExpenseQuery query, PersonNow person, ExpenseService expenses, CancellationToken cancellationToken) =>
        (await expenses.ListAsync(person, query, cancellationToken)).ToOkOrInvalid();

    public static async Task<Results<Created<ExpenseResponse>, ValidationProblem>> CreateExpense(
        CreateExpenseRequest request, PersonNow person, ExpenseService expenses, CancellationToken cancellationToken) =>
        (await expenses.CreateAsync(person, request, cancellationToken)).ToCreatedOrInvalid(expense => $"{ApiRoutes.Prefix}/expenses/{expense.Id}");

    public static async Task<Results<Ok<ExpenseResponse>, ProblemHttpResult>> GetExpense(
        Guid id, PersonNow person, ExpenseService expenses, CancellationToken cancellationToken) =>
        (await expenses.GetAsync(person, id, cancellationToken)).ToFound();

    public static async Task<Results<Ok<ExpenseResponse>, ValidationProblem, ProblemHttpResult>> UpdateExpense(
        Guid id, UpdateExpenseRequest request, PersonNow person, ExpenseService expenses, CancellationToken cancellationToken) =>
        (await expenses.UpdateAsync(person, id, request, cancellationToken)).ToOk();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteExpense(
        Guid id, PersonNow person, ExpenseService expenses, CancellationToken cancellationToken) =>
        (await expenses.DeleteAsync(person, id, cancellationToken)).ToNoContent();

    public static async Task<Results<Ok<ExpenseSummaryResponse>, ValidationProblem>> ExpenseSummary(
        [FromQuery(Name = "month")] string? month, PersonNow person, ExpenseService expenses, CancellationToken cancellationToken) =>
        (await expenses.SummaryAsync(person, month, cancellationToken)).ToOkOrInvalid();
}

/// <param name="Amount">More than 0, at most 1,000,000,000; rounded to cents.</param>
/// <param name="Currency">ISO 4217; the person's default currency when absent.</param>
/// <param name="Description">What it was for.</param>
/// <param name="Category">One of the categories; guessed from the description when absent.</param>
/// <param name="Date">The local date; today when absent.</param>
internal sealed record CreateExpenseRequest(
    [property: Range(typeof(decimal), "0.01", "1000000000")] decimal Amount,
    [property: Required, StringLength(ExpenseConfiguration.MaxDescriptionLength, MinimumLength = 1)] string Description,
    [property: StringLength(3, MinimumLength = 3)] string? Currency = null,
    [property: ExpenseCategory] string? Category = null,
    [property: DateRange] DateOnly? Date = null);

internal sealed record UpdateExpenseRequest(
    [property: Range(typeof(decimal), "0.01", "1000000000")] decimal? Amount = null,
    [property: StringLength(ExpenseConfiguration.MaxDescriptionLength, MinimumLength = 1)] string? Description = null,
    [property: StringLength(3, MinimumLength = 3)] string? Currency = null,
    [property: ExpenseCategory] string? Category = null,
    [property: DateRange] DateOnly? Date = null);

internal sealed record ExpenseQuery : IPaged
{
    /// <summary>YYYY-MM.</summary>
    [FromQuery(Name = "month")]
    [StringLength(7)]
    public string? Month { get; init; }

    [FromQuery(Name = "category")]
    [ExpenseCategory]
    public string? Category { get; init; }

    [FromQuery(Name = "page")]
    [Range(1, PagingLimits.MaxPage)]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    [PageSize]
    public int? PageSize { get; init; }
}

internal sealed record ExpenseResponse(Guid Id, decimal Amount, string Currency, string Category, string Description, DateOnly Date, DateTimeOffset CreatedAt)
{
    public static ExpenseResponse From(Expense e) => new(e.Id, e.Amount, e.Currency, e.Category, e.Description, e.Date, e.CreatedAt);
}

internal sealed record CategoryTotal(string Category, string Currency, decimal Total, int Count);

internal sealed record CurrencyTotal(string Currency, decimal Total);

internal sealed record ExpenseSummaryResponse(string Month, IReadOnlyList<CategoryTotal> ByCategory, IReadOnlyList<CurrencyTotal> Totals);

[AttributeUsage(AttributeTargets.Property)]
internal sealed class ExpenseCategoryAttribute : ValidationAttribute, ICatalogRule
{
    public string Describe(string locale) => Localization.Texts.Format(locale, "Validation.OneOf", string.Join(", ", ExpenseCategories.All));

    public override bool IsValid(object? value) => value is null || (value is string s && ExpenseCategories.All.Contains(s));
}

[AttributeUsage(AttributeTargets.Property)]
internal sealed class DateRangeAttribute : ValidationAttribute, ICatalogRule
{
    public string Describe(string locale) => Localization.Texts.Format(locale, "Validation.DateRange", TimeInput.MinYear, TimeInput.MaxYear);

    public override bool IsValid(object? value) => value is not DateOnly date || date.Year is >= 2000 and <= 2200;
}
