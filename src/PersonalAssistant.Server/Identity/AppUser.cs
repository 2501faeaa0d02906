using Microsoft.AspNetCore.Identity;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Identity;

/// <summary>A person with an account. Identity owns the credential columns; the rest is the person's profile.</summary>
internal sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>IANA zone every date and time of this person is read and shown in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary><c>en</c> or <c>fr</c>.</summary>
    public string Locale { get; set; } = Locales.English;

    /// <summary>A deactivated account cannot sign in and its sessions are revoked.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Set by an administrator: the next sign-in must go through password reset first.</summary>
    public bool PasswordResetRequired { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }

    /// <summary>The TOTP secret, encrypted with Data Protection; null until set up.</summary>
    public string? TotpSecretProtected { get; set; }

    public bool TotpEnabled { get; set; }

    public bool SmsMfaEnabled { get; set; }

    /// <summary>The last accepted TOTP time step, so that a code cannot be replayed within its window.</summary>
    public long? LastTotpTimeStep { get; set; }

    public UserPreferences Preferences { get; set; } = new();

    /// <summary>Set when the person asked for the account's deletion: every row of it goes at this instant, unless they cancel.</summary>
    public DateTimeOffset? DeletionDueAt { get; set; }

    public bool HasMfa => TotpEnabled || SmsMfaEnabled;
}

/// <summary>The two languages the assistant speaks.</summary>
internal static class Locales
{
    public const string English = "en";
    public const string French = "fr";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { English, French };
}

/// <summary>A role; the hierarchy and permissions are defined in code (see <see cref="AppRoles"/>).</summary>
internal sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name)
        : base(name)
    {
        Id = Ids.NewV7();
        NormalizedName = name.ToUpperInvariant();
    }
}
