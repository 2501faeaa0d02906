using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Sms.Allowances;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;
using PhoneNumbers;

namespace PersonalAssistant.Server.Features.Sms.Usage;

/// <summary>
/// Usage and costs of texts (issue 17), counted from the SMS log (<see cref="SmsMessage"/>: one row per inbound text and
/// per outbound part). A person sees their own rows by their local day; administrators see the instance by UTC day: per
/// person, per instance number, per country, delivery success, top error codes and cost by month with the numbers' rental.
/// Costs are Twilio's reported price when there is one, else the list price of <see cref="SmsPriceList"/>.
/// </summary>
internal sealed class SmsUsageService(AppDbContext db, SmsPriceList prices, SmsAllowanceService allowances, IOptions<TwilioOptions> twilio, TimeProvider time)
{
    /// <summary>The longest range a report covers, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>The range when none is given: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    public const string Csv = "csv";

    public const string Json = "json";

    /// <summary>The messaging service's own sender (outbound rows sent without a fixed number).</summary>
    public const string MessagingServiceNumber = "messaging-service";

    private static readonly string[] FinalStatuses = [SmsStatuses.Delivered, SmsStatuses.Undelivered, SmsStatuses.Failed];

    /// <summary>My texts in and out per local day over the range, with their estimated cost.</summary>
    public async Task<Outcome<SmsUsageResponse>> PersonalAsync(PersonNow person, SmsUsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(query);
        var asked = RangeOf(person.Locale, query, person.TodayDate);
        if (asked.Failure is { } failure)
        {
            return failure;
        }

        var range = asked.Value!;

        var start = person.StartOf(LocalDate.FromDateOnly(range.From));
        var end = person.StartOf(LocalDate.FromDateOnly(range.To).PlusDays(1));
        var rows = await Rows(start, end, person.UserId).ToListAsync(cancellationToken);
        var byDay = rows.ToLookup(r => Instant.FromDateTimeOffset(r.CreatedAt).InZone(person.Zone).Date.ToDateOnly());
        var days = new List<SmsUsageDayResponse>();
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            days.Add(Day(day, byDay[day]));
        }

