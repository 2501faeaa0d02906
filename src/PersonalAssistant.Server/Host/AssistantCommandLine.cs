using System.CommandLine;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// The host doubles as the command line, so one binary ships: <c>serve</c> (the default), <c>migrate</c>,
/// <c>nlu parse --jsonl</c>. Arguments the commands do not know go to the host's configuration
/// (for example <c>--Database:Provider=Postgres</c>).
/// </summary>
internal static class AssistantCommandLine
{
    private const int ConfigurationErrorExitCode = 2;

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

        var root = new RootCommand(
            "Personal Assistant TDAH: a self-hostable assistant for adults with ADHD. Without a command, runs 'serve'.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Subcommands.Add(serve);
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(nlu);
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
            await using var app = AssistantHost.Build(hostArgs);
            Directory.CreateDirectory(app.Services.GetRequiredService<IOptions<Common.StorageOptions>>().Value.DataDirectoryFullPath);
            await using var scope = app.Services.CreateAsyncScope();
            var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var provider = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Kind;
            await Console.Error.WriteLineAsync($"{provider}: {applied} migration(s) applied; the schema is up to date.");
            return 0;
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
