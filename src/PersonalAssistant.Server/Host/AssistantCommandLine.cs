using System.CommandLine;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// The host doubles as the command line, so one binary ships: <c>serve</c> (the default), <c>migrate</c>,
/// <c>nlu parse --jsonl</c>, <c>users create-admin</c>. Arguments the commands do not know go to the host's configuration
/// (for example <c>--Database:Provider=Postgres</c>).
/// </summary>
internal static class AssistantCommandLine
{
    private const int ConfigurationErrorExitCode = 2;

    /// <summary>One-shot commands keep standard output for their result; their logs go to standard error.</summary>
    private const string LogsToStandardError = "--Logging:Console:LogToStandardErrorThreshold=Trace";

    public static Task<int> InvokeAsync(string[] args) =>
        // The host handles Ctrl+C and SIGTERM itself and shuts down gracefully; System.CommandLine must not race it.
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

    internal static RootCommand Build()
    {
        var serve = new Command("serve", "Run the assistant: API, web app, health and metrics (the default command).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((result, cancellationToken) => ServeAsync([.. result.UnmatchedTokens], cancellationToken));

        var migrate = new Command("migrate", "Apply pending database migrations for the configured provider, then exit.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        migrate.SetAction((result, cancellationToken) => MigrateAsync([.. result.UnmatchedTokens], cancellationToken));

        var jsonl = new Option<bool>("--jsonl")
        {
            Description = "Read one JSON case per line on standard input; write one JSON answer per line on standard output.",
        };
        var parse = new Command("parse", "Run the offline language engine on text.") { jsonl };
        parse.SetAction((result, cancellationToken) => NluCommand.ParseAsync(result.GetValue(jsonl), cancellationToken));
        var nlu = new Command("nlu", "The offline language engine.") { parse };

        var email = new Option<string>("--email") { Description = "The administrator's email address.", Required = true };
        var displayName = new Option<string?>("--display-name") { Description = "The name the assistant uses (default: the email's local part)." };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input; otherwise a strong one is generated and printed once.",
        };
        var createAdmin = new Command("create-admin", "Create an administrator account, or make an existing account administrator.")
        {
            email, displayName, passwordStdin,
        };
        createAdmin.TreatUnmatchedTokensAsErrors = false;
        createAdmin.SetAction((result, cancellationToken) =>
        {
            var address = result.GetValue(email)!.Trim();
            if (!UsersCommand.LooksLikeEmail(address))
            {
                Console.Error.WriteLine($"Not an email address: '{address}'.");
                return Task.FromResult(1);
            }

            return ReportingConfigurationErrors(() => UsersCommand.CreateAdminAsync(
                [.. result.UnmatchedTokens, LogsToStandardError], address, result.GetValue(displayName), result.GetValue(passwordStdin), cancellationToken));
        });
        var users = new Command("users", "Manage accounts from the command line.") { createAdmin };

        var seedEmail = new Option<string>("--email") { Description = "The registered person the benchmark measures.", Required = true };
        var seed = new Command("seed", "Fill the database with the reads benchmark's 1,000 people and their data (docs/benchmarks.md).") { seedEmail };
        seed.TreatUnmatchedTokensAsErrors = false;
        seed.SetAction((result, cancellationToken) => SeedAsync([.. result.UnmatchedTokens, LogsToStandardError], result.GetValue(seedEmail)!.Trim(), cancellationToken));
        var bench = new Command("bench", "Benchmark support (scripts/bench-reads.sh).") { seed };

        var root = new RootCommand(
            "Personal Assistant TDAH: a self-hostable assistant for adults with ADHD. Without a command, runs 'serve'.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Subcommands.Add(serve);
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(nlu);
        root.Subcommands.Add(users);
        root.Subcommands.Add(bench);
        root.SetAction((result, cancellationToken) => ServeAsync([.. result.UnmatchedTokens], cancellationToken));
        return root;
    }

    private static Task<int> ServeAsync(string[] hostArgs, CancellationToken cancellationToken) =>
        ReportingConfigurationErrors(async () =>
        {
            await using var app = AssistantHost.Build(hostArgs);
            await app.RunAsync();
            return 0;
        });

    private static Task<int> MigrateAsync(string[] hostArgs, CancellationToken cancellationToken) =>
        ReportingConfigurationErrors(async () =>
        {
            await using var app = AssistantHost.Build([.. hostArgs, LogsToStandardError]);
            Directory.CreateDirectory(app.Services.GetRequiredService<IOptions<Common.StorageOptions>>().Value.DataDirectoryFullPath);
            await using var scope = app.Services.CreateAsyncScope();
            var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var provider = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Kind;
            await Console.Error.WriteLineAsync($"{provider}: {applied} migration(s) applied; the schema is up to date.");
            return 0;
        });

    private static Task<int> SeedAsync(string[] hostArgs, string email, CancellationToken cancellationToken) =>
        ReportingConfigurationErrors(async () =>
        {
            await using var app = AssistantHost.Build(hostArgs);
            await using var scope = app.Services.CreateAsyncScope();
            return await BenchmarkSeed.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), email, cancellationToken);
        });

    /// <summary>Bad configuration ends the start with one line naming the key, not a stack trace.</summary>
    private static async Task<int> ReportingConfigurationErrors(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join("; ", exception.Failures)}");
            return ConfigurationErrorExitCode;
        }
        catch (InvalidOperationException exception) when (exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"Configuration error: {exception.Message}");
            return ConfigurationErrorExitCode;
        }
    }
}
