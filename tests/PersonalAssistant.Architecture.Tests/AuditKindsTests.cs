using System.Reflection;
using System.Text.RegularExpressions;
using PersonalAssistant.Server.Audit;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>The web app's audit page names every action the host audits, in words from its catalog, and no other.</summary>
public sealed partial class AuditKindsTests
{
    [Fact]
    public void TheAuditPage_NamesEveryAuditedAction()
    {
        var audited = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var source = File.ReadAllText(Path.Combine(SourceFiles.RepositoryRoot(), "web", "src", "features", "admin", "auditKinds.ts"));
        var named = KindEntry().Matches(source).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(audited);
        var unnamed = audited.Except(named).Order(StringComparer.Ordinal).ToList();
        Assert.True(unnamed.Count == 0, $"web/src/features/admin/auditKinds.ts lacks: {string.Join(", ", unnamed)}");
        var unknown = named.Except(audited).Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0, $"web/src/features/admin/auditKinds.ts names actions the host does not audit: {string.Join(", ", unknown)}");
    }

    [GeneratedRegex("""^\s*'([a-z_.]+)': 'adminAudit\.kind\.""", RegexOptions.Multiline)]
    private static partial Regex KindEntry();
}
