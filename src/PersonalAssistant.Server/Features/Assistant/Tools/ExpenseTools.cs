using System.ComponentModel;
using System.Globalization;
using PersonalAssistant.Server.Features.Expenses;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>The assistant's tools for expenses: record one, a month's summary.</summary>
internal sealed partial class AssistantTools
{
    [Description("Record an expense.")]
    public async Task<ToolResult> AddExpense(
        [Description("The amount, a decimal number.")] decimal amount,
        [Description("What it was for.")] string description,
        [Description("ISO 4217 code (EUR, USD); the person's default otherwise.")] string? currency = null,
        [Description("The day: words (\"yesterday\") or an ISO date; today by default.")] string? date = null,
        CancellationToken cancellationToken = default)
    {
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (ReadTime(date)?.When is not { } moment)
            {
                return ToolResult.Failed(Text("Tools.Day.Unreadable", date));
            }

            day = moment.Date.ToDateOnly();
        }

        var request = new CreateExpenseRequest(amount, description, currency, Date: day);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await expenses.CreateAsync(Person, request, cancellationToken);
        if (result.Value is not { } expense)
        {
            return Failed(result.Failure);
        }

        var money = Text("Tools.Money", expense.Amount, expense.Currency);
        return await DidAsync(ActionKinds.ExpenseCreated, $"{money} {expense.Description} ({expense.Category})", expense.Id);
    }

    [Description("Spending summary for a month.")]
    public async Task<ToolResult> ExpenseSummary(
        [Description("The month as YYYY-MM; this month by default.")] string? month = null,
        CancellationToken cancellationToken = default)
    {
        var result = await expenses.SummaryAsync(Person, month, cancellationToken);
        if (result.Value is not { } summary)
        {
            return Failed(result.Failure);
        }

        var lines = summary.ByCategory.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Category}: {c.Total:0.00} {c.Currency}")).ToList();
        return ToolResult.Listing(summary.Month, lines);
    }
}
