using NodaTime;

namespace PersonalAssistant.Server.Common;

/// <summary>IANA time zones, from NodaTime's embedded database (the same everywhere, whatever the OS has).</summary>
internal static class TimeZones
{
    public static bool IsValid(string? id) => id is { Length: > 0 and <= 64 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;
}
