using System.Collections.Frozen;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// The roles, each inheriting every permission of the one below: user &lt; premium &lt; administrator.
/// Permissions are named <c>resource:action</c> and granted to roles here, in code, where a review sees them.
/// </summary>
internal static class AppRoles
{
    public const string User = "user";
    public const string Premium = "premium";
    public const string Administrator = "administrator";

    /// <summary>Lowest first.</summary>
    public static readonly IReadOnlyList<string> Hierarchy = [User, Premium, Administrator];

    private static readonly FrozenDictionary<string, string[]> Granted = new Dictionary<string, string[]>
    {
        [User] =
        [
            Permissions.ConversationsUse, Permissions.TasksManage, Permissions.RemindersManage, Permissions.NotesManage,
            Permissions.SmsUse,
        ],
        [Premium] = [Permissions.SmsPriority],
        [Administrator] =
        [
            Permissions.UsersRead, Permissions.UsersManage, Permissions.RolesRead, Permissions.RolesManage,
            Permissions.AuditRead, Permissions.SmsAdminister, Permissions.JobsManage, Permissions.SystemRead,
        ],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool Exists(string role) => Granted.ContainsKey(role);

    /// <summary>Every permission a role holds, inherited ones included.</summary>
    public static IReadOnlySet<string> PermissionsOf(string role)
    {
        var index = IndexOf(role);
        var permissions = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i <= index; i++)
        {
            permissions.UnionWith(Granted[Hierarchy[i]]);
        }

        return permissions;
    }

    public static IReadOnlySet<string> PermissionsOf(IEnumerable<string> roles) =>
        roles.Where(Exists).SelectMany(PermissionsOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>The permissions granted at this level, without the inherited ones.</summary>
    public static IReadOnlyList<string> GrantedAt(string role) => Granted[role];

    /// <summary>The roles a role includes, itself first (administrator → administrator, premium, user).</summary>
    public static IReadOnlyList<string> Includes(string role) => Hierarchy.Take(IndexOf(role) + 1).Reverse().ToList();

    /// <summary>0 for user, 1 for premium, 2 for administrator, -1 for anything else.</summary>
    public static int Rank(string role)
    {
        for (var i = 0; i < Hierarchy.Count; i++)
        {
            if (Hierarchy[i] == role)
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOf(string role)
    {
        var index = Rank(role);
        return index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
    }
}

internal static class Permissions
{
    public const string UsersRead = "users:read";
    public const string UsersManage = "users:manage";
    public const string RolesRead = "roles:read";
    public const string RolesManage = "roles:manage";
    public const string AuditRead = "audit:read";
    public const string ConversationsUse = "conversations:use";
    public const string TasksManage = "tasks:manage";
    public const string RemindersManage = "reminders:manage";
    public const string NotesManage = "notes:manage";
    public const string SmsUse = "sms:use";
    public const string SmsPriority = "sms:priority";
    public const string SmsAdminister = "sms:administer";
    public const string JobsManage = "jobs:manage";
    public const string SystemRead = "system:read";

    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (UsersRead, "List and read accounts"),
        (UsersManage, "Activate, deactivate, unlock, delete accounts and end their sessions"),
        (RolesRead, "List roles and permissions"),
        (RolesManage, "Grant and remove roles"),
        (AuditRead, "Read the security audit trail and the outbox"),
        (ConversationsUse, "Talk to the assistant"),
        (TasksManage, "Own tasks"),
        (RemindersManage, "Own reminders"),
        (NotesManage, "Own notes"),
        (SmsUse, "Reach the assistant by SMS"),
        (SmsPriority, "Higher SMS allowance"),
        (SmsAdminister, "Manage the instance's SMS numbers and usage"),
        (JobsManage, "See and retry background jobs"),
        (SystemRead, "Read instance diagnostics"),
    ];

    /// <summary>The authorization policy that requires a permission.</summary>
    public static string Policy(string permission) => "permission:" + permission;
}
