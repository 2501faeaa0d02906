using System.Text.RegularExpressions;
using NetArchTest.Rules;
using PersonalAssistant.Server.Features;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>ADR 0010: callers reach a feature through its service; code never picks words by language.</summary>
public sealed partial class FeatureBoundaryTests
{
    private const string FeaturesNamespace = "PersonalAssistant.Server.Features";

    [Fact]
    public void NoCodeOutsideAFeature_ReferencesItsEndpointsClass()
    {
        var server = typeof(ApiRoutes).Assembly;
        var endpointClasses = server.GetTypes()
            .Where(type => type.Namespace?.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal) == true
                           && type.Name.EndsWith("Endpoints", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(endpointClasses);

        var offenders = new List<string>();
        foreach (var endpoints in endpointClasses)
        {
            // ApiRoutes maps every group and the host maps the calendar feed: that is all they may do with them.
            var result = Types.InAssembly(server)
                .That().DoNotResideInNamespace(endpoints.Namespace!)
                .And().DoNotHaveName(nameof(ApiRoutes), "AssistantHost")
                .ShouldNot().HaveDependencyOn(endpoints.FullName!)
                .GetResult();
            offenders.AddRange((result.FailingTypeNames ?? []).Select(type => $"{type} → {endpoints.Name}"));
        }

        Assert.True(offenders.Count == 0, "Call the feature's service instead: " + string.Join(", ", offenders));
    }

    /// <summary>
    /// A feature's rows are its own: its entity types (what <c>AppDbContext</c> holds for it) appear in no other
    /// feature and in no shared code outside persistence, so every other caller goes through the feature's service,
    /// which validates and owner-scopes.
    /// </summary>
    [Fact]
    public void NoCodeOutsideAFeature_TouchesItsRows()
    {
        var server = typeof(ApiRoutes).Assembly;
        var context = server.GetTypes().Single(type => type.Name == "AppDbContext");
        var entities = context.GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition().Name.StartsWith("DbSet", StringComparison.Ordinal))
            .Select(p => p.PropertyType.GetGenericArguments()[0])
            .Where(type => type.Namespace?.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Contains(entities, type => type.Name == "Reminder");

        var offenders = new List<string>();
        foreach (var feature in entities.GroupBy(type => type.Namespace!))
        {
            var result = Types.InAssembly(server)
                .That().DoNotResideInNamespace(feature.Key)
                .And().DoNotResideInNamespace("PersonalAssistant.Server.Persistence")
                .ShouldNot().HaveDependencyOnAny([.. feature.Select(type => type.FullName!)])
                .GetResult();
            offenders.AddRange((result.FailingTypeNames ?? []).Select(type => $"{type} → {feature.Key}"));
        }

        Assert.True(offenders.Count == 0, "Reach another feature through its service, not its rows: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Source_HasNoLanguageConditionals()
    {
        var source = Path.Combine(SourceFiles.RepositoryRoot(), "src", "PersonalAssistant.Server");
        var offenders = SourceFiles.Under(source)
            .SelectMany(path => File.ReadAllLines(path).Select((line, index) => (path, line, index)))
            .Where(found => LanguageConditional().IsMatch(found.line))
            .Select(found => $"{Path.GetFileName(found.path)}:{found.index + 1}")
            .ToList();

        Assert.True(offenders.Count == 0, "Put the words in Localization/Messages.*.resx instead of choosing them by language: " + string.Join(", ", offenders));
    }

    /// <summary>
    /// <c>french ?</c>, <c>French ?</c>, <c>== "fr"</c>, <c>is "en" or "fr"</c>, <c>Locales.French ?</c>,
    /// <c>StartsWith("fr"</c>, <c>Equals(x, "fr"</c>: every way the old code chose a sentence by language.
    /// </summary>
    [GeneratedRegex("""\b[Ff]rench\s*\?|[!=]=\s*"(fr|en)"|\bis\s+"(fr|en)"|\.(French|English)\s*\?|StartsWith\("(fr|en)"|Equals\(\w+,\s*"(fr|en)"|"(fr|en)"\s*\?""")]
    private static partial Regex LanguageConditional();
}
