using Microsoft.Extensions.AI;
using PersonalAssistant.Language;
using PersonalAssistant.Server.LanguageModels;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Builds the chat client of a turn: the configured provider behind Microsoft.Extensions.AI's function invocation
/// (at most <see cref="AssistantOptions.MaxToolRounds"/> tool rounds). The provider client is shared (<see cref="LanguageModel"/>);
/// the offline engine is made per turn because it speaks for one person.
/// </summary>
internal sealed class ChatEngines(LanguageModel model, LanguageEngine engine, ILoggerFactory loggers)
{
    public string Provider => model.Provider;

    /// <summary>
    /// Whether the engine reads the system prompt and the conversation so far. The offline engine reads only the
    /// person's message (and the tools' results), so a turn does not load history and memories for it.
    /// </summary>
    public bool ReadsContext => model.Client is not null;

    public IChatClient ForTurn(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var inner = model.Client ?? new OfflineChatClient(engine, turn);
        return new ChatClientBuilder(inner)
            .UseFunctionInvocation(loggers, invocation =>
            {
                invocation.MaximumIterationsPerRequest = AssistantOptions.MaxToolRounds;
                invocation.MaximumConsecutiveErrorsPerRequest = 2;
                invocation.AllowConcurrentInvocation = false; // the tools share the turn's database context
                invocation.IncludeDetailedErrors = false;
            })
            .Build();
    }
}
