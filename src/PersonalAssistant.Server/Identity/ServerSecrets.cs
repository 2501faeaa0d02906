using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// The instance's master secret and the keys derived from it (HKDF-SHA256, one purpose each): the JWT signing
/// key, the key that hashes short codes, the key that wraps the Data Protection key ring. It comes from
/// <c>Security:MasterKey</c> (base64, at least 32 bytes; required when several replicas share a database) or is
/// generated once into <c>master.key</c> in the data directory, readable by the owner only.
/// </summary>
internal sealed class ServerSecrets
{
    public const string Section = "Security";
    public const string KeyFileName = "master.key";

    private readonly byte[] _master;

    public ServerSecrets(IOptions<SecurityOptions> security, IOptions<StorageOptions> storage, ILogger<ServerSecrets> logger)
    {
        _master = security.Value.MasterKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : LoadOrCreate(Path.Combine(storage.Value.DataDirectoryFullPath, KeyFileName), logger);
        JwtSigningKey = Derive("jwt-signing-v1");
        CodeHashingKey = Derive("code-hashing-v1");
        KeyRingWrappingKey = Derive("data-protection-key-ring-v1");
        ActionTokenKey = Derive("notification-action-token-v1");
    }

    public byte[] JwtSigningKey { get; }

    public byte[] CodeHashingKey { get; }

    public byte[] KeyRingWrappingKey { get; }

    /// <summary>Signs the tokens a push notification's buttons act with (no sign-in in a service worker).</summary>
    public byte[] ActionTokenKey { get; }

    private byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));

    private static byte[] LoadOrCreate(string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, Encoding.ASCII, options);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs.
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        logger.LogInformation("Generated the instance master key in the data directory");
        return key;
    }
}

internal sealed class SecurityOptions
{
    /// <summary>Base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>).</summary>
    public string? MasterKey { get; set; }

    internal sealed class Validator : IValidateOptions<SecurityOptions>
    {
        public ValidateOptionsResult Validate(string? name, SecurityOptions options)
        {
            var failures = new OptionsFailures();
            if (options.MasterKey is { Length: > 0 } key)
            {
                var buffer = new byte[key.Length];
                if (!Convert.TryFromBase64String(key, buffer, out var length) || length < 32)
                {
                    failures.Add("Security:MasterKey", "must be base64 of at least 32 random bytes (openssl rand -base64 32).");
                }
            }

            return failures.ToResult();
        }
    }
}
