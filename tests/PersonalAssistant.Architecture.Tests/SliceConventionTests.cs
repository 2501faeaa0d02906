using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using PersonalAssistant.Server.Features;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>The conventions of STYLE.md, checked here rather than by reviewers.</summary>
public sealed partial class SliceConventionTests
{
    private const string FeaturesNamespace = "PersonalAssistant.Server.Features";
    private static readonly Assembly Server = typeof(ApiRoutes).Assembly;

    private static IEnumerable<string> FeatureNamespaces() =>
        Server.GetTypes()
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal))
            .Select(ns => string.Join('.', ns.Split('.').Take(4)))
            .Distinct();

    [Fact]
    public void EveryFeature_HasAnEndpointsClassWithAMapMethod()
    {
        var features = FeatureNamespaces().ToList();
        Assert.NotEmpty(features);

        foreach (var feature in features)
        {
            var endpoints = Server.GetTypes().Where(type =>
                type.Namespace == feature && type.Name.EndsWith("Endpoints", StringComparison.Ordinal) && type.IsAbstract && type.IsSealed);
            Assert.True(endpoints.Any(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                    .Any(method => method.Name.StartsWith("Map", StringComparison.Ordinal))),
                $"{feature} needs a static <Feature>Endpoints class with a Map<Feature>Endpoints method.");
        }
    }

    /// <summary>
    /// The assistant acts for the person through every other feature's service (ADR 0008, ADR 0010), so it is the
    /// one slice allowed to depend on others; none may depend on it, which the loop below still checks.
    /// </summary>
    private const string Integrator = FeaturesNamespace + ".Assistant";

    /// <summary>
    /// Outside the integrator, a feature may use another feature's public API only (ADR 0010): its service and the
    /// requests, queries, commands, responses and drafts the service speaks (a reminder checks its task through
    /// <c>TaskService</c>; the reminder dispatcher hands a <c>NotificationDraft</c> to <c>NotificationService</c>; a
    /// push action gives a <c>NudgeCommand</c> to <c>ReminderService</c>); never its endpoints, entities or helpers.
    /// </summary>
    [Fact]
    public void Features_DoNotReachIntoEachOther()
    {
        var features = FeatureNamespaces().ToList();
        foreach (var feature in features.Where(f => f != Integrator))
        {
            var internals = Server.GetTypes()
                .Where(type => !type.IsNested && type.Namespace is { } ns && features.Any(other => other != feature && (ns == other || ns.StartsWith(other + ".", StringComparison.Ordinal))))
                .Where(type => !IsPublicApi(type) || type.Namespace == Integrator)
                .Select(type => type.FullName!)
                .ToArray();
            if (internals.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(Server).That().ResideInNamespace(feature)
                .ShouldNot().HaveDependencyOnAny(internals).GetResult();
            Assert.True(result.IsSuccessful,
                $"{feature} depends on another feature's internals: " + string.Join(", ", result.FailingTypeNames ?? []));
        }
    }

    private static bool IsPublicApi(Type type) =>
        new[] { "Service", "Request", "Query", "Command", "Response", "Draft" }.Any(suffix => type.Name.EndsWith(suffix, StringComparison.Ordinal));

    [Fact]
    public void ApiHandlers_AreNamedStaticMethodsOfAnEndpointsClass()
    {
        var handlers = HostEndpoints.Routes
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .Select(endpoint => (endpoint, method: endpoint.Metadata.GetMetadata<MethodInfo>()))
            .ToList();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, handler =>
        {
            Assert.NotNull(handler.method);
            Assert.True(handler.method.IsStatic && !handler.method.Name.Contains('<', StringComparison.Ordinal)
                        && handler.method.DeclaringType?.Name.EndsWith("Endpoints", StringComparison.Ordinal) == true,
                $"{handler.endpoint.DisplayName}: handlers are named static methods of a <Feature>Endpoints class, not lambdas.");
        });
    }

    [Fact]
    public void Requests_NeverCarryOwnerIdsTimestampsOrRoles()
    {
        string[] serverOwned = ["UserId", "OwnerId", "CreatedAt", "UpdatedAt", "Role", "Roles", "IsAdmin"];
        // Reviewed exceptions: the administrator's "grant this role" request names the role it grants (behind roles:manage).
        string[] reviewed = ["GrantRoleRequest.Role"];
        var offenders = Server.GetTypes()
            .Where(type => type.Name.EndsWith("Request", StringComparison.Ordinal))
            .SelectMany(type => type.GetProperties().Where(p => serverOwned.Contains(p.Name)).Select(p => $"{type.Name}.{p.Name}"))
            .Except(reviewed)
            .ToList();

        Assert.True(offenders.Count == 0, "Requests must not carry server-owned values: " + string.Join(", ", offenders));
    }

    /// <summary>Time comes from an injected TimeProvider so tests can freeze it (STYLE.md, convention 7).</summary>
    [Fact]
    public void Source_NeverReadsTheSystemClockDirectly()
    {
        var source = Path.Combine(SourceFiles.RepositoryRoot(), "src");
        var offenders = SourceFiles.Under(source)
            .Where(path => SystemClock().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(source, path))
            .ToList();

        Assert.True(offenders.Count == 0, "Use the injected TimeProvider instead of the system clock in: " + string.Join(", ", offenders));
    }

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex SystemClock();
}
