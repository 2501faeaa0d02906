using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Identity;

internal enum CodeCheck
{
    Valid,
    Wrong,
    Expired,
    TooManyAttempts,
    NoCode,
}

/// <summary>
/// 6-digit codes sent by SMS (phone verification, SMS second factor): a new code replaces the previous one,
/// codes expire after 10 minutes, allow 5 wrong attempts, work once, and are stored as keyed hashes. Sending is
/// rate-limited per target, per account, and per hour per account, per number (whatever the account) and per
/// instance. A caller may pass <c>deliver: false</c> to spend the limits and answer as usual without texting
/// (a number verified on another account: its owner must not receive a stranger's codes).
/// </summary>
internal sealed class VerificationCodes(AppDbContext db, SecretHasher hasher, ISmsSender sms, RateLimits limits, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int MaxAttempts = 5;

    public async Task<RateLimitDecision> SendAsync(
        AppUser user, VerificationPurpose purpose, Guid targetId, string phoneE164, CancellationToken cancellationToken, bool deliver = true)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(phoneE164);
        (RateLimitKind Kind, string Partition)[] checks =
        [
            (RateLimitKind.ResendPerTarget, $"{purpose}:{targetId}"),
            (RateLimitKind.MessagesPerAccount, user.Id.ToString()),
            (RateLimitKind.SmsCodesPerAccount, user.Id.ToString()),
            (RateLimitKind.SmsCodesPerNumber, phoneE164),
            (RateLimitKind.SmsCodesPerInstance, "instance"),
        ];
        foreach (var (kind, partition) in checks)
        {
            var decision = await limits.AcquireAsync(kind, partition, cancellationToken);
            if (!decision.IsAllowed)
            {
                return decision;
            }
        }

        var now = time.GetUtcNow();
        await db.VerificationCodes
            .Where(c => c.UserId == user.Id && c.Purpose == purpose && c.TargetId == targetId && c.ConsumedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ConsumedAt, now), cancellationToken);
        var code = SecretHasher.NewSixDigitCode();
        var entity = new VerificationCode
        {
            UserId = user.Id,
            Purpose = purpose,
            TargetId = targetId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        entity.CodeHash = hasher.HashCode(code, entity.Id);
        db.VerificationCodes.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        if (deliver)
        {
            await sms.SendAsync(AccountMessages.Code(phoneE164, user.Locale, code, user.Id), cancellationToken);
        }

        return RateLimitDecision.Allowed;
    }

    public async Task<CodeCheck> CheckAsync(Guid userId, VerificationPurpose purpose, Guid targetId, string? code, CancellationToken cancellationToken)
    {
        var pending = await db.VerificationCodes
            .Where(c => c.UserId == userId && c.Purpose == purpose && c.TargetId == targetId && c.ConsumedAt == null)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (pending is null)
        {
            return CodeCheck.NoCode;
        }

        var now = time.GetUtcNow();
        if (pending.ExpiresAt <= now)
        {
            return CodeCheck.Expired;
        }

        if (pending.FailedAttempts >= MaxAttempts)
        {
            return CodeCheck.TooManyAttempts;
        }

        var normalized = code?.Trim() ?? string.Empty;
        if (!SecretHasher.FixedTimeEquals(hasher.HashCode(normalized, pending.Id), pending.CodeHash))
        {
            pending.FailedAttempts++;
            await db.SaveChangesAsync(cancellationToken);
            return pending.FailedAttempts >= MaxAttempts ? CodeCheck.TooManyAttempts : CodeCheck.Wrong;
        }

        // Single use even under concurrent attempts: only one request can move it from pending to consumed.
        var consumed = await db.VerificationCodes
            .Where(c => c.Id == pending.Id && c.ConsumedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ConsumedAt, now), cancellationToken);
        return consumed == 1 ? CodeCheck.Valid : CodeCheck.NoCode;
    }

    /// <summary>The problem a failed check answers with, in <paramref name="locale"/>.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(CodeCheck check, string locale) => check switch
    {
        CodeCheck.Expired => Common.Problems.Of(locale, StatusCodes.Status400BadRequest, "Codes.Expired.Title", "Codes.Expired.Detail"),
        CodeCheck.TooManyAttempts => Common.Problems.Of(locale, StatusCodes.Status400BadRequest, "Codes.TooManyAttempts.Title", "Codes.TooManyAttempts.Detail"),
        CodeCheck.NoCode => Common.Problems.Of(locale, StatusCodes.Status400BadRequest, "Codes.NoCode.Title", "Codes.NoCode.Detail"),
        _ => Common.Problems.Of(locale, StatusCodes.Status400BadRequest, "Codes.Wrong.Title", "Codes.Wrong.Detail"),
    };
}
