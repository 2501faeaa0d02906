using System.Globalization;

namespace PersonalAssistant.Server.Common;

/// <summary>ISO 4217 codes of every currency .NET knows a region for.</summary>
internal static class Currencies
{
    private static readonly HashSet<string> Known = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(culture =>
        {
            try
            {
                return new RegionInfo(culture.Name).ISOCurrencySymbol;
            }
            catch (ArgumentException)
            {
                return null;
            }
        })
        .OfType<string>()
        .Where(code => code.Length == 3)
        .ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is { Length: 3 } && Known.Contains(code);
}
