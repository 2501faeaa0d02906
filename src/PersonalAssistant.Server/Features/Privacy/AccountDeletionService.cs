using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Privacy;

/// <summary>
/// Deleting an account (ADR 0019). The owner asks with their password (and second factor): the account is signed out
/// everywhere, nothing proactive reaches it any more, and after the grace period (<see cref="PrivacyOptions"/>) the
/// hourly <see cref="AccountDeletionJob"/> erases it; signing in before then can cancel. An administrator's delete
/// erases at once through the same <see cref="EraseAsync"/>: every <see cref="IAccountErasure"/> first (the outbox,
/// texts, opt-outs, the audit log's mentions), then the account row, whose removal cascades to every row it owns.
/// </summary>
internal sealed partial class AccountDeletionService(
    AppDbContext db,
    UserManager<AppUser> users,
    SecondFactors factors,
    SessionService sessions,
    AuditLog audit,
    IEnumerable<IAccountErasure> erasures,
    ProfileCache profiles,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<AccountDeletionService> logger)
{
    /// <summary>The owner asks for the deletion of their account.</summary>
    public async Task<Outcome<AccountDeletionResponse>> RequestAsync(PersonNow person, DeleteAccountRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var user = await users.FindByIdAsync(person.UserId.ToString());
        if (user is null)
        {
            return Failure.NotFound(person.Locale, "Privacy.Deletion.NoAccount");
        }

        var passwordOk = await users.CheckPasswordAsync(user, request.Password);
        var proven = passwordOk && (!user.HasMfa || await factors.ProveAsync(user, request.Method, request.Code, allowRecovery: true, cancellationToken));
        if (!proven)
        {
            await audit.RecordAsync(AuditActions.AccountDeletionRequested, AuditOutcome.Failure, client, user.Id, user.Id,
                AuditDetail.Of(passwordOk ? AuditDetails.WrongCode : AuditDetails.WrongPassword), cancellationToken);
            return Failure.Invalid(person.Locale, passwordOk ? "code" : "password", passwordOk ? "Privacy.Deletion.WrongCode" : "Privacy.Deletion.WrongPassword");
        }

        var now = time.GetUtcNow();
        if (options.Value.DeletionGraceDays == 0)
        {
            await EraseAsync(user.Id, AccountErasureReasons.Owner, null, client, cancellationToken);
            return new AccountDeletionResponse(now, Deleted: true);
        }

        user.DeletionDueAt = now.AddDays(options.Value.DeletionGraceDays);
        await users.UpdateAsync(user);
        profiles.Forget(user.Id);
        await sessions.RevokeAllAsync(user.Id, keep: null, "deletion_requested", cancellationToken);
        await audit.RecordAsync(AuditActions.AccountDeletionRequested, AuditOutcome.Success, client, user.Id, user.Id,
            AuditDetail.Of(AuditDetails.DeletionDue, user.DeletionDueAt.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        LogScheduled(logger, options.Value.DeletionGraceDays);
        return new AccountDeletionResponse(user.DeletionDueAt.Value, Deleted: false);
    }

    /// <summary>The owner, signed in again during the grace period, keeps the account.</summary>
    public async Task<Outcome<Done>> CancelAsync(PersonNow person, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var changed = await db.Users.Where(u => u.Id == person.UserId && u.DeletionDueAt != null)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.DeletionDueAt, (DateTimeOffset?)null), cancellationToken);
        if (changed == 0)
        {
            return Failure.NotFound(person.Locale, "Privacy.Deletion.NotScheduled");
        }

        profiles.Forget(person.UserId);
        await audit.RecordAsync(AuditActions.AccountDeletionCancelled, AuditOutcome.Success, client, person.UserId, person.UserId, cancellationToken: cancellationToken);
        return new Done();
    }

    /// <summary>An administrator erases an account at once; false when there is no such account.</summary>
    public Task<bool> EraseByAdministratorAsync(Guid userId, Guid adminId, ClientInfo client, CancellationToken cancellationToken) =>
        EraseAsync(userId, AccountErasureReasons.Administrator, adminId, client, cancellationToken);

    /// <summary>
    /// Erases the account and every row about it, at once. <paramref name="adminId"/> is the administrator who asked,
    /// if one did. The audit keeps that an account was deleted, by whom when it was an administrator, never whose.
    /// </summary>
    private async Task<bool> EraseAsync(Guid userId, string reason, Guid? adminId, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return false;
        }

        var phones = await db.PhoneNumbers.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.E164).ToListAsync(cancellationToken);
        await sessions.RevokeAllAsync(userId, keep: null, "deleted", cancellationToken);
        var account = new ErasedAccount(userId, user.Email, phones);
        foreach (var erasure in erasures)
        {
            await erasure.EraseAsync(account, cancellationToken);
        }

        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            throw new InvalidOperationException("The account row could not be deleted: " + string.Join(", ", deleted.Errors.Select(e => e.Code)));
        }

        profiles.Forget(userId);
        await audit.RecordAsync(adminId is null ? AuditActions.AccountDeleted : AuditActions.AdminUserDeleted, AuditOutcome.Success, client,
            adminId, subject: null, AuditDetail.Of(reason), cancellationToken);
        LogErased(logger, reason);
        return true;
    }

    /// <summary>Erases the accounts whose grace period is over; how many went.</summary>
    public async Task<int> EraseDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Users.AsNoTracking().Where(u => u.DeletionDueAt != null && u.DeletionDueAt <= now).Select(u => u.Id).ToListAsync(cancellationToken);
        var erased = 0;
        foreach (var userId in due)
        {
            if (await EraseAsync(userId, AccountErasureReasons.GraceEnded, null, new ClientInfo(null, null), cancellationToken))
            {
                erased++;
            }
        }

        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An account asked for its deletion; it is erased in {Days} days unless cancelled")]
    private static partial void LogScheduled(ILogger logger, int days);

    [LoggerMessage(Level = LogLevel.Information, Message = "An account was erased ({Reason})")]
    private static partial void LogErased(ILogger logger, string reason);
}

/// <summary>Why an account was erased, as the audit log says it.</summary>
internal static class AccountErasureReasons
{
    public const string Owner = AuditDetails.ErasedByOwner;
    public const string GraceEnded = AuditDetails.ErasedAfterGracePeriod;
    public const string Administrator = AuditDetails.ErasedByAdministrator;
}

/// <summary>Every hour, erases the accounts whose deletion grace period is over.</summary>
internal sealed partial class AccountDeletionJob(AccountDeletionService deletions, ILogger<AccountDeletionJob> logger)
{
    public const string Id = "account-deletion";

    [Queue(JobQueues.Maintenance)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var erased = await deletions.EraseDueAsync(cancellationToken);
        if (erased > 0)
        {
            LogErased(logger, erased);
        }

        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account deletion: {Count} account(s) erased after their grace period")]
    private static partial void LogErased(ILogger logger, int count);
}
