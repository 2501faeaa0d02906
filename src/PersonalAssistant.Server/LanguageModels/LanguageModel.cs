using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.LanguageModels;

/// <summary>
/// The configured model provider (section <c>Assistant</c>), made once and shared by everything that asks a model:
/// the assistant's turns and the task breakdown. <see cref="Client"/> is null with the default <c>Offline</c>
/// provider, where callers use the language engine and the step library instead.
/// </summary>
internal sealed class LanguageModel(IOptions<AssistantOptions> options) : IDisposable
{
    private readonly Lazy<IChatClient?> _client = new(() => Create(options.Value));

    public string Provider => options.Value.Provider;

    /// <summary>The provider's chat client, or null offline.</summary>
    public IChatClient? Client => _client.Value;

    /// <summary>How long one call (every model round and tool call of it) may take before it gives up.</summary>
    public TimeSpan CallTimeout => TimeSpan.FromSeconds(options.Value.TurnTimeoutSeconds);

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value?.Dispose();
        }
    }

    private static IChatClient? Create(AssistantOptions settings) => settings.Provider switch
    {
        AssistantOptions.OpenAI => new OpenAI.Chat.ChatClient(
            settings.Model!,
            new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "not-needed" : settings.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = settings.Endpoint!,
                NetworkTimeout = TimeSpan.FromSeconds(settings.TurnTimeoutSeconds),
            }).AsIChatClient(),
        AssistantOptions.Ollama => new OllamaApiClient(settings.Endpoint!, settings.Model!),
        _ => null,
    };
}

internal static class LanguageModelRegistration
{
    public static IServiceCollection AddLanguageModel(this IServiceCollection services)
    {
        services.AddValidatedOptions<AssistantOptions, AssistantOptions.Validator>(AssistantOptions.Section);
        services.AddSingleton<LanguageModel>();
        return services;
    }
}
