using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Privacy;

/// <summary>Section <c>Privacy</c>.</summary>
internal sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    public const int MaxGraceDays = 90;

    /// <summary>Days between asking for an account's deletion and its erasure, during which signing in can cancel it; 0 erases at once.</summary>
    public int DeletionGraceDays { get; set; } = 7;

    internal sealed class Validator : IValidateOptions<PrivacyOptions>
    {
        public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
        {
            var failures = new OptionsFailures();
            if (options.DeletionGraceDays is < 0 or > MaxGraceDays)
            {
                failures.Add($"{Section}:{nameof(DeletionGraceDays)}", $"must be between 0 (delete at once) and {MaxGraceDays}.");
            }

            return failures.ToResult();
        }
    }
}
