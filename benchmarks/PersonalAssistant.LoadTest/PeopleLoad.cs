using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

/// <summary>
/// Simulated people through nginx (scripts/load-replicas.sh, docs/benchmarks.md "Two replicas behind nginx"): each
/// person has their own client address (127.0.1.1, 127.0.1.2...: nginx's and the host's per-address limits see
/// separate people, as in real life) and their own HTTP/2 connection; signs up and in once, then loops with no think
/// time: read today (events of the day, the next task, reminders), capture by chat (a turn that waits for its reply),
/// read the reply (the last messages). Prints throughput, p50/p99 per step and errors by step and status.
/// Usage: PersonalAssistant.LoadTest people BASE --cert nginx/tls/fullchain.pem [--people 200] [--seconds 120] [--warmup 10] [--label name]
/// </summary>
internal static class PeopleLoad
{
    private static readonly string[] Captures =
    [
        "buy milk tomorrow",
        "call the dentist on friday at 10am",
        "remind me in 2 hours to take the laundry out",
        "note: the car is parked on level 3",
        "add bananas to the grocery list",
        "pay the electricity bill next monday",
    ];

    private static readonly string[] Steps = ["today", "capture", "reply"];

    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        AssistantApi.PinFrom(args);
        var baseUrl = args[0];
        var people = Number("--people", 200);
        var seconds = Number("--seconds", 120);
        var warmup = Number("--warmup", 10);
        var label = Value("--label") ?? baseUrl;
        var run = Guid.NewGuid().ToString("N")[..8];

        // One client per person, from their own loopback address (at most 250 * 250 people).
        var clients = Enumerable.Range(0, people)
            .Select(i => AssistantApi.Client(baseUrl, connections: 2, new IPAddress([127, (byte)(1 + (i / 250)), (byte)(1 + (i % 250)), 1])))
            .ToArray();
        try
        {
            var signUp = Stopwatch.StartNew();
            var tokens = new string[people];
            var conversations = new string[people];
            await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
            {
                tokens[i] = await AssistantApi.SignUpAsync(clients[i], $"person-{run}-{i}@example.test", cancellationToken);
                conversations[i] = await AssistantApi.NewConversationAsync(clients[i], tokens[i], cancellationToken);
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {people} people signed up and in, {signUp.Elapsed.TotalSeconds:F1} s"));

            await LoopAsync(clients, tokens, conversations, TimeSpan.FromSeconds(warmup), record: null);
            var latencies = Steps.ToDictionary(s => s, _ => new ConcurrentBag<double>(), StringComparer.Ordinal);
            var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var clock = Stopwatch.StartNew();
            await LoopAsync(clients, tokens, conversations, TimeSpan.FromSeconds(seconds), (latencies, errors));
            var elapsed = clock.Elapsed.TotalSeconds;

            var loops = latencies["reply"].Count;
            var requests = (latencies["today"].Count * 3) + latencies["capture"].Count + loops;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {people} people, {elapsed:F0} s: {loops / elapsed:F1} loops/s, {requests / elapsed:F0} requests/s (successful), {errors.Values.Sum()} errors"));
            foreach (var step in Steps)
            {
                var sorted = latencies[step].Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {step,-8} {sorted.Length,7} done, {sorted.Length / elapsed,7:F1}/s, p50 {Percentile(sorted, 0.50),8:F1} ms, p99 {Percentile(sorted, 0.99),8:F1} ms, max {(sorted.Length == 0 ? 0 : sorted[^1]),8:F1} ms"));
            }

            foreach (var (what, count) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  error {what}: {count}");
            }

            return errors.IsEmpty ? 0 : 1;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Every person loops until the time is up.</summary>
    private static async Task LoopAsync(HttpClient[] clients, string[] tokens, string[] conversations, TimeSpan duration,
        (Dictionary<string, ConcurrentBag<double>> Latencies, ConcurrentDictionary<string, int> Errors)? record)
    {
        using var stop = new CancellationTokenSource(duration);
        var today = DateTimeOffset.UtcNow.Date;
        var from = Uri.EscapeDataString(today.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(today.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            var next = i;
            while (!stop.IsCancellationRequested)
            {
                // Read today: what the Today page asks for.
                var ok = await SendAllAsync(client, tokens[i], "today", record,
                    (HttpMethod.Get, $"api/v1/events?from={from}&to={to}", null),
                    (HttpMethod.Get, "api/v1/tasks/next", null),
                    (HttpMethod.Get, "api/v1/reminders", null));
                ok &= await SendAllAsync(client, tokens[i], "capture", record,
                    (HttpMethod.Post, $"api/v1/conversations/{conversations[i]}/messages", Captures[next++ % Captures.Length]));
                ok &= await SendAllAsync(client, tokens[i], "reply", record,
                    (HttpMethod.Get, $"api/v1/conversations/{conversations[i]}/messages?limit=20", null));
                if (!ok)
                {
                    await Task.Delay(100); // an error answer comes back at once: do not spin on it
                }
            }
        }));
    }

    private static async Task<bool> SendAllAsync(HttpClient client, string token, string step,
        (Dictionary<string, ConcurrentBag<double>> Latencies, ConcurrentDictionary<string, int> Errors)? record, params (HttpMethod Method, string Path, string? Text)[] calls)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var (method, path, text) in calls)
        {
            string? failure;
            try
            {
                using var request = AssistantApi.Request(method, path, token, text is null ? null : new { text });
                if (text is not null)
                {
                    request.Headers.TryAddWithoutValidation("Prefer", "wait=30");
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                // A turn whose reply did not come within the wait answers 202: an error for this measurement.
                failure = response.StatusCode == HttpStatusCode.OK ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                failure = e.GetType().Name;
            }

            if (failure is not null)
            {
                record?.Errors.AddOrUpdate($"{step} {failure}", 1, (_, c) => c + 1);
                return false;
            }
        }

        record?.Latencies[step].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
