using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Expenses;

/// <summary>Expenses and a monthly summary by category. Amounts are decimals; each keeps its own currency.</summary>
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
        [AsParameters] ExpenseQuery query, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var expenses = db.Expenses.AsNoTracking().Where(e => e.UserId == userId);
        if (query.Month is { } month)
        {
            if (!TryMonth(month, out var first))
            {
                return BadMonth();
            }

            var next = first.AddMonths(1);
            expenses = expenses.Where(e => e.Date >= first && e.Date < next);
        }

        if (query.Category is { } category)
        {
            expenses = expenses.Where(e => e.Category == category);
        }

        expenses = expenses.OrderByDescending(e => e.Date).ThenByDescending(e => e.CreatedAt);
        var found = await expenses.ToPagedAsync(query, cancellationToken);
        return TypedResults.Ok(found.Map(ExpenseResponse.From));
    }

    public static async Task<Results<Created<ExpenseResponse>, ValidationProblem>> CreateExpense(
        CreateExpenseRequest request, AppDbContext db, PersonClock clock, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var currency = (request.Currency ?? person.Preferences.DefaultCurrency).Trim().ToUpperInvariant();
        if (!Currencies.IsKnown(currency))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currency"] = ["Use an ISO 4217 code such as USD, EUR or CAD."] });
        }

        var expense = new Expense
        {
            UserId = person.UserId,
            Amount = decimal.Round(request.Amount, 2),
            Currency = currency,
            Description = request.Description.Trim(),
            Category = request.Category ?? ExpenseCategories.Guess(request.Description),
            Date = request.Date ?? person.TodayDate,
            CreatedAt = time.GetUtcNow(),
        };
        db.Expenses.Add(expense);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Prefix}/expenses/{expense.Id}", ExpenseResponse.From(expense));
    }

    public static async Task<Results<Ok<ExpenseResponse>, ProblemHttpResult>> GetExpense(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var expense = await db.Expenses.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.UserId == userId, cancellationToken);
        return expense is null ? NotFound() : TypedResults.Ok(ExpenseResponse.From(expense));
    }

    public static async Task<Results<Ok<ExpenseResponse>, ValidationProblem, ProblemHttpResult>> UpdateExpense(
        Guid id, UpdateExpenseRequest request, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var expense = await db.Expenses.SingleOrDefaultAsync(e => e.Id == id && e.UserId == userId, cancellationToken);
        if (expense is null)
        {
            return NotFound();
        }

        if (request.Currency is { } currency)
        {
            currency = currency.Trim().ToUpperInvariant();
            if (!Currencies.IsKnown(currency))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currency"] = ["Use an ISO 4217 code such as USD, EUR or CAD."] });
            }

            expense.Currency = currency;
        }

        expense.Amount = request.Amount is { } amount ? decimal.Round(amount, 2) : expense.Amount;
        expense.Description = request.Description?.Trim() ?? expense.Description;
        expense.Category = request.Category ?? expense.Category;
        expense.Date = request.Date ?? expense.Date;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ExpenseResponse.From(expense));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteExpense(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var deleted = await db.Expenses.Where(e => e.Id == id && e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ExpenseSummaryResponse>, ValidationProblem>> ExpenseSummary(
        [FromQuery(Name = "month")] string? month, AppDbContext db, PersonClock clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var person = await clock.NowAsync(user.UserId(), cancellationToken);
        var first = new DateOnly(person.TodayDate.Year, person.TodayDate.Month, 1);
        if (month is not null && !TryMonth(month, out first))
        {
            return BadMonth();
        }

        var next = first.AddMonths(1);
        // Summed here, not in SQL: SQLite keeps decimals as text, and a month is a few hundred rows at most.
        var rows = await db.Expenses.AsNoTracking().Where(e => e.UserId == person.UserId && e.Date >= first && e.Date < next)
            .Select(e => new { e.Category, e.Currency, e.Amount }).ToListAsync(cancellationToken);
        var byCategory = rows.GroupBy(r => (r.Category, r.Currency))
            .Select(g => new CategoryTotal(g.Key.Category, g.Key.Currency, g.Sum(r => r.Amount), g.Count()))
            .OrderByDescending(t => t.Total).ToList();
        var totals = rows.GroupBy(r => r.Currency).Select(g => new CurrencyTotal(g.Key, g.Sum(r => r.Amount))).OrderBy(t => t.Currency, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ExpenseSummaryResponse(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), byCategory, totals));
    }

    private static bool TryMonth(string text, out DateOnly first) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first) && first.Year is >= 2000 and <= 2200;

    private static ValidationProblem BadMonth() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["Use a month as YYYY-MM, for example 2026-03."] });

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Not found", detail: "No expense of yours has this id.", statusCode: StatusCodes.Status404NotFound);
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
