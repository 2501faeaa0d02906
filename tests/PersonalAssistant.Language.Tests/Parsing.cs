using NodaTime;
using NodaTime.Text;

namespace PersonalAssistant.Language.Tests;

/// <summary>One engine for every test (it is immutable and thread-safe) and a short way to ask it something.</summary>
internal static class Parsing
{
    public static readonly LanguageEngine Engine = LanguageEngine.CreateDefault();

    public static ParseResult Parse(string text, string now, string zone, string? language = "en", string? currency = null) =>
        Engine.Parse(text, new ParseContext(
            LocalDateTimePattern.ExtendedIso.Parse(now).GetValueOrThrow(),
            DateTimeZoneProviders.Tzdb[zone],
            language,
            currency));

    public static ParsedAction First(string text, string now, string zone, string? language = "en", string? currency = null) =>
        Parse(text, now, zone, language, currency).Actions[0];
}
