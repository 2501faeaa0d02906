namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>
/// Tests that assert an exact count on the Prometheus scrape run alone. OpenTelemetry listens to meters by name across
/// the whole process, so a host started by another test class counts into this host's scrape while both run; with
/// parallelisation off, nothing else runs during these tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExactMetricCounts
{
    public const string Name = "Exact metric counts";
}