        return new SmsUsageResponse(range.From, range.To, prices.Currency, days, Totals(rows), await allowances.StatusAsync(person.UserId, cancellationToken));
    }

    /// <summary>The instance's usage over the range (UTC days).</summary>
    public async Task<Outcome<SmsAdminUsageResponse>> AdminAsync(string locale, SmsUsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var asked = RangeOf(locale, query, today);
        if (asked.Failure is { } failure)
        {
            return failure;
        }

        var range = asked.Value!;

        var start = new DateTimeOffset(range.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(range.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rows = await Rows(start, end, ownerId: null).ToListAsync(cancellationToken);

        var userIds = rows.Where(r => r.UserId is not null).Select(r => r.UserId!.Value).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var people = rows.Where(r => r.UserId is not null).GroupBy(r => r.UserId!.Value)
            .Select(g => new SmsPersonUsageResponse(g.Key, emails.GetValueOrDefault(g.Key), Totals(g)))
            .OrderByDescending(p => p.Usage.EstimatedCost).ThenBy(p => p.UserId).ToList();

        var numbers = rows.GroupBy(InstanceNumberOf)
            .Select(g => new SmsNumberUsageResponse(g.Key, Totals(g))).OrderBy(n => n.Number, StringComparer.Ordinal).ToList();

        var countries = rows.GroupBy(r => CountryOf(RemoteNumberOf(r)))
            .Select(g => new SmsCountryUsageResponse(g.Key, Totals(g))).OrderBy(c => c.Country, StringComparer.Ordinal).ToList();

        var outbound = rows.Where(r => r.Direction == SmsDirections.Outbound).ToList();
        var final = outbound.Count(r => FinalStatuses.Contains(r.Status));
        var delivered = outbound.Count(r => r.Status == SmsStatuses.Delivered);
        var delivery = new SmsDeliveryResponse(outbound.Count, final, delivered, final == 0 ? null : Math.Round((double)delivered / final, 4));

        var errors = outbound.Where(r => r.ErrorCode is not null).GroupBy(r => r.ErrorCode!.Value)
            .Select(g => new SmsErrorCountResponse(g.Key, g.Count())).OrderByDescending(e => e.Count).ThenBy(e => e.ErrorCode).Take(10).ToList();

        var months = await MonthsAsync(range, rows, cancellationToken);
        return new SmsAdminUsageResponse(range.From, range.To, prices.Currency, Totals(rows), people, numbers, countries, delivery, errors, months);
    }

    /// <summary>One line per day: <c>date,messages_in,segments_in,messages_out,segments_out,estimated_cost,currency</c>.</summary>
    public static string ToCsv(SmsUsageResponse usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return WriteCsv(csv =>
        {
            Record(csv, "date", "messages_in", "segments_in", "messages_out", "segments_out", "estimated_cost", "currency");
            foreach (var day in usage.Days)
            {
                Record(csv, day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Count(day.MessagesIn), Count(day.SegmentsIn),
                    Count(day.MessagesOut), Count(day.SegmentsOut), SmsPriceList.Format(day.EstimatedCost), usage.Currency);
            }
        });
    }

    /// <summary>
    /// One figure per line: <c>section,key,metric,value,unit</c>. Sections: <c>total</c> (key <c>all</c>), <c>person</c> (key
    /// the account id), <c>number</c> (the instance number), <c>country</c> (ISO region, <c>ZZ</c> unknown), <c>delivery</c>,
    /// <c>error</c> (key the Twilio code) and <c>month</c> (<c>yyyy-MM</c>); the unit is the currency for money, <c>ratio</c>
    /// for the success rate, empty for counts.
    /// </summary>
    public static string ToCsv(SmsAdminUsageResponse usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var currency = usage.Currency;
        return WriteCsv(csv =>
        {
            Record(csv, "section", "key", "metric", "value", "unit");
            void Totals(string section, string key, SmsUsageTotalsResponse totals)
            {
                Record(csv, section, key, "messages_in", Count(totals.MessagesIn), string.Empty);
                Record(csv, section, key, "segments_in", Count(totals.SegmentsIn), string.Empty);
                Record(csv, section, key, "messages_out", Count(totals.MessagesOut), string.Empty);
                Record(csv, section, key, "segments_out", Count(totals.SegmentsOut), string.Empty);
                Record(csv, section, key, "estimated_cost", SmsPriceList.Format(totals.EstimatedCost), currency);
            }

            Totals("total", "all", usage.Totals);
            foreach (var person in usage.People)
            {
                Totals("person", person.UserId.ToString(), person.Usage);
            }

            foreach (var number in usage.Numbers)
            {
                Totals("number", number.Number, number.Usage);
            }

            foreach (var country in usage.Countries)
            {
                Totals("country", country.Country, country.Usage);
            }

            Record(csv, "delivery", "all", "outbound", Count(usage.Delivery.Outbound), string.Empty);
            Record(csv, "delivery", "all", "final", Count(usage.Delivery.Final), string.Empty);
            Record(csv, "delivery", "all", "delivered", Count(usage.Delivery.Delivered), string.Empty);
            Record(csv, "delivery", "all", "success_rate", usage.Delivery.SuccessRate?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty, "ratio");
            foreach (var error in usage.TopErrors)
            {
                Record(csv, "error", Count(error.ErrorCode), "count", Count(error.Count), string.Empty);
            }

            foreach (var month in usage.Months)
            {
                Record(csv, "month", month.Month, "messages_cost", SmsPriceList.Format(month.MessagesCost), currency);
                Record(csv, "month", month.Month, "numbers", Count(month.Numbers), string.Empty);
                Record(csv, "month", month.Month, "number_rental", SmsPriceList.Format(month.NumberRental), currency);
                Record(csv, "month", month.Month, "total", SmsPriceList.Format(month.Total), currency);
            }
        });
    }

    /// <summary>The rows of the range; only <paramref name="ownerId"/>'s when given.</summary>
    private IQueryable<UsageRow> Rows(DateTimeOffset start, DateTimeOffset end, Guid? ownerId)
    {
        var rows = db.Set<SmsMessage>().AsNoTracking().Where(m => m.CreatedAt >= start && m.CreatedAt < end);
        if (ownerId is { } id)
        {
            rows = rows.Where(m => m.UserId == id);
        }

        return rows.Select(m => new UsageRow(m.Direction, m.Segments, m.Price, m.From, m.To, m.Status, m.ErrorCode, m.UserId, m.CreatedAt));
    }

    private async Task<List<SmsMonthCostResponse>> MonthsAsync(DateRange range, List<UsageRow> rows, CancellationToken cancellationToken)
    {
        // Numbers held now, from the month they were added; the shared number of the configuration, every month.
        var numbers = await db.Set<SmsNumber>().AsNoTracking().Select(n => new { n.E164, n.CreatedAt }).ToListAsync(cancellationToken);
        var rented = numbers.Select(n => (n.E164, From: (DateTimeOffset?)n.CreatedAt)).ToList();
        if (twilio.Value is { IsConfigured: true, PhoneNumber: { Length: > 0 } shared } && numbers.All(n => n.E164 != shared))
        {
            rented.Add((shared, null));
        }

        var months = new List<SmsMonthCostResponse>();
        for (var month = new DateOnly(range.From.Year, range.From.Month, 1); month <= range.To; month = month.AddMonths(1))
        {
            var monthEnd = new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var inMonth = rows.Where(r => r.CreatedAt.UtcDateTime.Year == month.Year && r.CreatedAt.UtcDateTime.Month == month.Month);
            var messagesCost = inMonth.Sum(CostOf);
            var held = rented.Where(n => n.From is null || n.From < monthEnd).ToList();
            var rental = held.Sum(n => prices.MonthlyRentalOf(n.E164));
            months.Add(new SmsMonthCostResponse(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), messagesCost, held.Count, rental, messagesCost + rental));
        }

        return months;
    }

    private SmsUsageDayResponse Day(DateOnly day, IEnumerable<UsageRow> rows)
    {
        var totals = Totals(rows);
        return new SmsUsageDayResponse(day, totals.MessagesIn, totals.SegmentsIn, totals.MessagesOut, totals.SegmentsOut, totals.EstimatedCost);
    }

    private SmsUsageTotalsResponse Totals(IEnumerable<UsageRow> rows)
    {
        var list = rows as IReadOnlyCollection<UsageRow> ?? rows.ToList();
        var inbound = list.Where(r => r.Direction == SmsDirections.Inbound).ToList();
        var outbound = list.Where(r => r.Direction == SmsDirections.Outbound).ToList();
        return new SmsUsageTotalsResponse(inbound.Count, inbound.Sum(r => r.Segments), outbound.Count, outbound.Sum(r => r.Segments), list.Sum(CostOf));
    }

    private decimal CostOf(UsageRow row) => prices.CostOf(row.Direction, row.Segments, row.Price, RemoteNumberOf(row));

    private static string RemoteNumberOf(UsageRow row) => row.Direction == SmsDirections.Outbound ? row.To : row.From;

    private static string InstanceNumberOf(UsageRow row)
    {
        var number = row.Direction == SmsDirections.Outbound ? row.From : row.To;
        return string.IsNullOrEmpty(number) ? MessagingServiceNumber : number;
    }

    private static string CountryOf(string number)
    {
        try
        {
            var util = PhoneNumberUtil.GetInstance();
            return util.GetRegionCodeForNumber(util.Parse(number, null)) ?? "ZZ";
        }
        catch (NumberParseException)
        {
            return "ZZ";
        }
    }

    /// <summary>The range asked (to: today by default; from: 30 days before to), or why it cannot be: a bad format, from after to, too long.</summary>
    private static Outcome<DateRange> RangeOf(string locale, SmsUsageQuery query, DateOnly today)
    {
        if (query.Format is not null && query.Format != Csv && query.Format != Json)
        {
            return Failure.Invalid(locale, "format", "Sms.Usage.Format");
        }

        var to = query.To ?? today;
        var from = query.From ?? to.AddDays(-(DefaultDays - 1));
        if (from > to)
        {
            return Failure.Invalid(locale, "to", "Sms.Usage.RangeOrder");
        }

        return to.DayNumber - from.DayNumber >= MaxDays ? Failure.Invalid(locale, "from", "Sms.Usage.RangeTooLong", MaxDays) : new DateRange(from, to);
    }

    private static string WriteCsv(Action<CsvWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            write(csv);
        }

        return text.ToString();
    }

    private static void Record(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record DateRange(DateOnly From, DateOnly To);

    private sealed record UsageRow(string Direction, int Segments, decimal? Price, string From, string To, string Status, int? ErrorCode, Guid? UserId, DateTimeOffset CreatedAt);
}
