using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

// A small closed-loop HTTP load generator for loopback benchmarks (docs/benchmarks.md): N workers each send one
// request after the other for a fixed time after a warm-up; prints requests per second and latency percentiles.
// Usage: PersonalAssistant.LoadTest <url> [--concurrency 32] [--seconds 10] [--warmup 3] [--token JWT]
//        [--method GET|POST] [--body JSON] [--label name] [--header "Name: value"] [--urls FILE] [--tokens FILE] [--bodies FILE]
// With --urls, worker i sends to line i of the file (modulo its length) instead of <url>: one conversation each.
// With --tokens, worker i signs in with line i of that file (one person each) instead of --token.
// With --bodies, each line is "label<TAB>JSON": worker i sends them in turn (starting at line i), and the latencies are
// also printed per label (a mix of chat turns: captures, a question, a list add, undo...).
// "twilio-sms" runs the SMS webhook benchmark instead (TwilioSmsLoad.cs), "people" simulated people through nginx
// (PeopleLoad.cs), "replicas-check" the checks of two replicas behind nginx (ReplicaChecks.cs).
switch (args.Length > 0 ? args[0] : null)
{
    case "twilio-sms":
        return await TwilioSmsLoad.RunAsync(args[1..]);
    case "people":
        return await PeopleLoad.RunAsync(args[1..]);
    case "replicas-check":
        return await ReplicaChecks.RunAsync(args[1..]);
}

var options = LoadOptions.Parse(args);
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
if (options.Token is { } token)
{
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}

await RunAsync(client, options, TimeSpan.FromSeconds(options.WarmupSeconds), record: null);
var latencies = new List<(int Body, double Milliseconds)>[options.Concurrency];
var failures = 0;
var clock = Stopwatch.StartNew();
await RunAsync(client, options, TimeSpan.FromSeconds(options.Seconds), latencies);
var elapsed = clock.Elapsed.TotalSeconds;

var all = latencies.SelectMany(l => l).Select(l => l.Milliseconds).Order().ToArray();
failures = Failures.Count;
var line = string.Create(CultureInfo.InvariantCulture,
    $"{options.Label}: {all.Length / elapsed:F0} req/s, p50 {Percentile(all, 0.50):F2} ms, p95 {Percentile(all, 0.95):F2} ms, p99 {Percentile(all, 0.99):F2} ms, {all.Length} requests, {failures} non-2xx, concurrency {options.Concurrency}, {elapsed:F1} s");
Console.WriteLine(line);
if (options.Bodies.Count > 1)
{
    foreach (var group in latencies.SelectMany(l => l).GroupBy(l => options.Bodies[l.Body].Label).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var sorted = group.Select(l => l.Milliseconds).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {group.Key}: {sorted.Length} requests, p50 {Percentile(sorted, 0.50):F2} ms, p95 {Percentile(sorted, 0.95):F2} ms, p99 {Percentile(sorted, 0.99):F2} ms"));
    }
}

return failures == 0 ? 0 : 1;

static async Task RunAsync(HttpClient client, LoadOptions options, TimeSpan duration, List<(int Body, double Milliseconds)>[]? record)
{
    using var stop = new CancellationTokenSource(duration);
    var workers = Enumerable.Range(0, options.Concurrency).Select(async worker =>
    {
        var mine = new List<(int Body, double Milliseconds)>(capacity: 100_000);
        var next = worker;
        if (record is not null)
        {
            record[worker] = mine;
        }

        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(new HttpMethod(options.Method), options.Targets[worker % options.Targets.Count]);
            if (options.Header is { } header)
            {
                request.Headers.TryAddWithoutValidation(header[..header.IndexOf(':', StringComparison.Ordinal)].Trim(), header[(header.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            }

            if (options.Tokens.Count > 0)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Tokens[worker % options.Tokens.Count]);
            }

            var body = options.Bodies.Count == 0 ? -1 : next++ % options.Bodies.Count;
            if (body >= 0)
            {
                request.Content = new StringContent(options.Bodies[body].Json, Encoding.UTF8, "application/json");
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (record is null)
            {
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                mine.Add((Math.Max(body, 0), milliseconds));
            }
            else
            {
                Failures.Add((int)response.StatusCode);
            }
        }
    });
    await Task.WhenAll(workers);
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

internal static class Failures
{
    private static int _count;

    public static int Count => _count;

    public static void Add(int status)
    {
        if (Interlocked.Increment(ref _count) == 1)
        {
            Console.Error.WriteLine($"First non-2xx status: {status}");
        }
    }
}

internal sealed record LoadOptions(string Url, int Concurrency, int Seconds, int WarmupSeconds, string? Token, string Method, string? Body, string Label)
{
    public string? Header { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [Url];

    public IReadOnlyList<string> Tokens { get; init; } = [];

    public IReadOnlyList<(string Label, string Json)> Bodies { get; init; } = [];

    public static LoadOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("Usage: PersonalAssistant.LoadTest <url> [--concurrency 32] [--seconds 10] [--warmup 3] [--token JWT] [--method GET] [--body JSON] [--label name]");
        }

        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var body = Value("--body");
        return new LoadOptions(args[0], Number("--concurrency", 32), Number("--seconds", 10), Number("--warmup", 3), Value("--token"),
            Value("--method") ?? "GET", body, Value("--label") ?? args[0])
        {
            Header = Value("--header"),
            Targets = Value("--urls") is { } file ? File.ReadAllLines(file).Where(l => l.Length > 0).ToList() : [args[0]],
            Tokens = Value("--tokens") is { } tokens ? File.ReadAllLines(tokens).Where(l => l.Length > 0).ToList() : [],
            Bodies = Value("--bodies") is { } bodies
                ? File.ReadAllLines(bodies).Where(l => l.Contains('\t', StringComparison.Ordinal)).Select(l => (l[..l.IndexOf('\t', StringComparison.Ordinal)], l[(l.IndexOf('\t', StringComparison.Ordinal) + 1)..])).ToList()
                : body is null ? [] : [(string.Empty, body)],
        };
    }
}
