using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// Identity's reset and email-confirmation tokens, dated by the host's <see cref="TimeProvider"/>: the stock
/// <see cref="DataProtectorTokenProvider{TUser}"/> reads the system clock, so its lifetime could not follow the clock
/// every other expiry follows. Same token layout as the stock provider (creation time, user id, purpose, security
/// stamp, protected), so links sent before a deploy keep working.
/// </summary>
internal sealed class ClockedTokenProvider(
    IDataProtectionProvider protection,
    IOptions<DataProtectionTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<AppUser>> logger,
    TimeProvider time) : DataProtectorTokenProvider<AppUser>(protection, options, logger)
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        using var stream = new MemoryStream();
        await using (var writer = new BinaryWriter(stream, Utf8, leaveOpen: true))
        {
            writer.Write(time.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose ?? string.Empty);
            writer.Write(manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user) ?? string.Empty : string.Empty);
        }

        return Convert.ToBase64String(Protector.Protect(stream.ToArray()));
    }

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        try
        {
            using var stream = new MemoryStream(Protector.Unprotect(Convert.FromBase64String(token)));
            using var reader = new BinaryReader(stream, Utf8, leaveOpen: true);
            var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            if (created + Options.TokenLifespan < time.GetUtcNow()
                || reader.ReadString() != await manager.GetUserIdAsync(user)
                || !string.Equals(reader.ReadString(), purpose, StringComparison.Ordinal))
            {
                return false;
            }

            var stamp = reader.ReadString();
            if (reader.PeekChar() != -1)
            {
                return false;
            }

            return manager.SupportsUserSecurityStamp
                ? stamp == await manager.GetSecurityStampAsync(user)
                : stamp.Length == 0;
        }
        catch (Exception exception) when (exception is FormatException or IOException or System.Security.Cryptography.CryptographicException)
        {
            return false; // a token that is not ours, or that was tampered with
        }
    }
}
