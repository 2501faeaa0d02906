using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Expenses;

/// <summary>
/// The expenses feature's public API, for its endpoints, the assistant's tools and undo alike: every method takes the
/// person it acts for, checks its own input, scopes every statement to that person (another person's id is not found)
/// and answers an <see cref="Outcome{T}"/> whose texts are in the person's language.
/// </summary>
internal sealed class ExpenseService(AppDbContext db, TimeProvider time)
{
    /// <summary>The person's expenses, newest first, of one month or category when asked.</summary>
    public async Task<Outcome<Paged<ExpenseResponse>>> ListAsync(PersonNow person, ExpenseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(query);
        if (Failure.Check(query, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var expenses = db.Expenses.AsNoTracking().Where(e => e.UserId == person.UserId);
        if (query.Month is { } month)
        {
            if (!TryMonth(month, out var first))
            {
                return BadMonth(person);
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
        return found.Map(ExpenseResponse.From);
    }

    /// <summary>
    /// The person's expenses dated from <paramref name="from"/> up to (not including) <paramref name="until"/>, of the
    /// given categories (all when none), oldest first.
    /// </summary>
    public async Task<IReadOnlyList<ExpenseResponse>> BetweenAsync(
        PersonNow person, DateOnly from, DateOnly until, IReadOnlyCollection<string> categories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(categories);
        var expenses = db.Expenses.AsNoTracking().Where(e => e.UserId == person.UserId && e.Date >= from && e.Date < until);
        if (categories.Count > 0)
        {
            var wanted = categories.ToList();
            expenses = expenses.Where(e => wanted.Contains(e.Category));
        }

        var found = await expenses.OrderBy(e => e.Date).ThenBy(e => e.CreatedAt).Take(1000).ToListAsync(cancellationToken);
        return [.. found.Select(ExpenseResponse.From)];
    }

    /// <summary>Logs an expense: the person's default currency, today and a guessed category unless given.</summary>
    public async Task<Outcome<ExpenseResponse>> CreateAsync(PersonNow person, CreateExpenseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var currency = (request.Currency ?? person.Preferences.DefaultCurrency).Trim().ToUpperInvariant();
        if (!Currencies.IsKnown(currency))
        {
            return UnknownCurrency(person);
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
        return ExpenseResponse.From(expense);
    }

    public async Task<Outcome<ExpenseResponse>> GetAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var expense = await db.Expenses.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.UserId == person.UserId, cancellationToken);
        return expense is null ? NotFound(person) : ExpenseResponse.From(expense);
    }

    public async Task<Outcome<ExpenseResponse>> UpdateAsync(PersonNow person, Guid id, UpdateExpenseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var expense = await db.Expenses.SingleOrDefaultAsync(e => e.Id == id && e.UserId == person.UserId, cancellationToken);
        if (expense is null)
        {
            return NotFound(person);
        }

        if (request.Currency is { } currency)
        {
            currency = currency.Trim().ToUpperInvariant();
            if (!Currencies.IsKnown(currency))
            {
                return UnknownCurrency(person);
            }

            expense.Currency = currency;
        }

        expense.Amount = request.Amount is { } amount ? decimal.Round(amount, 2) : expense.Amount;
        expense.Description = request.Description?.Trim() ?? expense.Description;
        expense.Category = request.Category ?? expense.Category;
        expense.Date = request.Date ?? expense.Date;
        await db.SaveChangesAsync(cancellationToken);
        return ExpenseResponse.From(expense);
    }

    public async Task<Outcome<Done>> DeleteAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var deleted = await db.Expenses.Where(e => e.Id == id && e.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(person) : default(Done);
    }

    /// <summary>A month's totals (this month unless <paramref name="month"/>, YYYY-MM, says) by category and currency.</summary>
    public async Task<Outcome<ExpenseSummaryResponse>> SummaryAsync(PersonNow person, string? month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var first = new DateOnly(person.TodayDate.Year, person.TodayDate.Month, 1);
        if (month is not null && !TryMonth(month, out first))
        {
            return BadMonth(person);
        }

        var next = first.AddMonths(1);
        // Summed here, not in SQL: SQLite keeps decimals as text, and a month is a few hundred rows at most.
        var rows = await db.Expenses.AsNoTracking().Where(e => e.UserId == person.UserId && e.Date >= first && e.Date < next)
            .Select(e => new { e.Category, e.Currency, e.Amount }).ToListAsync(cancellationToken);
        var byCategory = rows.GroupBy(r => (r.Category, r.Currency))
            .Select(g => new CategoryTotal(g.Key.Category, g.Key.Currency, g.Sum(r => r.Amount), g.Count()))
            .OrderByDescending(t => t.Total).ToList();
        var totals = rows.GroupBy(r => r.Currency).Select(g => new CurrencyTotal(g.Key, g.Sum(r => r.Amount))).OrderBy(t => t.Currency, StringComparer.Ordinal).ToList();
        return new ExpenseSummaryResponse(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), byCategory, totals);
    }

    private static bool TryMonth(string text, out DateOnly first) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first) && first.Year is >= 2000 and <= 2200;

    private static Failure BadMonth(PersonNow person) => Failure.Invalid(person.Locale, "month", "Expenses.Month");

    private static Failure UnknownCurrency(PersonNow person) => Failure.Invalid(person.Locale, "currency", "Expenses.Currency");

    private static Failure NotFound(PersonNow person) => Failure.NotFound(person.Locale, "Expenses.NotFound");
}

internal static class ExpensesRegistration
{
    public static IServiceCollection AddExpenses(this IServiceCollection services)
    {
        services.AddScoped<ExpenseService>();
        services.AddPersonalData("expenses.json", "Exports.File.Expenses", (db, userId) => db.Expenses.AsNoTracking()
            .Where(e => e.UserId == userId).OrderBy(e => e.Date).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Date, e.Amount, e.Currency, e.Category, e.Description, e.CreatedAt }));
        return services;
    }
}
