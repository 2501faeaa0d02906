using PersonalAssistant.Language;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// <c>nlu parse --jsonl</c>: the offline language engine over JSON lines, the contract in ../shared/nlu/README.md.
/// Answers go to standard output, one per case and nothing else; problems go to standard error.
/// </summary>
internal static class NluCommand
{
    public static async Task<int> ParseAsync(bool jsonl, CancellationToken cancellationToken)
    {
        if (!jsonl)
        {
            await Console.Error.WriteLineAsync("Only --jsonl is supported: pipe JSON lines on standard input.");
            return 1;
        }

        var engine = LanguageEngine.CreateDefault();
        return await NluJsonl.RunAsync(engine, Console.In, Console.Out, Console.Error, cancellationToken);
    }
}
