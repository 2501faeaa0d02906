using BenchmarkDotNet.Attributes;
using NodaTime;

namespace PersonalAssistant.Language.Benchmarks;

/// <summary>The parse of typical messages, English and French, each with a time phrase or a list; one utterance per operation.</summary>
[MemoryDiagnoser]
public class ParseBenchmark
{
    internal static readonly string[] Messages =
    [
        "remind me to call mom tomorrow at 3pm",
        "dentist thursday at 2:30pm for an hour",
        "we need milk, eggs and bread",
        "spent $12.50 on lunch",
        "rappelle-moi d'appeler maman demain à 15h",
        "remind me every weekday at 8am to take my vitamins",
        "I need to finish the report by friday, it's urgent",
        "what should i do next?",
    ];

    internal static readonly ParseContext Context = new(new LocalDateTime(2026, 3, 10, 9, 15), DateTimeZoneProviders.Tzdb["America/Toronto"]);

    private readonly LanguageEngine engine = LanguageEngine.CreateDefault();

    [Benchmark(OperationsPerInvoke = 8, Description = "parse one typical message")]
    public int Parse()
    {
        var actions = 0;
        foreach (var message in Messages)
        {
            actions += engine.Parse(message, Context).Actions.Count;
        }

        return actions;
    }
}
