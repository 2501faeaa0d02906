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

    private sealed record ProcessResult(int ExitCode, string Output, string Error);

    private static async Task<ProcessResult> RunAsync(params string[] args)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pa-cli-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PersonalAssistant.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add($"--Storage:DataDirectory={dataDirectory}");
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        try
        {
            using var process = Process.Start(start)!;
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
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
