using System.Security.Cryptography;
using System.Text;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// Random secrets and their hashes. High-entropy tokens (refresh, MFA challenge, recovery codes) are stored as
/// SHA-256; 6-digit codes, which a plain hash would not protect, as HMAC-SHA256 under a key kept outside the database.
/// </summary>
internal sealed class SecretHasher(ServerSecrets secrets)
{
    /// <summary>A URL-safe token of 256 random bits.</summary>
    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>A uniformly random 6-digit code.</summary>
    public static string NewSixDigitCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public string HashCode(string code, Guid scope) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secrets.CodeHashingKey, Encoding.UTF8.GetBytes($"{scope:N}:{code}")));

    public static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
