using NodaTime;

namespace PersonalAssistant.Language.Understanding;

/// <summary>
/// The currency people usually pay in, by time zone: what an amount said with no currency (or with a bare "$")
/// is in when the person has set no default. Data, not language: a zone is a place, whatever language is spoken.
/// </summary>
internal static class ZoneCurrencies
{
    private static readonly Dictionary<string, string> ByZone = Build(
        ("EUR", ["Europe/Paris", "Europe/Brussels", "Europe/Luxembourg", "Europe/Berlin", "Europe/Madrid", "Europe/Rome",
            "Europe/Amsterdam", "Europe/Vienna", "Europe/Dublin", "Europe/Lisbon", "Europe/Helsinki", "Europe/Athens",
            "Europe/Tallinn", "Europe/Riga", "Europe/Vilnius", "Europe/Bratislava", "Europe/Ljubljana", "Europe/Malta",
            "Europe/Monaco", "Europe/Andorra", "Europe/San_Marino", "Europe/Vatican", "Europe/Zagreb", "Atlantic/Madeira",
            "Atlantic/Canary", "Atlantic/Azores", "Africa/Ceuta", "Asia/Nicosia", "Europe/Nicosia", "Indian/Reunion",
            "America/Martinique", "America/Guadeloupe", "America/Cayenne", "Indian/Mayotte", "America/Miquelon",
            "Europe/Busingen"]),
        ("GBP", ["Europe/London", "Europe/Belfast", "Europe/Guernsey", "Europe/Jersey", "Europe/Isle_of_Man"]),
        ("CHF", ["Europe/Zurich", "Europe/Vaduz"]),
        ("CAD", ["America/Toronto", "America/Montreal", "America/Vancouver", "America/Edmonton", "America/Winnipeg",
            "America/Halifax", "America/St_Johns", "America/Regina", "America/Moncton", "America/Whitehorse",
            "America/Yellowknife", "America/Iqaluit", "America/Glace_Bay", "America/Goose_Bay", "America/Swift_Current",
            "America/Dawson_Creek", "America/Fort_Nelson", "America/Creston", "America/Rankin_Inlet", "America/Cambridge_Bay"]),
        ("AUD", ["Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth", "Australia/Adelaide",
            "Australia/Hobart", "Australia/Darwin", "Australia/Canberra", "Australia/Lord_Howe", "Australia/Broken_Hill"]),
        ("NZD", ["Pacific/Auckland", "Pacific/Chatham"]),
        ("JPY", ["Asia/Tokyo"]),
        ("XPF", ["Pacific/Noumea", "Pacific/Tahiti", "Pacific/Marquesas", "Pacific/Gambier"]),
        ("SEK", ["Europe/Stockholm"]),
        ("NOK", ["Europe/Oslo"]),
        ("DKK", ["Europe/Copenhagen"]),
        ("PLN", ["Europe/Warsaw"]),
        ("CZK", ["Europe/Prague"]),
        ("HUF", ["Europe/Budapest"]),
        ("MXN", ["America/Mexico_City", "America/Cancun", "America/Monterrey", "America/Tijuana"]),
        ("BRL", ["America/Sao_Paulo"]),
        ("INR", ["Asia/Kolkata", "Asia/Calcutta"]),
        ("SGD", ["Asia/Singapore"]),
        ("HKD", ["Asia/Hong_Kong"]),
        ("MAD", ["Africa/Casablanca"]),
        ("XOF", ["Africa/Dakar", "Africa/Abidjan"]));

    private static readonly HashSet<string> Dollars = new(StringComparer.Ordinal) { "USD", "CAD", "AUD", "NZD", "SGD", "HKD" };

    /// <summary>The zone's currency; US dollars for the rest of the Americas' US zones; null when unknown.</summary>
    public static string? Of(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (ByZone.TryGetValue(zone.Id, out var currency))
        {
            return currency;
        }

        return zone.Id.StartsWith("America/", StringComparison.Ordinal) || zone.Id.StartsWith("US/", StringComparison.Ordinal) || zone.Id.StartsWith("Pacific/Honolulu", StringComparison.Ordinal)
            ? "USD"
            : null;
    }

    public static bool IsDollar(string? currency) => currency is not null && Dollars.Contains(currency);

    private static Dictionary<string, string> Build(params (string Currency, string[] Zones)[] groups) =>
        groups.SelectMany(g => g.Zones.Select(z => (z, g.Currency))).ToDictionary(p => p.z, p => p.Currency, StringComparer.Ordinal);
}
