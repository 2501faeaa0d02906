using System.Diagnostics;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>The real binary, started as a process: bad configuration ends the start with one line naming the key.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--Database:Provider=Oracle", "Database:Provider")]
    [InlineData("--Database:Provider=Postgres", "ConnectionStrings:Postgres")]
    [InlineData("--Http:MaxRequestBodyBytes=5", "Http:MaxRequestBodyBytes")]
    [InlineData("--Database:MigrateOnStart=maybe", "Database:MigrateOnStart")]
    [InlineData("--WebApp:RootPath=/no/such/folder", "WebApp:RootPath")]
    public async Task Serve_WithBadConfiguration_ExitsWithOneLineNamingTheKey(string setting, string key)
    {
        var result = await RunAsync(setting);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(key, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var result = await RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("serve", result.Output, StringComparison.Ordinal);
        Assert.Contains("migrate", result.Output, StringComparison.Ordinal);
        Assert.Contains("nlu", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAdmin_CreatesAnAdministratorWhoCanSignIn_WithAGeneratedPasswordPrintedOnce()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pa-cli-admin-").FullName;
        try
        {
            var created = await RunInAsync(dataDirectory, null, "users", "create-admin", "--email", "root@example.test", "--display-name", "Root");
            Assert.Equal(0, created.ExitCode);
            var password = Assert.Single(created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
            Assert.True(password.Length >= 20);

            var again = await RunInAsync(dataDirectory, null, "users", "create-admin", "--email", "root@example.test");
            Assert.Equal(0, again.ExitCode);
            Assert.Empty(again.Output.Trim());
            Assert.Contains("password unchanged", again.Error, StringComparison.Ordinal);

            await using var app = new Infrastructure.AssistantApp().With("Storage:DataDirectory", dataDirectory).With("Database:Provider", "Sqlite");
            await ((IAsyncLifetime)app).InitializeAsync();
            var admin = await Infrastructure.Accounts.LoginAsync(app, "root@example.test", password, Guid.Empty);
            using var client = admin.Client(app);
            var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/users/me");
            Assert.Equal(["user", "premium", "administrator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            await ((IAsyncLifetime)app).DisposeAsync();
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task NluParse_AnswersEveryCaseOnItsOwnLine_WithNothingElseOnStandardOutput()
    {
        const string cases = """
            {"id": "en-001", "text": "remind me to call mom tomorrow at 3pm", "now": "2026-03-10T09:15:00", "tz": "America/Toronto", "lang": "en"}
            {"id": "fr-043", "text": "12,50 € resto", "now": "2026-03-27T21:00:00", "tz": "Europe/Paris"}
            {"id": "x", "text": "we need milk, eggs and bread", "now": "2026-03-14T10:00:00", "tz": "America/Toronto", "lang": "en"}
            """;

        var result = await RunWithInputAsync(cases, "nlu", "parse", "--jsonl");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(("en-001", "reminder.create", "call mom", "2026-03-11T15:00:00-04:00"),
            (lines[0].GetProperty("id").GetString(), lines[0].GetProperty("intent").GetString(), lines[0].GetProperty("title").GetString(), lines[0].GetProperty("when").GetString()));
        Assert.Equal(("expense.add", 12.5m, "EUR", "fr"),
            (lines[1].GetProperty("intent").GetString(), lines[1].GetProperty("amount").GetDecimal(), lines[1].GetProperty("currency").GetString(), lines[1].GetProperty("lang").GetString()));
        Assert.Equal(["milk", "eggs", "bread"], lines[2].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task CreateAdmin_WithAWeakPasswordOnStdin_FailsWithOneLine()
    {
        var result = await RunWithInputAsync("password123", "users", "create-admin", "--email", "weak@example.test", "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("too easy to guess", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAdmin_WithANonEmail_Fails()
    {
        var result = await RunAsync("users", "create-admin", "--email", "not-an-email");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Not an email address", result.Error, StringComparison.Ordinal);
    }

    private sealed record ProcessResult(int ExitCode, string Output, string Error);

    private static Task<ProcessResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    private static async Task<ProcessResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pa-cli-").FullName;
        try
        {
            return await RunInAsync(dataDirectory, stdin, args);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<ProcessResult> RunInAsync(string dataDirectory, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PersonalAssistant.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add($"--Storage:DataDirectory={dataDirectory}");
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        {
            using var process = Process.Start(start)!;
            if (stdin is not null)
            {
                await process.StandardInput.WriteLineAsync(stdin);
            }

            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The host did not exit with: {string.Join(' ', args)}");
            }

            return new ProcessResult(process.ExitCode, await output, await error);
        }
    }
}
