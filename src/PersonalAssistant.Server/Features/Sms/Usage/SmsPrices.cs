using System.Globalization;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Sms.Usage;

/// <summary>
/// What texts and numbers cost (section <c>Sms:Prices</c>), for the estimates of the usage reports: a default (Twilio's US
/// list prices) and, per country calling code prefix (<c>Sms:Prices:Prefixes:33:Outbound</c>), other prices; the longest
/// prefix of a number's digits wins. A row whose actual price Twilio reported is counted at that price instead.
/// </summary>
internal sealed class SmsPricesOptions
{
    public const string Section = "Sms:Prices";

    /// <summary>ISO 4217 code of every price here (and of the estimates).</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Per outbound segment.</summary>
    public decimal Outbound { get; set; } = 0.0083m;

    /// <summary>Per inbound segment.</summary>
    public decimal Inbound { get; set; } = 0.0083m;

    /// <summary>A number's rental for a month.</summary>
    public decimal NumberMonthly { get; set; } = 1.15m;

    /// <summary>Prices by country calling code prefix (digits, without '+'); a price left out is the default's.</summary>
    public Dictionary<string, SmsPrefixPrices> Prefixes { get; set; } = new(StringComparer.Ordinal);

    internal sealed class Validator : IValidateOptions<SmsPricesOptions>
    {
        public ValidateOptionsResult Validate(string? name, SmsPricesOptions options)
        {
            var failures = new OptionsFailures();
            if (options.Currency is not { Length: 3 } || !options.Currency.All(char.IsAsciiLetterUpper))
            {
                failures.Add("Sms:Prices:Currency", "must be an ISO 4217 code such as USD.");
            }

            if (options.Outbound < 0 || options.Inbound < 0 || options.NumberMonthly < 0)
            {
                failures.Add("Sms:Prices", "Outbound, Inbound and NumberMonthly cannot be negative.");
            }

            foreach (var (prefix, prices) in options.Prefixes)
            {
                if (prefix.Length is < 1 or > 6 || !prefix.All(char.IsAsciiDigit))
                {
                    failures.Add($"Sms:Prices:Prefixes:{prefix}", "must be a calling code prefix of 1 to 6 digits (e.g. 33).");
                }

                if (prices.Outbound < 0 || prices.Inbound < 0 || prices.NumberMonthly < 0)
                {
                    failures.Add($"Sms:Prices:Prefixes:{prefix}", "prices cannot be negative.");
                }
            }

            return failures.ToResult();
        }
    }
}

/// <summary>One prefix's prices; null ones are the default's.</summary>
internal sealed class SmsPrefixPrices
{
    public decimal? Outbound { get; set; }

    public decimal? Inbound { get; set; }

    public decimal? NumberMonthly { get; set; }
}

/// <summary>Reads <see cref="SmsPricesOptions"/> for a number: the price of a segment each way and of a month's rental.</summary>
internal sealed class SmsPriceList(IOptions<SmsPricesOptions> options)
{
    public string Currency => options.Value.Currency;

    /// <summary>What one row cost: Twilio's price when it reported one (negative in its API), else segments × the list price.</summary>
    public decimal CostOf(string direction, int segments, decimal? actual, string remoteNumber)
    {
        if (actual is { } price)
        {
            return Math.Abs(price);
        }

        var prices = Find(remoteNumber);
        var settings = options.Value;
        var each = direction == SmsDirections.Outbound ? prices?.Outbound ?? settings.Outbound : prices?.Inbound ?? settings.Inbound;
        return each * segments;
    }

    public decimal MonthlyRentalOf(string number) => Find(number)?.NumberMonthly ?? options.Value.NumberMonthly;

    private SmsPrefixPrices? Find(string number)
    {
        var digits = number.TrimStart('+');
        SmsPrefixPrices? best = null;
        var bestLength = 0;
        foreach (var (prefix, prices) in options.Value.Prefixes)
        {
            if (prefix.Length > bestLength && digits.StartsWith(prefix, StringComparison.Ordinal))
            {
                (best, bestLength) = (prices, prefix.Length);
            }
        }

        return best;
    }

    /// <summary>A money amount as the reports show it (invariant, 4 decimals).</summary>
    public static string Format(decimal amount) => amount.ToString("0.####", CultureInfo.InvariantCulture);
}
