namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>
/// What the test script started for this run. <c>./test.sh</c> runs the integration tests once per database:
/// <c>PA_TEST_DATABASE</c> is Sqlite or Postgres, <c>PA_TEST_POSTGRES</c> is an admin connection string to the
/// private cluster (each test host gets its own database in it), <c>PA_TEST_REDIS</c> the private Redis.
/// </summary>
internal static class TestEnvironment
{
    public static string DatabaseProvider =>
        Environment.GetEnvironmentVariable("PA_TEST_DATABASE") is { Length: > 0 } provider ? provider : "Sqlite";

    public static bool IsPostgres => string.Equals(DatabaseProvider, "Postgres", StringComparison.OrdinalIgnoreCase);

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("PA_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "PA_TEST_DATABASE=Postgres needs PA_TEST_POSTGRES (an admin connection string); ./test.sh sets both.");

    public static string? Redis => Environment.GetEnvironmentVariable("PA_TEST_REDIS") is { Length: > 0 } value ? value : null;

    /// <summary>The repository root, found from the test assembly's location.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PersonalAssistant.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Could not find PersonalAssistant.slnx above the test assembly.");
    }
}
