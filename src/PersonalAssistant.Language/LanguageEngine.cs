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
    private readonly Dictionary<string, ConversationReader> readers;

    private static readonly Lexicon[] DefaultLexicons = [English.Create(), French.Create()];

    private LanguageEngine(params Lexicon[] lexicons)
    {
        this.lexicons = lexicons;
        interpreters = lexicons.ToDictionary(l => l.Code, l => new Interpreter(l), StringComparer.OrdinalIgnoreCase);
        Keywords = Keywords.Of(lexicons);
        keywordsByLanguage = lexicons.ToDictionary(l => l.Code, l => Keywords.Of([l]), StringComparer.OrdinalIgnoreCase);
        readers = lexicons.ToDictionary(l => l.Code, l => new ConversationReader(l), StringComparer.OrdinalIgnoreCase);
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

    /// <summary>
    /// A question about the person's own things ("what do I have tomorrow?", "c'est quand l'anniversaire de ma sœur ?",
    /// "how much did I spend on food this week?"); null when the message is not one.
    /// </summary>
    public QuestionReading? ReadQuestion(string text, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var tokens = Tokenizer.Tokenize(text);
        return readers[Choose(text, tokens, context)].ReadQuestion(tokens, context);
    }

    /// <summary>A change to a list's items ("remove eggs from the grocery list", "vide la liste", "got the milk"); null otherwise.</summary>
    public ListChange? ReadListChange(string text, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var tokens = Tokenizer.Tokenize(text);
        return readers[Choose(text, tokens, context)].ReadListChange(tokens);
    }

    /// <summary>
    /// What kind of small talk the message is (<see cref="SmallTalkKinds"/>), in any language; null when it is none.
    /// Greetings, thanks and acknowledgements count when they are the whole message or open it.
    /// </summary>
    public string? ReadSmallTalk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = Keywords.Fold(text);
        var padded = $" {folded} ";
        bool Has(IEnumerable<string> phrases) => phrases.Any(p => padded.Contains($" {p} ", StringComparison.Ordinal));
        bool Opens(IEnumerable<string> phrases) => phrases.Any(p => folded == p || folded.StartsWith(p + " ", StringComparison.Ordinal));
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return 0 switch
        {
            _ when Keywords.DistressPhrases.Any(p => folded.Contains(p, StringComparison.Ordinal)) => SmallTalkKinds.Distress,
            _ when Has(Keywords.WhoAreYou) => SmallTalkKinds.WhoAreYou,
            _ when Has(Keywords.HowAreYou) => SmallTalkKinds.HowAreYou,
            _ when Has(Keywords.Venting) => SmallTalkKinds.Venting,
            _ when Has(Keywords.Thanks) => SmallTalkKinds.Thanks,
            _ when words <= 6 && Has(Keywords.Farewells) => SmallTalkKinds.Farewell,
            _ when Opens(Keywords.GreetingPhrases) => SmallTalkKinds.Greeting,
            _ when Keywords.Acknowledgements.Contains(folded) => SmallTalkKinds.Acknowledgement,
            _ => null,
        };
    }

    /// <summary>
    /// The language whose common words and letters the message uses most, or null when the message gives no sign
    /// ("ok", "blablabla", a tie): the caller then keeps the language it already knows (the person's).
    /// </summary>
    public string? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Detect(text, Tokenizer.Tokenize(text));
    }

    private string Choose(string text, Token[] tokens, ParseContext context) =>
        context.Language is { } requested && interpreters.ContainsKey(requested) ? requested.ToLowerInvariant() : Detect(text, tokens) ?? lexicons[0].Code;

    private string? Detect(string text, Token[] tokens)
    {
        // A decimal comma ("12,50 €") only breaks a tie: "lunch was 12,50 €" is English, "12,50 €" alone is not.
        var decimalComma = tokens.Any(t => t.IsNumber && t.Norm.Length > 3 && t.Norm[^3] == ',');
        string? best = null;
        var bestScore = 0;
        var bestComma = false;
        var tie = false;
        foreach (var lexicon in lexicons)
        {
            var score = Score(lexicon, text, tokens);
            var comma = decimalComma && lexicon.DecimalComma;
            if (score > bestScore || (score == bestScore && comma && !bestComma))
            {
                (best, bestScore, bestComma, tie) = (lexicon.Code, score, comma, false);
            }
            else if (score == bestScore && comma == bestComma && score > 0)
            {
                tie = true;
            }
        }

        return tie ? null : best;
    }

    /// <summary>Accented letters the language uses, its common words, its weekdays, months and day words.</summary>
    private static int Score(Lexicon lexicon, string text, Token[] tokens)
    {
        var score = text.Count(lexicon.AccentedLetters.Contains);
        for (var i = 0; i < tokens.Length; i++)
        {
            score += lexicon.MarkerWords.Match(tokens, i) > 0 ? 2 : 0;
            score += lexicon.Weekdays.Match(tokens, i) > 0 || lexicon.Months.Match(tokens, i) > 0 || lexicon.DayWords.Match(tokens, i) > 0 ? 2 : 0;
        }

        return score;
    }
}
