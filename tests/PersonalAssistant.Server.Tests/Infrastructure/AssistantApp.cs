using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>
/// The real host on a real loopback port, on the database of this run (SQLite or PostgreSQL, see
/// <see cref="TestEnvironment"/>), with Redis when the run provides one. Each instance owns its data directory and,
/// on PostgreSQL, its own database.
/// </summary>
public sealed class AssistantApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("pa-test-").FullName;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private TestDatabase? _database;

    public AssistantApp()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string DataDirectory => _dataDirectory;

    public static string DatabaseProvider => TestEnvironment.DatabaseProvider;

    public static bool HasRedis => TestEnvironment.Redis is not null;

    /// <summary>
    /// A client whose connections leave from another loopback address (127.0.0.0/8 is all loopback on Linux), so
    /// the host sees a different <c>RemoteIpAddress</c> through the real socket: no forwarded header is trusted.
    /// </summary>
    public HttpClient CreateClientFrom(IPAddress source)
    {
        using var probe = CreateClient();
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(
                    System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken); // the host listens there only
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = probe.BaseAddress };
    }

    /// <summary>Adds a configuration value before the host starts (call before the first request).</summary>
    public AssistantApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces services before the host starts, for the edges a test must control (the clock).</summary>
    public AssistantApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        StartServer();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("Database:Provider", TestEnvironment.DatabaseProvider);
        if (_database?.ConnectionString is { } postgres)
        {
            builder.UseSetting("ConnectionStrings:Postgres", postgres);
            builder.UseSetting("Database:MigrateOnStart", "true");
        }

        if (TestEnvironment.Redis is { } redis)
        {
            builder.UseSetting("ConnectionStrings:Redis", redis);
        }

        // Every test calls from 127.0.0.1: generous limits and a private counter namespace per host keep tests from
        // tripping each other. Rate-limit tests set their own limits (and share a prefix to act as replicas).
        builder.UseSetting("RateLimits:KeyPrefix", $"pa-test:{_instance}");
        builder.UseSetting("RateLimits:AuthPerIp:PermitLimit", "10000");
        builder.UseSetting("RateLimits:AuthPerAccount:PermitLimit", "10000");
        builder.UseSetting("RateLimits:MessagesPerAccount:PermitLimit", "10000");
        builder.UseSetting("RateLimits:ResendPerTarget:PermitLimit", "10000");
        builder.UseSetting("RateLimits:AssistantTurnsPerAccount:PermitLimit", "10000");
        builder.UseSetting("RateLimits:SignInFailuresPerAccount:PermitLimit", "10000");
        builder.UseSetting("RateLimits:SmsCodesPerAccount:PermitLimit", "10000");
        builder.UseSetting("RateLimits:SmsCodesPerNumber:PermitLimit", "10000");
        builder.UseSetting("RateLimits:SmsCodesPerInstance:PermitLimit", "10000");

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var configure in _services)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}
