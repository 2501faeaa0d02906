using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// The account as the person sees it: name, address, zone, language, roles, second factors turned on, dates. Never the
/// password hash, security stamp, TOTP secret, recovery codes or tokens.
/// </summary>
internal sealed class ProfileExport(AppDbContext db) : IPersonalDataExport
{
    public string FileName => "profile.json";

    public string DescriptionKey => "Exports.File.Profile";

    public async Task<int> WriteAsync(Guid userId, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.EmailConfirmed,
                u.DisplayName,
                u.TimeZone,
                u.Locale,
                u.TotpEnabled,
                u.SmsMfaEnabled,
                u.IsActive,
                u.CreatedAt,
                u.LastLoginAt,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        JsonSerializer.Serialize(json, profile, PersonalDataJson.Options);
        return profile is null ? 0 : 1;
    }

    public Task<int> CountAsync(Guid userId, CancellationToken cancellationToken) => db.Users.CountAsync(u => u.Id == userId, cancellationToken);
}

/// <summary>How and when the assistant may reach the person (quiet hours, channels, briefings…).</summary>
internal sealed class PreferencesExport(AppDbContext db) : IPersonalDataExport
{
    public string FileName => "preferences.json";

    public string DescriptionKey => "Exports.File.Preferences";

    public async Task<int> WriteAsync(Guid userId, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        var preferences = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Preferences).SingleOrDefaultAsync(cancellationToken);
        JsonSerializer.Serialize(json, preferences, PersonalDataJson.Options);
        return preferences is null ? 0 : 1;
    }

    public Task<int> CountAsync(Guid userId, CancellationToken cancellationToken) => db.Users.CountAsync(u => u.Id == userId, cancellationToken);
}

internal static class PersonalDataOfAccounts
{
    /// <summary>The profile, preferences and phone numbers (with their verification and opt-out dates), and the audit entries about the person.</summary>
    public static IServiceCollection AddAccountPersonalData(this IServiceCollection services)
    {
        services.AddScoped<IPersonalDataExport, ProfileExport>();
        services.AddScoped<IPersonalDataExport, PreferencesExport>();
        services.AddPersonalData("phone-numbers.json", "Exports.File.PhoneNumbers", (db, userId) => db.PhoneNumbers.AsNoTracking()
            .Where(p => p.UserId == userId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.E164, p.IsPrimary, p.VerifiedAt, p.OptedOutAt, p.CreatedAt }));
        // Entries where the person acted or was acted on. Another person's id, address and browser are not theirs to
        // take: when someone else acted (an administrator), the entry says so without naming them.
        services.AddPersonalData("audit.json", "Exports.File.Audit", (db, userId) => db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorUserId == userId || e.SubjectUserId == userId).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id,
                e.OccurredAt,
                e.Action,
                e.Outcome,
                ActedByMe = e.ActorUserId == userId,
                AboutMe = e.SubjectUserId == userId,
                IpAddress = e.ActorUserId == userId || e.ActorUserId == null ? e.IpAddress : null,
                UserAgent = e.ActorUserId == userId || e.ActorUserId == null ? e.UserAgent : null,
                e.Detail,
            }));
        return services;
    }
}
