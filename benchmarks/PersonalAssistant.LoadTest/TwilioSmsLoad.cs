using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// The SMS webhook benchmark (docs/benchmarks.md, "SMS webhook"): posts signed texts to <c>/webhooks/twilio/sms</c> as
/// Twilio does, open loop at a fixed rate (a request every 1/rate s whatever the answers), from a list of verified
/// numbers in turn; and plays Twilio's REST API on loopback, where the host sends its replies. Prints the time to the
/// TwiML answer (p50, p99, max), errors, and the time from each webhook to the first part of its reply reaching the REST
/// API (matched per number, in order: each number texts once every numbers/rate seconds, long after its last reply).
/// Usage: PersonalAssistant.LoadTest twilio-sms BASE --numbers FILE --fake-port PORT [--rate 200] [--seconds 60]
///        [--auth-token T] [--account-sid AC…] [--to +1…] [--public-url URL] [--sids FILE] [--drain 60]
/// </summary>
internal static class TwilioSmsLoad
{
    private const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response></Response>""";

    private static readonly string[] Texts =
    [
        "remind me at 2 pm to call mom",
        "buy milk and eggs",
        "what do I have today?",
        "note: the car is on level 3",
        "rappelle-moi demain à 9h de payer le loyer",
        "add bananas to the grocery list",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var baseUrl = args[0].TrimEnd('/');
        var numbers = File.ReadAllLines(Value("--numbers") ?? throw new ArgumentException("--numbers FILE is required")).Where(l => l.Length > 0).ToArray();
        var fakePort = int.Parse(Value("--fake-port") ?? throw new ArgumentException("--fake-port is required"), CultureInfo.InvariantCulture);
        var rate = int.Parse(Value("--rate") ?? "200", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Value("--seconds") ?? "60", CultureInfo.InvariantCulture);
        var drain = int.Parse(Value("--drain") ?? "60", CultureInfo.InvariantCulture);
        var token = Value("--auth-token") ?? "bench-auth-token-0123456789abcdef";
        var account = Value("--account-sid") ?? "AC0123456789abcdef0123456789abcdef";
        var to = Value("--to") ?? "+15145550100";
        var signedUrl = (Value("--public-url") ?? "https://bench.example.org").TrimEnd('/') + "/webhooks/twilio/sms";

        var replies = new ConcurrentDictionary<string, ConcurrentQueue<long>>(StringComparer.Ordinal);
        var parts = 0;
        await using var fake = await StartFakeTwilioAsync(fakePort, account, (number, body, at) =>
        {
            Interlocked.Increment(ref parts);
            if (!body.StartsWith('(') || body.StartsWith("(1/", StringComparison.Ordinal))
            {
                replies.GetOrAdd(number, _ => new ConcurrentQueue<long>()).Enqueue(at);
            }
        });

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var sent = new ConcurrentDictionary<string, ConcurrentQueue<long>>(StringComparer.Ordinal);
        var answers = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var sids = new ConcurrentBag<string>();

        // Warm-up: one text from every number, paced, not measured (JIT, connection pools, each person's conversation).
        // Every warm-up reply must be in before the measured texts go, or they would be matched with the wrong texts.
        var warmUp = Stopwatch.StartNew();
        await SendAllAsync(numbers.Length, Math.Min(rate, 50), record: false);
        while (replies.Values.Sum(q => q.Count) < numbers.Length && warmUp.Elapsed < TimeSpan.FromSeconds(drain))
        {
            await Task.Delay(200);
        }

        var warmReplies = replies.Values.Sum(q => q.Count);
        replies.Clear();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Warm-up: {numbers.Length} texts, {warmReplies} replies in {warmUp.Elapsed.TotalSeconds:F1} s"));
        if (warmReplies < numbers.Length)
        {
            Console.WriteLine("Not every warm-up text was answered: the host is too slow for the measured round to mean anything.");
            return 1;
        }

        var total = rate * seconds;
        var clock = Stopwatch.StartNew();
        await SendAllAsync(total, rate, record: true);
        var sendSeconds = clock.Elapsed.TotalSeconds;

        // Wait for every reply (or the drain limit).
        var drainUntil = Stopwatch.GetTimestamp() + (long)(drain * Stopwatch.Frequency);
        while (replies.Values.Sum(q => q.Count) < sids.Count && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(200);
        }

        if (Value("--sids") is { } sidFile)
        {
            await File.WriteAllLinesAsync(sidFile, sids);
        }

        var twiml = answers.Order().ToArray();
        var delays = new List<double>();
        foreach (var (number, times) in sent)
        {
            var answered = replies.TryGetValue(number, out var queue) ? queue.ToArray() : [];
            var asked = times.ToArray();
            for (var i = 0; i < Math.Min(asked.Length, answered.Length); i++)
            {
                delays.Add(Stopwatch.GetElapsedTime(asked[i], answered[i]).TotalMilliseconds);
            }
        }

        var waited = delays.Order().ToArray();
        var replied = replies.Values.Sum(q => q.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Webhook: {twiml.Length} signed texts in {sendSeconds:F1} s ({twiml.Length / sendSeconds:F0}/s, target {rate}/s), {errors.Count} errors; time to the TwiML answer p50 {P(twiml, 0.50):F2} ms, p99 {P(twiml, 0.99):F2} ms, max {P(twiml, 1):F2} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Replies: {replied} of {sids.Count} texts answered ({parts} parts sent in all, warm-up included); webhook to the reply's send call p50 {P(waited, 0.50):F0} ms, p99 {P(waited, 0.99):F0} ms, max {P(waited, 1):F0} ms"));
        foreach (var error in errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine($"  error: {error.Key} × {error.Count()}");
        }

        return errors.IsEmpty && replied == sids.Count ? 0 : 1;

        async Task SendAllAsync(int count, int perSecond, bool record)
        {
            var started = Stopwatch.GetTimestamp();
            var inFlight = new List<Task>(count);
            for (var i = 0; i < count; i++)
            {
                // Open loop: request i leaves at i/rate s after the start, whether or not the earlier ones were answered.
                var due = started + (long)(i * (double)Stopwatch.Frequency / perSecond);
                while (Stopwatch.GetTimestamp() < due)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.FromMilliseconds(2))
                    {
                        await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                    }
                    else
                    {
                        Thread.SpinWait(50);
                    }
                }

                var from = numbers[i % numbers.Length];
                var body = Texts[(i / numbers.Length + i) % Texts.Length];
                inFlight.Add(PostAsync(from, body, record));
            }

            await Task.WhenAll(inFlight);
        }

        async Task PostAsync(string from, string body, bool record)
        {
            var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var form = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["AccountSid"] = account,
                ["ApiVersion"] = "2010-04-01",
                ["Body"] = body,
                ["From"] = from,
                ["MessageSid"] = sid,
                ["NumMedia"] = "0",
                ["NumSegments"] = "1",
                ["SmsSid"] = sid,
                ["To"] = to,
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/webhooks/twilio/sms") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("X-Twilio-Signature", Sign(token, signedUrl, form));
            var started = Stopwatch.GetTimestamp();
            if (record)
            {
                sent.GetOrAdd(from, _ => new ConcurrentQueue<long>()).Enqueue(started);
            }

            try
            {
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!record)
                {
                    return;
                }

                answers.Add(milliseconds);
                sids.Add(sid);
                if (response.StatusCode != HttpStatusCode.OK || text != EmptyTwiml)
                {
                    errors.Add($"HTTP {(int)response.StatusCode}");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                if (record)
                {
                    errors.Add(exception.GetType().Name);
                }
            }
        }
    }

    /// <summary>Twilio's signature: base64 HMAC-SHA1 keyed with the auth token over the URL then each name and value, sorted by name.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Twilio signs webhooks with HMAC-SHA1; the benchmark signs as Twilio does.")]
    private static string Sign(string token, string url, Dictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>Twilio's message create call on loopback: records the arrival (number, body, timestamp) and answers 201 like Twilio.</summary>
    private static async Task<WebApplication> StartFakeTwilioAsync(int port, string account, Action<string, string, long> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", async (string accountSid, HttpContext context) =>
        {
            var at = Stopwatch.GetTimestamp();
            var form = await context.Request.ReadFormAsync();
            var (to, body) = (form["To"].ToString(), form["Body"].ToString());
            received(to, body, at);
            var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            return Results.Json(
                new Dictionary<string, object?>
                {
                    ["sid"] = sid,
                    ["account_sid"] = account,
                    ["api_version"] = "2010-04-01",
                    ["body"] = body,
                    ["direction"] = "outbound-api",
                    ["error_code"] = null,
                    ["error_message"] = null,
                    ["from"] = form["From"].ToString(),
                    ["num_media"] = "0",
                    ["num_segments"] = "1",
                    ["price"] = null,
                    ["price_unit"] = "USD",
                    ["status"] = "queued",
                    ["to"] = to,
                    ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json",
                },
                statusCode: 201);
        });
        await app.StartAsync();
        return app;
    }

    private static double P(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
