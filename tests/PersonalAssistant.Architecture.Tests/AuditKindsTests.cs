using System.Reflection;
using System.Text.RegularExpressions;
using PersonalAssistant.Server.Audit;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>The web app's audit page names every action the host audits, and words every detail it records, from its catalog, and no other.</summary>
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

    [Fact]
    public void TheAuditPage_WordsEveryDetailAndEveryChange()
    {
        var source = File.ReadAllText(Path.Combine(SourceFiles.RepositoryRoot(), "web", "src", "features", "admin", "auditDetails.ts"));

        AssertSame(typeof(AuditDetails), source, "detail");
        AssertSame(typeof(AuditChanges), source, "change");
    }

    private static void AssertSame(Type codes, string source, string kind)
    {
        var recorded = codes.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var worded = new Regex($"""^\s*'?([a-z_]+)'?: 'adminAudit\.{kind}\.""", RegexOptions.Multiline)
            .Matches(source).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(recorded);
        var unworded = recorded.Except(worded).Order(StringComparer.Ordinal).ToList();
        Assert.True(unworded.Count == 0, $"web/src/features/admin/auditDetails.ts lacks the {kind} codes: {string.Join(", ", unworded)}");
        var unknown = worded.Except(recorded).Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0, $"web/src/features/admin/auditDetails.ts words {kind} codes the host never records: {string.Join(", ", unknown)}");
    }

    [GeneratedRegex("""^\s*'([a-z_.]+)': 'adminAudit\.kind\.""", RegexOptions.Multiline)]
    private static partial Regex KindEntry();
}
