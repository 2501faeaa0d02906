using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Sms.Allowances;

/// <summary>
/// The SMS allowance of each role (issue 17), counted in segments of outbound texts (<see cref="SmsMessage"/> rows) over
/// the person's local day and month. Administrators are unlimited; a person's allowance is their highest role's. The
/// channel delivery asks it before a nudge by SMS, the inbound job before a reply; after each text sent it tells the
/// person, once per period, when they pass 80% of either allowance (an in-app notification).
/// </summary>
internal sealed partial class SmsAllowanceService(
    AppDbContext db,
    IOptions<SmsAllowanceOptions> options,
    NotificationService notifications,
    AuditLog audit,
    TimeProvider time,
    ILogger<SmsAllowanceService> logger)
{
    public const int MaxSegments = 100_000;

    public const string NotificationKind = "sms-allowance";

    /// <summary>The delivery attempt's error when a nudge skipped SMS for the allowance.</summary>
    public const string OverAllowanceError = "sms-allowance";

    private const string Configured = "configuration";
    private const string Overridden = "override";
    private const string Unlimited = "unlimited";

    /// <summary>Every role's allowance in force.</summary>
    public async Task<IReadOnlyList<SmsAllowanceResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var overrides = await db.Set<SmsAllowanceOverride>().AsNoTracking().ToDictionaryAsync(o => o.Role, cancellationToken);
        return [Of(AppRoles.User, overrides), Of(AppRoles.Premium, overrides), new SmsAllowanceResponse(AppRoles.Administrator, null, null, Unlimited)];
    }

    /// <summary>Replaces the overrides (a role left out goes back to the configuration) and records who did it.</summary>
    public async Task<IReadOnlyList<SmsAllowanceResponse>> UpdateAsync(Guid adminId, ClientInfo client, UpdateSmsAllowancesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var existing = await db.Set<SmsAllowanceOverride>().ToDictionaryAsync(o => o.Role, cancellationToken);
        var changes = new List<string>();
        var asked = new[]
        {
            (AppRoles.User, request.UserDaily is { } userDaily && request.UserMonthly is { } userMonthly ? (userDaily, userMonthly) : ((int, int)?)null),
            (AppRoles.Premium, request.PremiumDaily is { } premiumDaily && request.PremiumMonthly is { } premiumMonthly ? (premiumDaily, premiumMonthly) : ((int, int)?)null),
        };
        foreach (var (role, limits) in asked)
        {
            if (limits is null)
            {
                if (existing.TryGetValue(role, out var gone))
                {
                    db.Set<SmsAllowanceOverride>().Remove(gone);
                    changes.Add($"{role}=default");
                }

                continue;
            }

            if (!existing.TryGetValue(role, out var row))
            {
                row = new SmsAllowanceOverride { Role = role };
                db.Set<SmsAllowanceOverride>().Add(row);
            }

            (row.Daily, row.Monthly, row.UpdatedByUserId, row.UpdatedAt) = (limits.Value.Item1, limits.Value.Item2, adminId, now);
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"{role}={row.Daily}/{row.Monthly}"));
        }

        audit.Stage(AuditActions.AdminSmsAllowancesUpdated, AuditOutcome.Success, client, adminId, null, changes.Count == 0 ? AuditDetail.Of(AuditDetails.NoChange) : AuditDetail.Of(AuditDetails.SmsAllowances, changes));
        await db.SaveChangesAsync(cancellationToken);
        return await ListAsync(cancellationToken);
    }

    /// <summary>What the person has used and has left, today and this month (their local time).</summary>
    public async Task<SmsAllowanceStatusResponse> StatusAsync(Guid userId, CancellationToken cancellationToken) =>
        (await MeasureAsync(userId, cancellationToken)).Status;

    /// <summary>Whether a proactive text (a nudge) may go to the person now.</summary>
    public async Task<bool> MaySendAsync(Guid userId, CancellationToken cancellationToken) =>
        !(await StatusAsync(userId, cancellationToken)).IsExhausted;

    /// <summary>
    /// The person is past their allowance and a reply was held back: the catalog key of the one short text saying so, the
    /// first time in the period (today's, else this month's); null when they were already told.
    /// </summary>
    public async Task<string?> ClaimOutOfTextsNoticeAsync(Guid userId, CancellationToken cancellationToken)
    {
        var measured = await MeasureAsync(userId, cancellationToken);
        var status = measured.Status;
        if (!status.IsExhausted)
        {
            return null;
        }

        var (kind, period, key) = status.LeftThisMonth <= 0
            ? ("out-month", measured.Month, "Sms.Allowance.OutForMonth")
            : ("out-day", measured.Day, "Sms.Allowance.OutForToday");
        return await ClaimAsync(userId, kind, period, cancellationToken) ? key : null;
    }

    /// <summary>After a text to the person was sent: at 80% of either allowance, an in-app notice, once per period.</summary>
    public async Task AfterSentAsync(Guid userId, CancellationToken cancellationToken)
    {
        var measured = await MeasureAsync(userId, cancellationToken);
        var status = measured.Status;
        if (status.Unlimited)
        {
            return;
        }

        foreach (var (used, limit, kind, period, key) in new[]
                 {
                     (status.UsedThisMonth, status.Monthly!.Value, "near-month", measured.Month, "Sms.Allowance.NearMonth"),
                     (status.UsedToday, status.Daily!.Value, "near-day", measured.Day, "Sms.Allowance.NearToday"),
                 })
        {
            if (limit == 0 || used * 5 < limit * 4)
            {
                continue;
            }

            db.Set<SmsAllowanceNotice>().Add(new SmsAllowanceNotice { UserId = userId, Kind = kind, Period = period, CreatedAt = time.GetUtcNow() });
            var notification = notifications.Stage(new NotificationDraft(userId, NotificationKind, Texts.Format(measured.Locale, key, used, limit), null, null, false));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation())
            {
                db.ChangeTracker.Clear(); // told already this period
                continue;
            }

            LogNear(logger, userId, kind, used, limit);
            await notifications.PublishAsync([(userId, notification)], cancellationToken);
            return; // one notice at a time: the month's covers the day's
        }
    }

    private async Task<bool> ClaimAsync(Guid userId, string kind, string period, CancellationToken cancellationToken)
    {
        db.Set<SmsAllowanceNotice>().Add(new SmsAllowanceNotice { UserId = userId, Kind = kind, Period = period, CreatedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<Measured> MeasureAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var person = PersonClock.Of(user, time.GetUtcNow());
        var day = person.Today;
        var month = new LocalDate(day.Year, day.Month, 1);
        var dayStart = person.StartOf(day);
        var monthStart = person.StartOf(month);
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken);
        var top = roles.Where(AppRoles.Exists).OrderByDescending(AppRoles.Rank).FirstOrDefault() ?? AppRoles.User;

        var sent = await db.Set<SmsMessage>().AsNoTracking()
            .Where(m => m.UserId == userId && m.Direction == SmsDirections.Outbound && m.CreatedAt >= monthStart)
            .Select(m => new { m.CreatedAt, m.Segments }).ToListAsync(cancellationToken);
        var usedMonth = sent.Sum(s => s.Segments);
        var usedToday = sent.Where(s => s.CreatedAt >= dayStart).Sum(s => s.Segments);
        var dayKey = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var monthKey = day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (top == AppRoles.Administrator)
        {
            return new Measured(new SmsAllowanceStatusResponse(true, null, usedToday, null, null, usedMonth, null), dayKey, monthKey, user.Locale);
        }

        var overrides = await db.Set<SmsAllowanceOverride>().AsNoTracking().Where(o => o.Role == top).ToDictionaryAsync(o => o.Role, cancellationToken);
        var allowance = Of(top, overrides);
        var (daily, monthly) = (allowance.Daily!.Value, allowance.Monthly!.Value);
        return new Measured(
            new SmsAllowanceStatusResponse(false, daily, usedToday, Math.Max(0, daily - usedToday), monthly, usedMonth, Math.Max(0, monthly - usedMonth)),
            dayKey, monthKey, user.Locale);
    }

    private SmsAllowanceResponse Of(string role, Dictionary<string, SmsAllowanceOverride> overrides)
    {
        if (overrides.TryGetValue(role, out var set))
        {
            return new SmsAllowanceResponse(role, set.Daily, set.Monthly, Overridden);
        }

        var configured = role == AppRoles.Premium ? options.Value.Premium : options.Value.User;
        return new SmsAllowanceResponse(role, configured.Daily, configured.Monthly, Configured);
    }

    private sealed record Measured(SmsAllowanceStatusResponse Status, string Day, string Month, string Locale);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS allowance notice for {UserId}: {Kind} ({Used} of {Limit} segments)")]
    private static partial void LogNear(ILogger logger, Guid userId, string kind, int used, int limit);
}
