using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.LanguageModels;

/// <summary>
/// Which engine does the talking (section <c>Assistant</c>): <c>Offline</c> (default, the language engine),
/// <c>OpenAI</c> (any OpenAI-compatible base URL) or <c>Ollama</c>.
/// </summary>
internal sealed class AssistantOptions
{
    public const string Section = "Assistant";

    public const string Offline = "Offline";
    public const string OpenAI = "OpenAI";
    public const string Ollama = "Ollama";

    /// <summary>The most tool rounds in one turn.</summary>
    public const int MaxToolRounds = 8;

    public string Provider { get; set; } = Offline;

    /// <summary>The model name, required for OpenAI and Ollama.</summary>
    public string? Model { get; set; }

    /// <summary>The provider's base URL ("https://api.openai.com/v1", "http://127.0.0.1:11434").</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The provider's API key, if it needs one. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A turn (every model call and tool round) gives up after this long with a kind reply.</summary>
    public int TurnTimeoutSeconds { get; set; } = 60;

    /// <summary>Earlier messages of the conversation sent with each turn.</summary>
    public int HistoryMessages { get; set; } = 20;

    /// <summary>Turns run side by side (each conversation's turns stay in order).</summary>
    public int Workers { get; set; } = 8;

    /// <summary>Where the provider is reached: <see cref="BaseUrl"/>, else the provider's usual address; null offline.</summary>
    public Uri? Endpoint => Provider switch
    {
        OpenAI => new Uri(BaseUrl ?? "https://api.openai.com/v1"),
        Ollama => new Uri(BaseUrl ?? "http://127.0.0.1:11434"),
        _ => null,
    };

    internal sealed class Validator : IValidateOptions<AssistantOptions>
    {
        public ValidateOptionsResult Validate(string? name, AssistantOptions options)
        {
            var failures = new OptionsFailures();
            if (options.Provider is not (Offline or OpenAI or Ollama))
            {
                failures.Add("Assistant:Provider", "must be Offline, OpenAI or Ollama.");
            }

            if (options.Provider is OpenAI or Ollama && string.IsNullOrWhiteSpace(options.Model))
            {
                failures.Add("Assistant:Model", $"is required with the {options.Provider} provider.");
            }

            if (options.BaseUrl is { Length: > 0 } url
                && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                failures.Add("Assistant:BaseUrl", "must be an absolute http or https URL.");
            }

            if (options.TurnTimeoutSeconds is < 1 or > 600)
            {
                failures.Add("Assistant:TurnTimeoutSeconds", "must be between 1 and 600.");
            }

            if (options.HistoryMessages is < 0 or > 200)
            {
                failures.Add("Assistant:HistoryMessages", "must be between 0 and 200.");
            }

            if (options.Workers is < 1 or > 256)
            {
                failures.Add("Assistant:Workers", "must be between 1 and 256.");
            }

            return failures.ToResult();
        }
    }
}
