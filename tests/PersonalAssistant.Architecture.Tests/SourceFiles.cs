namespace PersonalAssistant.Architecture.Tests;

/// <summary>The repository's C# sources, for the tests that read code as text.</summary>
internal static class SourceFiles
{
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PersonalAssistant.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PersonalAssistant.slnx not found above the test assembly.");
    }

    /// <summary>Hand-written .cs files under a folder (no migrations, no build output).</summary>
    public static IEnumerable<string> Under(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
