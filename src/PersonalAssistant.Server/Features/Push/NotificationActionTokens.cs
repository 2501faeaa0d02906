using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Push;

/// <summary>
/// The token a push notification's buttons act with: a service worker has no sign-in. HMAC-SHA256 (a key derived from
/// the server's master secret for this one purpose) over the notification id and an expiry 48 hours on; it allows done
/// or snooze on that notification only, and is compared in constant time.
/// </summary>
internal sealed class NotificationActionTokens(ServerSecrets secrets, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(48);

    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("notification-action:v1:");

    public string Issue(Guid notificationId)
    {
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        Span<byte> token = stackalloc byte[8 + 32];
        BinaryPrimitives.WriteInt64BigEndian(token, expires);
        Sign(notificationId, expires, token[8..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Whether <paramref name="token"/> was issued here for <paramref name="notificationId"/> and has not expired.</summary>
    public bool IsValid(Guid notificationId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[64];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var length) || length != 40)
        {
            return false;
        }

        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes);
        Span<byte> expected = stackalloc byte[32];
        Sign(notificationId, expires, expected);
        var signed = CryptographicOperations.FixedTimeEquals(expected, bytes.Slice(8, 32));
        return signed && time.GetUtcNow().ToUnixTimeSeconds() < expires;
    }

    private void Sign(Guid notificationId, long expires, Span<byte> mac)
    {
        Span<byte> message = stackalloc byte[Purpose.Length + 16 + 8];
        Purpose.CopyTo(message);
        notificationId.TryWriteBytes(message.Slice(Purpose.Length, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(message[(Purpose.Length + 16)..], expires);
        HMACSHA256.HashData(secrets.ActionTokenKey, message, mac);
    }
}
