using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Identity;

/// <summary>Ten single-use recovery codes per person, shown once and stored as SHA-256 hashes.</summary>
internal sealed class RecoveryCodes(AppDbContext db, TimeProvider time)
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>Replaces every code of the person; returns the new ones (formatted xxxxx-xxxxx) to show once.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        var codes = Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();
        db.RecoveryCodes.AddRange(codes.Select(code => new RecoveryCode { UserId = userId, CodeHash = Hash(code), CreatedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>Uses a code up; false when it is unknown or already used. The claim is atomic.</summary>
    public async Task<bool> RedeemAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        var hash = Hash(code);
        var now = time.GetUtcNow();
        return await db.RecoveryCodes
            .Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), cancellationToken) == 1;
    }

    public Task<int> RemainingAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedAt == null, cancellationToken);

    public Task DeleteAllAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    private static string NewCode()
    {
        Span<char> chars = stackalloc char[11];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i == 5 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>Case, spaces and dashes do not matter when a person types a code back.</summary>
    private static string Hash(string code) =>
        SecretHasher.HashToken(new string(code.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray()));
}
