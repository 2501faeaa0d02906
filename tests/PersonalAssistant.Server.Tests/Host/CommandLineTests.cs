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
