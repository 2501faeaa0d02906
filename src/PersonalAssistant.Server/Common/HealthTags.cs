namespace PersonalAssistant.Server.Common;

/// <summary>Health check tags: <c>ready</c> checks gate <c>/health/ready</c>; <c>/health/live</c> runs none.</summary>
internal static class HealthTags
{
    public const string Ready = "ready";
}
