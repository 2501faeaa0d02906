using Microsoft.Extensions.Options;

namespace PersonalAssistant.Server.Common;

/// <summary>Where the instance keeps its files: the SQLite database and any local files.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Relative paths are resolved against the working directory. Created on first start.</summary>
    public string DataDirectory { get; set; } = "./data";

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);

    internal sealed class Validator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            var failures = new OptionsFailures();
            if (string.IsNullOrWhiteSpace(options.DataDirectory))
            {
                failures.Add("Storage:DataDirectory", "must name a directory (default ./data).");
            }
            else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                failures.Add("Storage:DataDirectory", "contains characters that are not valid in a path.");
            }

            return failures.ToResult();
        }
    }
}
