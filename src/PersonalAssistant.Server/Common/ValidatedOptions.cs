using Microsoft.Extensions.Options;

namespace PersonalAssistant.Server.Common;

/// <summary>
/// Options bound from one configuration section and checked when the host starts, so that bad configuration stops
/// the start with a message naming the key instead of failing at the first request.
/// </summary>
internal static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(
        this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>Reads and validates a section now, for the few settings that decide which services to register.</summary>
    public static TOptions ReadValidated<TOptions>(this IConfiguration configuration, string section, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }

        return options;
    }
}

/// <summary>Collects validation failures, each one starting with the configuration key it is about.</summary>
internal sealed class OptionsFailures
{
    private readonly List<string> _failures = [];

    public void Add(string key, string problem) => _failures.Add($"{key}: {problem}");

    public ValidateOptionsResult ToResult() =>
        _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);
}
