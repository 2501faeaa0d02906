namespace PersonalAssistant.Server.Identity;

/// <summary>How and when the assistant may reach the person. Times are local to the person's zone.</summary>
internal sealed class UserPreferences
{
    public TimeOnly? QuietHoursStart { get; set; } = new(22, 0);

    public TimeOnly? QuietHoursEnd { get; set; } = new(8, 0);

    /// <summary>At most this many unrequested nudges a day (0 turns them off).</summary>
    public int DailyNudgeCap { get; set; } = 6;

    /// <summary>Channels in order of preference: web, push, sms, email (the in-app one is always written).</summary>
    public List<string> PreferredChannels { get; set; } = [Channels.Web];

    public string ReplyStyle { get; set; } = ReplyStyles.Brief;

    public TimeOnly? MorningBriefingTime { get; set; } = new(8, 30);

    public TimeOnly? EveningReviewTime { get; set; }

    /// <summary>ISO 4217 code used when an expense names no currency.</summary>
    public string DefaultCurrency { get; set; } = "USD";

    /// <summary>After this many missed days a task is offered a breakdown.</summary>
    public int MissesBeforeBreakdown { get; set; } = 3;
}

internal static class Channels
{
    public const string Web = "web";
    public const string Sms = "sms";
    public const string Email = "email";

    /// <summary>Web push to the browsers the person subscribed.</summary>
    public const string Push = "push";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Web, Push, Sms, Email };

    /// <summary>
    /// Channels as a client sent them, trimmed and lower-cased; null when the list is empty or holds anything that is
    /// not a channel (a JSON <c>null</c> inside the array included: the binder lets it through a list of strings).
    /// </summary>
    public static List<string>? Read(IEnumerable<string?> requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var channels = requested.Select(c => c?.Trim().ToLowerInvariant()).ToList();
        return channels.Count > 0 && channels.All(c => c is not null && All.Contains(c)) ? [.. channels.OfType<string>()] : null;
    }
}

internal static class ReplyStyles
{
    public const string Brief = "brief";
    public const string Detailed = "detailed";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Brief, Detailed };
}
