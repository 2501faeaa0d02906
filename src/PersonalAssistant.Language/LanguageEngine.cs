using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Text;
using PersonalAssistant.Language.Understanding;

namespace PersonalAssistant.Language;

/// <summary>
/// The offline language engine: plain English and French into actions, dates, times and recurrences, in the
/// person's zone, with no network and no model. Thread-safe; build it once (<see cref="CreateDefault"/>) and share it.
/// </summary>
public sealed class LanguageEngine
{
    private readonly Dictionary<string, Interpreter> interpreters;
    private readonly Lexicon[] lexicons;
    private readonly Dictionary<string, Keywords> keywordsByLanguage;

    private static readonly Lexicon[] DefaultLexicons = [English.Create(), French.Create()];

    private LanguageEngine(params Lexicon[] lexicons)
    {
        this.lexicons = lexicons;
        interpreters = lexicons.ToDictionary(l => l.Code, l => new Interpreter(l), StringComparer.OrdinalIgnoreCase);
        Keywords = Keywords.Of(lexicons);
        keywordsByLanguage = lexicons.ToDictionary(l => l.Code, l => Keywords.Of([l]), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>English and French.</summary>
    public static LanguageEngine CreateDefault() => new(DefaultLexicons);

    /// <summary>
    /// The assistant's words of every default language together (English and French), for code with no engine at
    /// hand: a French speaker may still answer "ok".
    /// </summary>
    public static Keywords DefaultKeywords { get; } = Keywords.Of(DefaultLexicons);

    public IReadOnlyCollection<string> Languages => interpreters.Keys;

    /// <summary>The assistant's words of all this engine's languages together.</summary>
    public Keywords Keywords { get; }

    /// <summary>The assistant's words of one language ("en", "fr").</summary>
    public Keywords KeywordsOf(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return keywordsByLanguage[language];
    }

    public ParseResult Parse(string text, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var tokens = Tokenizer.Tokenize(text);
        var language = Choose(text, tokens, context);
        return new ParseResult(language, interpreters[language].Interpret(text, tokens, context));
    }

    /// <summary>
    /// Only the time in some words ("tomorrow at 3pm", "vendredi", "every weekday at 8am"), resolved in the person's
    /// zone; null when the words name no time. For fields that take a date from a person or a model.
    /// </summary>
    public ParsedTime? ParseTime(string text, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var tokens = Tokenizer.Tokenize(text);
        return interpreters[Choose(text, tokens, context)].ParseTime(tokens, context);
    }

    /// <summary>
    /// The currency people usually pay in where this zone is (ISO 4217: "Europe/London" → "GBP",
    /// "America/Montreal" → "CAD"); null when the table does not know the zone.
    /// </summary>
    public static string? CurrencyOf(NodaTime.DateTimeZone zone) => ZoneCurrencies.Of(zone);

    /// <summary>The language whose common words and letters the message uses most; the first language on a tie.</summary>
    public string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Detect(text, Tokenizer.Tokenize(text));
    }

    private string Choose(string text, Token[] tokens, ParseContext context) =>
        context.Language is { } requested && interpreters.ContainsKey(requested) ? requested.ToLowerInvariant() : Detect(text, tokens);

    private string Detect(string text, Token[] tokens)
    {
        // a decimal comma ("12,50 €") only breaks a tie: "lunch was 12,50 €" is English
        var decimalComma = tokens.Any(t => t.IsNumber && t.Norm.Length > 3 && t.Norm[^3] == ',');
        var best = lexicons[0].Code;
        var bestScore = -1;
        var bestComma = false;
        foreach (var lexicon in lexicons)
        {
            var score = text.Count(lexicon.AccentedLetters.Contains);
            for (var i = 0; i < tokens.Length; i++)
            {
                score += lexicon.MarkerWords.Match(tokens, i) > 0 ? 2 : 0;
                score += lexicon.Weekdays.Match(tokens, i) > 0 || lexicon.Months.Match(tokens, i) > 0 || lexicon.DayWords.Match(tokens, i) > 0 ? 2 : 0;
            }

            var comma = decimalComma && lexicon.DecimalComma;
            if (score > bestScore || (score == bestScore && comma && !bestComma))
            {
                best = lexicon.Code;
                bestScore = score;
                bestComma = comma;
            }
        }

        return best;
    }
}
