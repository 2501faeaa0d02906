using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PersonalAssistant.Server.Common;

/// <summary>
/// Time-ordered ids (UUID version 7: 48 bits of Unix milliseconds, then 74 random bits) drawn from a per-thread buffer
/// of cryptographic randomness. <see cref="Ids.NewV7()"/> asks the kernel for random bytes every time (a
/// syscall on Linux), and every entity sets its id in a property initializer, so EF Core paid that syscall for each
/// row it read back (8% of the host's time listing reminders, by perf). Here one syscall serves about fifty ids.
/// </summary>
internal static class Ids
{
    private const int RandomBytesPerId = 10;
    private const int BufferSize = RandomBytesPerId * 50;

    [ThreadStatic]
    private static byte[]? buffer;

    [ThreadStatic]
    private static int used;

    /// <summary>
    /// A new version 7 id for now. The time is only the id's sort prefix, as in <see cref="Guid.CreateVersion7()"/>,
    /// never a fact the code reasons about, so it reads the system's time provider rather than an injected one.
    /// </summary>
    public static Guid NewV7() => NewV7(TimeProvider.System.GetUtcNow());

    /// <summary>A new version 7 id for this moment.</summary>
    public static Guid NewV7(DateTimeOffset timestamp)
    {
        Span<byte> bytes = stackalloc byte[16];
        Span<byte> milliseconds = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(milliseconds, timestamp.ToUnixTimeMilliseconds());
        milliseconds[2..].CopyTo(bytes);
        NextRandom().CopyTo(bytes[6..]);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }

    private static ReadOnlySpan<byte> NextRandom()
    {
        if (buffer is null || used + RandomBytesPerId > buffer.Length)
        {
            buffer ??= new byte[BufferSize];
            RandomNumberGenerator.Fill(buffer);
            used = 0;
        }

        var next = buffer.AsSpan(used, RandomBytesPerId);
        used += RandomBytesPerId;
        return next;
    }
}
