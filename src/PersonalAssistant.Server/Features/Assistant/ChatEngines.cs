using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Builds the chat client of a turn: the configured provider behind Microsoft.Extensions.AI's function invocation
/// (at most <see cref="AssistantOptions.MaxToolRounds"/> tool rounds). Provider clients are made once and shared;
/// the offline engine is made per turn because it speaks for one person.
/// </summary>
internal sealed class ChatEngines(IOptions<AssistantOptions> options, LanguageEngine engine, ILoggerFactory loggers) : IDisposable
{
    private readonly Lazy<IChatClient?> _provider = new(() => CreateProvider(options.Value));

    public string Provider => options.Value.Provider;

    /// <summary>
    /// Whether the engine reads the system prompt and the conversation so far. The offline engine reads only the
    /// person's message (and the tools' results), so a turn does not load history and memories for it.
    /// </summary>
    public bool ReadsContext => _provider.Value is not null;

    public IChatClient ForTurn(PersonNow person, string language, string channel)
    {
        var inner = _provider.Value ?? new OfflineChatClient(engine, person, language, channel);
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

    public void Dispose()
    {
        if (_provider.IsValueCreated)
        {
            _provider.Value?.Dispose();
        }
    }

    private static IChatClient? CreateProvider(AssistantOptions settings) => settings.Provider switch
    {
        AssistantOptions.OpenAI => new OpenAI.Chat.ChatClient(
            settings.Model!,
            new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "not-needed" : settings.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(settings.BaseUrl ?? "https://api.openai.com/v1"),
                NetworkTimeout = TimeSpan.FromSeconds(settings.TurnTimeoutSeconds),
            }).AsIChatClient(),
        AssistantOptions.Ollama => new OllamaApiClient(new Uri(settings.BaseUrl ?? "http://127.0.0.1:11434"), settings.Model!),
        _ => null,
    };
}
