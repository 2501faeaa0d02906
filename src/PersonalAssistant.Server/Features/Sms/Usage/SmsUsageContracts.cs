using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Features.Sms.Allowances;

namespace PersonalAssistant.Server.Features.Sms.Usage;

/// <summary>The range of a usage report and its format.</summary>
internal sealed record SmsUsageQuery
{
    /// <summary>First day (YYYY-MM-DD), included; 30 days before <see cref="To"/> when absent.</summary>
    [FromQuery(Name = "from")]
    public DateOnly? From { get; init; }

    /// <summary>Last day (YYYY-MM-DD), included; today when absent. At most 366 days after <see cref="From"/>.</summary>
    [FromQuery(Name = "to")]
    public DateOnly? To { get; init; }

    /// <summary><c>json</c> (default) or <c>csv</c>.</summary>
    [FromQuery(Name = "format")]
    public string? Format { get; init; }
}

/// <summary>My texts per day.</summary>
/// <param name="From">First day of the range (my local date).</param>
/// <param name="To">Last day of the range, included.</param>
/// <param name="Currency">ISO 4217 code of the costs.</param>
/// <param name="Days">Every day of the range, oldest first (zeros included).</param>
/// <param name="Totals">The whole range.</param>
/// <param name="Allowance">My SMS allowance now: used and left today and this month.</param>
internal sealed record SmsUsageResponse(
    DateOnly From, DateOnly To, string Currency, IReadOnlyList<SmsUsageDayResponse> Days, SmsUsageTotalsResponse Totals, SmsAllowanceStatusResponse Allowance);

/// <summary>One day of texts.</summary>
/// <param name="Date">The local date.</param>
/// <param name="MessagesIn">Texts received.</param>
/// <param name="SegmentsIn">Their segments.</param>
/// <param name="MessagesOut">Texts sent (each part of a long reply counts as one).</param>
/// <param name="SegmentsOut">Their segments.</param>
/// <param name="EstimatedCost">Twilio's price where it reported one, else segments × the list price.</param>
internal sealed record SmsUsageDayResponse(DateOnly Date, int MessagesIn, int SegmentsIn, int MessagesOut, int SegmentsOut, decimal EstimatedCost);

/// <summary>Counts and cost of a set of texts.</summary>
/// <param name="MessagesIn">Texts received.</param>
/// <param name="SegmentsIn">Their segments.</param>
/// <param name="MessagesOut">Texts sent (parts).</param>
/// <param name="SegmentsOut">Their segments.</param>
/// <param name="EstimatedCost">Twilio's price where it reported one, else segments × the list price.</param>
internal sealed record SmsUsageTotalsResponse(int MessagesIn, int SegmentsIn, int MessagesOut, int SegmentsOut, decimal EstimatedCost);

/// <summary>The instance's texts over a range (UTC days).</summary>
/// <param name="From">First day, included.</param>
/// <param name="To">Last day, included.</param>
/// <param name="Currency">ISO 4217 code of the costs.</param>
/// <param name="Totals">Every text of the range.</param>
/// <param name="People">Per account (texts from unknown numbers are in the totals only), costliest first.</param>
/// <param name="Numbers">Per instance number (the number texted, or the one sent from; "messaging-service" when the service picked it).</param>
/// <param name="Countries">Per country of the other party (ISO region; "ZZ" when unknown).</param>
/// <param name="Delivery">Delivery success of outbound texts.</param>
/// <param name="TopErrors">The ten most frequent Twilio error codes of outbound texts.</param>
/// <param name="Months">Cost per calendar month touched by the range, with the rental of the instance's numbers.</param>
internal sealed record SmsAdminUsageResponse(
    DateOnly From,
    DateOnly To,
    string Currency,
    SmsUsageTotalsResponse Totals,
    IReadOnlyList<SmsPersonUsageResponse> People,
    IReadOnlyList<SmsNumberUsageResponse> Numbers,
    IReadOnlyList<SmsCountryUsageResponse> Countries,
    SmsDeliveryResponse Delivery,
    IReadOnlyList<SmsErrorCountResponse> TopErrors,
    IReadOnlyList<SmsMonthCostResponse> Months);

/// <summary>One account's texts.</summary>
/// <param name="UserId">The account.</param>
/// <param name="Email">Its email.</param>
/// <param name="Usage">Its counts and cost.</param>
internal sealed record SmsPersonUsageResponse(Guid UserId, string? Email, SmsUsageTotalsResponse Usage);

/// <summary>One instance number's texts.</summary>
/// <param name="Number">E.164, or "messaging-service".</param>
/// <param name="Usage">Its counts and cost.</param>
internal sealed record SmsNumberUsageResponse(string Number, SmsUsageTotalsResponse Usage);

/// <summary>One country's texts.</summary>
/// <param name="Country">ISO 3166 region of the other party ("ZZ" when unknown).</param>
/// <param name="Usage">Its counts and cost.</param>
internal sealed record SmsCountryUsageResponse(string Country, SmsUsageTotalsResponse Usage);

/// <summary>How outbound texts fared.</summary>
/// <param name="Outbound">Outbound texts (parts).</param>
/// <param name="Final">Those with a final status (delivered, undelivered or failed).</param>
/// <param name="Delivered">Those delivered.</param>
/// <param name="SuccessRate">Delivered ÷ final (0 to 1); null when none is final yet.</param>
internal sealed record SmsDeliveryResponse(int Outbound, int Final, int Delivered, double? SuccessRate);

/// <summary>A Twilio error code and how often it came.</summary>
/// <param name="ErrorCode">Twilio's error code (e.g. 30007).</param>
/// <param name="Count">Outbound texts with it.</param>
internal sealed record SmsErrorCountResponse(int ErrorCode, int Count);

/// <summary>A month's cost.</summary>
/// <param name="Month">YYYY-MM (UTC).</param>
/// <param name="MessagesCost">Texts of the month inside the range.</param>
/// <param name="Numbers">Numbers rented that month (held now and added before its end, plus the configured shared number).</param>
/// <param name="NumberRental">Their rental for the whole month.</param>
/// <param name="Total">Texts and rental.</param>
internal sealed record SmsMonthCostResponse(string Month, decimal MessagesCost, int Numbers, decimal NumberRental, decimal Total);
