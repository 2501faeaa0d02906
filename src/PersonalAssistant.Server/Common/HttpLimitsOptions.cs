using Microsoft.Extensions.Options;

namespace PersonalAssistant.Server.Common;

/// <summary>Limits on what one request may send. Larger bodies are refused with a 413 problem.</summary>
internal sealed class HttpLimitsOptions
{
    public const string Section = "Http";

    /// <summary>Default 1 MiB: plenty for JSON; endpoints that take files raise it for themselves.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    internal sealed class Validator : IValidateOptions<HttpLimitsOptions>
    {
        public ValidateOptionsResult Validate(string? name, HttpLimitsOptions options)
        {
            var failures = new OptionsFailures();
            if (options.MaxRequestBodyBytes is < 1024 or > 100 * 1024 * 1024)
            {
                failures.Add("Http:MaxRequestBodyBytes", "must be between 1024 and 104857600 bytes.");
            }

            return failures.ToResult();
        }
    }
}
