using NetArchTest.Rules;
using PersonalAssistant.Language;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>ADR 0005: the language engine is a plain library that any host (web, SMS worker, tests) can load.</summary>
public sealed class LanguageEngineTests
{
    [Fact]
    public void TheLanguageEngine_DependsOnNoWebOrDataFramework()
    {
        var assembly = typeof(LanguageEngine).Assembly;

        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), reference =>
            reference.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || reference.Name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || reference.Name.StartsWith("PersonalAssistant.Server", StringComparison.Ordinal));

        var result = Types.InAssembly(assembly).Should().NotHaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "PersonalAssistant.Server").GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void LanguageSpecificWords_LiveOnlyInTheLexicons()
    {
        // Every table is built in Lexicons/; the grammar code reads them through the Lexicon type only.
        var result = Types.InAssembly(typeof(LanguageEngine).Assembly)
            .That().ResideInNamespace("PersonalAssistant.Language.Time")
            .Or().ResideInNamespace("PersonalAssistant.Language.Understanding")
            .ShouldNot().HaveDependencyOnAny("PersonalAssistant.Language.Lexicons.English", "PersonalAssistant.Language.Lexicons.French")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
