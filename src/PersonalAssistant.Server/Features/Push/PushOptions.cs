using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Push;

/// <summary>
/// Web push (section <c>Push</c>). The VAPID key pair identifies this server to the browsers' push services: set both
/// keys (base64url, as <c>npx web-push generate-vapid-keys</c> prints them) when several replicas serve one instance, or
/// leave them empty and one pair is generated into the data directory.
/// </summary>
internal sealed class PushOptions
{
    public const string Section = "Push";

    /// <summary>The application server key: base64url of the uncompressed P-256 public point (65 bytes).</summary>
    public string? PublicKey { get; set; }

    /// <summary>Base64url of the P-256 private scalar (32 bytes).</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Who runs this server, for the push services: a <c>mailto:</c> address or an <c>https:</c> URL.</summary>
    public string Subject { get; set; } = "mailto:assistant@localhost";

    /// <summary>Seconds the push service keeps a message for a browser that is offline.</summary>
    public int TimeToLiveSeconds { get; set; } = 4 * 3600;

    /// <summary>Seconds to wait for a push service before the attempt counts as a transient failure.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The file the generated key pair is kept in, under <c>Storage:DataDirectory</c>.</summary>
    public string KeyFile { get; set; } = "vapid.json";

    internal sealed class Validator : IValidateOptions<PushOptions>
    {
        public ValidateOptionsResult Validate(string? name, PushOptions options)
        {
            var failures = new OptionsFailures();
            var hasPublic = !string.IsNullOrWhiteSpace(options.PublicKey);
            var hasPrivate = !string.IsNullOrWhiteSpace(options.PrivateKey);
            if (hasPublic != hasPrivate)
            {
                failures.Add("Push:PrivateKey", "Push:PublicKey and Push:PrivateKey are set together, or both left empty (generated).");
            }
            else if (hasPublic && !VapidKeys.AreValid(options.PublicKey!, options.PrivateKey!))
            {
                failures.Add("Push:PublicKey", "must be a P-256 key pair in base64url (65-byte public point, 32-byte private key) that belong together.");
            }

            if (!(options.Subject.StartsWith("mailto:", StringComparison.Ordinal) && options.Subject.Length > 7)
                && !(Uri.TryCreate(options.Subject, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                failures.Add("Push:Subject", "must be a mailto: address or an https: URL.");
            }

            if (options.TimeToLiveSeconds is < 0 or > 28 * 24 * 3600)
            {
                failures.Add("Push:TimeToLiveSeconds", "must be between 0 and 2419200 (28 days).");
            }

            if (options.TimeoutSeconds is < 1 or > 120)
            {
                failures.Add("Push:TimeoutSeconds", "must be between 1 and 120.");
            }

            if (string.IsNullOrWhiteSpace(options.KeyFile))
            {
                failures.Add("Push:KeyFile", "must not be empty.");
            }

            return failures.ToResult();
        }
    }
}

/// <summary>
/// The VAPID key pair: from configuration, or generated once into <c>vapid.json</c> in the data directory, readable
/// by the owner only (like <c>master.key</c>, ADR 0006). Replicas on one database must share a configured pair: a
/// browser subscribed with one public key rejects messages signed with another.
/// </summary>
internal sealed class VapidKeys
{
    public VapidKeys(IOptions<PushOptions> push, IOptions<StorageOptions> storage, ILogger<VapidKeys> logger)
    {
        var options = push.Value;
        if (!string.IsNullOrWhiteSpace(options.PublicKey) && !string.IsNullOrWhiteSpace(options.PrivateKey))
        {
            (PublicKey, PrivateKey) = (options.PublicKey.Trim(), options.PrivateKey.Trim());
        }
        else
        {
            var path = Path.IsPathRooted(options.KeyFile) ? options.KeyFile : Path.Combine(storage.Value.DataDirectoryFullPath, options.KeyFile);
            (PublicKey, PrivateKey) = LoadOrCreate(path, logger);
        }

        Subject = options.Subject;
    }

    public string PublicKey { get; }

    public string PrivateKey { get; }

    public string Subject { get; }

    public static bool AreValid(string publicKey, string privateKey)
    {
        try
        {
            var point = Base64Url.DecodeFromChars(publicKey.Trim());
            var scalar = Base64Url.DecodeFromChars(privateKey.Trim());
            if (point.Length != 65 || point[0] != 0x04 || scalar.Length != 32)
            {
                return false;
            }

            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = scalar,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            var derived = key.ExportParameters(false).Q;
            return derived.X!.AsSpan().SequenceEqual(point.AsSpan(1, 32)) && derived.Y!.AsSpan().SequenceEqual(point.AsSpan(33, 32));
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return false;
        }
    }

    private static (string Public, string Private) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(true);
        byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
        var pair = (Base64Url.EncodeToString(point), Base64Url.EncodeToString(parameters.D!));
        CryptographicOperations.ZeroMemory(parameters.D);
        return pair;
    }

    private static (string Public, string Private) LoadOrCreate(string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var pair = Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, Encoding.ASCII, options);
            writer.Write(JsonSerializer.Serialize(new StoredPair(pair.Public, pair.Private)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs.
            return Read(path);
        }

        logger.LogInformation("Generated the web push (VAPID) key pair in the data directory");
        return pair;
    }

    private static (string Public, string Private) Read(string path)
    {
        var stored = JsonSerializer.Deserialize<StoredPair>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"The VAPID key file {Path.GetFileName(path)} is empty.");
        if (!AreValid(stored.PublicKey, stored.PrivateKey))
        {
            throw new InvalidOperationException($"The VAPID key file {Path.GetFileName(path)} does not hold a valid P-256 key pair.");
        }

        return (stored.PublicKey, stored.PrivateKey);
    }

    private sealed record StoredPair(string PublicKey, string PrivateKey);
}
