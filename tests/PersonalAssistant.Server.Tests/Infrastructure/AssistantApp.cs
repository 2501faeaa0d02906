using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>
/// The real host on a real loopback port, on the database of this run (SQLite or PostgreSQL, see
/// <see cref="TestEnvironment"/>), with Redis when the run provides one. Each instance owns its data directory and,
/// on PostgreSQL, its own database. Its <see cref="Clock"/> is the host's <see cref="TimeProvider"/>: frozen at
/// <see cref="Start"/> until a test advances it.
/// </summary>
public sealed class AssistantApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private TestDatabase? _database;

    /// <summary>A restarted host's: the data directory and database belong to the first host, which cleans them up.</summary>
    private readonly bool _borrowsStorage;

    /// <summary>
    /// Where every host's clock starts: Wednesday 18 November 2026, 14:00 UTC (09:00 in Toronto, 15:00 in Paris), far
    /// from midnight and from any daylight-saving change in the zones the tests use, and before the fixed dates the
    /// tests write as "in the future" (January 2027 onwards).
    /// </summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 18, 14, 0, 0, TimeSpan.Zero);

    public AssistantApp()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("pa-test-").FullName;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    private AssistantApp(AssistantApp first)
    {
        _dataDirectory = first._dataDirectory;
        _database = first._database;
        _borrowsStorage = true;
        foreach (var (key, value) in first._settings)
        {
            _settings[key] = value;
        }

        Clock = TestClock.Frozen(first.Clock.GetUtcNow());
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>
    /// The same instance started again: a new host on this one's data directory, database and settings, its clock frozen
    /// where this one's is. Stop this host first (<c>await app.DisposeAsync()</c>); start the new one with
    /// <see cref="IAsyncLifetime.InitializeAsync"/> and dispose it when done (the first host still cleans the storage).
    /// </summary>
    public AssistantApp Restarted() => new(this);

    public string DataDirectory => _dataDirectory;

    /// <summary>
    /// Makes this host a replica of <paramref name="first"/> (started before it): the same database (on SQLite, the same
    /// data directory, where the file lives), Redis and rate-limit namespace, as two instances of one deployment.
    /// </summary>
    public AssistantApp ReplicaOf(AssistantApp first)
    {
        ArgumentNullException.ThrowIfNull(first);
        With("RateLimits:KeyPrefix", $"pa-test:{first._instance}");
        return first._database?.ConnectionString is { } postgres
            ? With("ConnectionStrings:Postgres", postgres)
            : With("Storage:DataDirectory", first.DataDirectory);
    }

    /// <summary>
    /// The host's clock: frozen at <see cref="Start"/> unless <see cref="WithRunningClock"/> was called; a test moves
    /// it with <see cref="TestClock.Advance"/> (expiries, lockout windows, "tomorrow") instead of waiting.
    /// </summary>
    public TestClock Clock { get; private set; } = TestClock.Frozen(Start);

    /// <summary>Today's date in <paramref name="zone"/> by the host's clock.</summary>
    public DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).DateTime);

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

    /// <summary>
    /// The real clock plus the advances, for hosts that serve SignalR connections (see <see cref="TestClock"/>); call
    /// before the host starts.
    /// </summary>
    public AssistantApp WithRunningClock()
    {
        Clock = TestClock.Running();
        return this;
    }

    /// <summary>
    /// A frozen clock that starts at <paramref name="start"/> instead of <see cref="Start"/>, for tests about a particular
    /// date (a daylight-saving change); call before the host starts.
    /// </summary>
    public AssistantApp WithClockAt(DateTimeOffset start)
    {
        Clock = TestClock.Frozen(start);
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
        _database ??= await TestDatabase.CreateAsync();
        StartServer();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_borrowsStorage)
        {
            return;
        }

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
        builder.UseSetting("RateLimits:CapturePreviewsPerAccount:PermitLimit", "10000");
        builder.UseSetting("RateLimits:SignInFailuresPerAccount:PermitLimit", "10000");
        builder.UseSetting("RateLimits:SmsCodesPerAccount:PermitLimit", "10000");
        builder.UseSetting("RateLimits:SmsCodesPerNumber:PermitLimit", "10000");
        builder.UseSetting("RateLimits:SmsCodesPerInstance:PermitLimit", "10000");

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        var clock = Clock;
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        foreach (var configure in _services)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}
