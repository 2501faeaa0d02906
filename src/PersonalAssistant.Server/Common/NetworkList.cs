using System.Net;

namespace PersonalAssistant.Server.Common;

/// <summary>A configured list of networks in CIDR form, separated by commas (<c>127.0.0.0/8,::1/128,10.0.0.0/8</c>).</summary>
internal static class NetworkList
{
    public static IReadOnlyList<IPNetwork> Parse(string list) => [.. Entries(list).Select(n => IPNetwork.Parse(n))];

    /// <summary>Adds a failure for <paramref name="key"/> when the list is missing or one of its entries is not a network.</summary>
    public static void Validate(string? list, string key, OptionsFailures failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var bad = Entries(list ?? string.Empty).Where(n => !IPNetwork.TryParse(n, out _)).ToList();
        if (list is null || bad.Count > 0)
        {
            failures.Add(key, $"must be networks in CIDR form separated by commas (not '{string.Join(", ", bad)}').");
        }
    }

    private static string[] Entries(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
