using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// The checks of two replicas behind nginx that need a client library (scripts/test-replicas.sh runs the TLS, header,
/// rate-limit and Prometheus ones with curl): HTTP/2 through nginx, the hub over WebSockets through nginx, a session
/// revoked on replica 1 refused by replica 2 (directly, then through nginx), a hub event caused on replica 1 reaching a
/// client of replica 2 (the Redis backplane), and a reminder due during the run delivered exactly once although both
/// replicas dispatch. Prints one "PASS name: why" or "FAIL name: why" line per check; exits 1 when any failed.
/// Waits poll with a deadline (60 s by default) and fail only at the deadline.
/// Usage: PersonalAssistant.LoadTest replicas-check --edge https://127.0.0.1:PORT --replica1 http://127.0.0.1:P1
///        --replica2 http://127.0.0.1:P2 --cert nginx/tls/fullchain.pem [--deadline 60] [--reminder-in 20]
/// </summary>
internal static class ReplicaChecks
{
    private static readonly string[] WebOnly = ["web"];

    private static int _failed;

    public static async Task<int> RunAsync(string[] args)
    {
        string Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} is required");
        string? Optional(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        AssistantApi.PinFrom(args);
        var edgeUrl = Value("--edge");
        var replica1Url = Value("--replica1");
        var replica2Url = Value("--replica2");
        var deadline = TimeSpan.FromSeconds(int.Parse(Optional("--deadline") ?? "60", CultureInfo.InvariantCulture));
        var reminderIn = TimeSpan.FromSeconds(int.Parse(Optional("--reminder-in") ?? "20", CultureInfo.InvariantCulture));

        using var edge = AssistantApi.Client(edgeUrl);
        using var replica1 = AssistantApi.Client(replica1Url);
        using var replica2 = AssistantApi.Client(replica2Url);
        var run = Guid.NewGuid().ToString("N")[..8];

        // One person for everything but the revocations; signed up on replica 1 (the sign-in limit counts per address).
        var email = $"replicas-{run}@example.test";
        var token = await AssistantApi.SignUpAsync(replica1, email);

        // The reminder first: it fires while the other checks run.
        var dueAt = DateTimeOffset.UtcNow + reminderIn;
        var reminder = await AssistantApi.SendJsonAsync(replica1, HttpMethod.Post, "api/v1/reminders", token,
            new { text = $"replica check {run}", when = dueAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), channels = WebOnly });
        var reminderId = reminder.GetProperty("id").GetString()!;
        // Hub clients on both replicas count the "notification" events of this reminder.
        var notified = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var watch1 = AssistantApi.Hub(replica1Url, token);
        await using var watch2 = AssistantApi.Hub(replica2Url, token);
        foreach (var (name, hub) in new[] { ("replica 1", watch1), ("replica 2", watch2) })
        {
            hub.On<JsonElement>("notification", n =>
            {
                if (n.TryGetProperty("reminderId", out var id) && id.GetString() == reminderId)
                {
                    notified.AddOrUpdate(name, 1, (_, c) => c + 1);
                }
            });
            await hub.StartAsync();
        }

        await Check("HTTP/2 through nginx", async () =>
        {
            using var response = await edge.GetAsync("health/live");
            return response.Version == HttpVersion.Version20 && response.IsSuccessStatusCode
                ? (true, $"GET /health/live answered {(int)response.StatusCode} over HTTP/{response.Version}")
                : (false, $"GET /health/live answered {(int)response.StatusCode} over HTTP/{response.Version}");
        });

        await Check("hub over WebSocket through nginx", async () =>
        {
            await using var hub = AssistantApi.Hub(edgeUrl, token);
            var completed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.On<JsonElement>("turnCompleted", e => completed.TrySetResult(e));
            await hub.StartAsync();
            var conversation = await AssistantApi.NewConversationAsync(edge, token);
            await AssistantApi.SendJsonAsync(edge, HttpMethod.Post, $"api/v1/conversations/{conversation}/messages", token, new { text = "buy milk tomorrow" });
            var clock = Stopwatch.StartNew();
            var done = await Task.WhenAny(completed.Task, Task.Delay(deadline)) == completed.Task;
            return done
                ? (true, $"connected over WebSockets (wss through nginx), turnCompleted received {clock.ElapsedMilliseconds} ms after the turn was accepted")
                : (false, $"no turnCompleted within {deadline.TotalSeconds} s (state {hub.State})");
        });

        await Check("hub event crosses replicas (Redis backplane)", async () =>
        {
            await using var hub = AssistantApi.Hub(replica2Url, token);
            var completed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.On<JsonElement>("turnCompleted", e => completed.TrySetResult(e));
            await hub.StartAsync();
            var conversation = await AssistantApi.NewConversationAsync(replica1, token);
            await AssistantApi.SendJsonAsync(replica1, HttpMethod.Post, $"api/v1/conversations/{conversation}/messages", token, new { text = "call the dentist friday" });
            var clock = Stopwatch.StartNew();
            if (await Task.WhenAny(completed.Task, Task.Delay(deadline)) != completed.Task)
            {
                return (false, $"a client of replica 2 received no turnCompleted within {deadline.TotalSeconds} s for a turn sent to replica 1");
            }

            var about = completed.Task.Result.TryGetProperty("conversationId", out var id) ? id.GetString() : null;
            return about == conversation
                ? (true, $"turn sent to replica 1; its turnCompleted reached the client on replica 2 after {clock.ElapsedMilliseconds} ms")
                : (false, $"turnCompleted was about conversation {about}, not {conversation}");
        });

        await Check("session revoked on replica 1 is refused by replica 2", () => Revocation(replica1, replica2, replica2, $"revoke-{run}@example.test", deadline, "replica 2 directly"));
        await Check("session revoked on replica 1 is refused through nginx", () => Revocation(replica1, replica1, edge, $"revoke-edge-{run}@example.test", deadline, "nginx (both replicas)"));

        await Check("reminder delivered once by two dispatching replicas", async () =>
        {
            // Until the first delivery (due + the deadline), then 15 s more for a second one to show up: both
            // replicas' dispatchers look every 2 s, so a double delivery would appear within that window.
            var clock = Stopwatch.StartNew();
            var firstSeen = TimeSpan.Zero;
            JsonElement last = default;
            var limit = reminderIn + deadline;
            while (true)
            {
                last = await AssistantApi.SendJsonAsync(replica2, HttpMethod.Get, $"api/v1/reminders/{reminderId}", token);
                var count = last.GetProperty("deliveries").GetArrayLength();
                if (count > 0 && firstSeen == TimeSpan.Zero)
                {
                    firstSeen = clock.Elapsed;
                }

                if (count > 1 || (firstSeen != TimeSpan.Zero && clock.Elapsed - firstSeen > TimeSpan.FromSeconds(15)) || (firstSeen == TimeSpan.Zero && clock.Elapsed > limit))
                {
                    break;
                }

                await Task.Delay(500);
            }

            var deliveries = last.GetProperty("deliveries");
            var notifications = await AssistantApi.SendJsonAsync(replica1, HttpMethod.Get, "api/v1/notifications", token);
            var rows = notifications.GetProperty("items").EnumerateArray().Count(n => n.TryGetProperty("reminderId", out var id) && id.GetString() == reminderId);
            var events = $"hub events: replica 1 {notified.GetValueOrDefault("replica 1")}, replica 2 {notified.GetValueOrDefault("replica 2")}";
            if (deliveries.GetArrayLength() != 1)
            {
                return (false, $"{deliveries.GetArrayLength()} delivery rows for one occurrence (due {dueAt:HH:mm:ss}Z); {rows} notifications; {events}");
            }

            var delivery = deliveries[0];
            var ok = rows == 1 && notified.GetValueOrDefault("replica 1") == 1 && notified.GetValueOrDefault("replica 2") == 1;
            return (ok, $"1 delivery row ({delivery.GetProperty("channel").GetString()}, {delivery.GetProperty("outcome").GetString()}, late by {delivery.GetProperty("lateBySeconds").GetInt64()} s), "
                + $"{rows} notification, {events} (one per connection), none more in the 15 s after");
        });

        Console.WriteLine($"replica checks: {_failed} failed");
        return _failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// A new person signs in (on <paramref name="signIn"/>), is served by <paramref name="observer"/>, signs out on
    /// replica 1 (<paramref name="revoker"/>); the token must then be refused by <paramref name="observer"/> with 401,
    /// three times in a row (through nginx the requests spread over both replicas).
    /// </summary>
    private static async Task<(bool, string)> Revocation(HttpClient revoker, HttpClient signIn, HttpClient observer, string email, TimeSpan deadline, string where)
    {
        var token = await AssistantApi.SignUpAsync(signIn, email);
        using (var before = AssistantApi.Request(HttpMethod.Get, "api/v1/users/me", token))
        using (var served = await observer.SendAsync(before))
        {
            if (served.StatusCode != HttpStatusCode.OK)
            {
                return (false, $"{where} answered {(int)served.StatusCode} before the revocation");
            }
        }

        using (var logout = AssistantApi.Request(HttpMethod.Post, "api/v1/auth/logout", token))
        using (var answer = await revoker.SendAsync(logout))
        {
            await AssistantApi.EnsureAsync(answer, "logout on replica 1", CancellationToken.None);
        }

        var clock = Stopwatch.StartNew();
        var refusedInARow = 0;
        while (clock.Elapsed < deadline)
        {
            using var request = AssistantApi.Request(HttpMethod.Get, "api/v1/users/me", token);
            using var response = await observer.SendAsync(request);
            refusedInARow = response.StatusCode == HttpStatusCode.Unauthorized ? refusedInARow + 1 : 0;
            if (refusedInARow == 3)
            {
                return (true, $"signed out on replica 1; {where} answered 401 from {clock.ElapsedMilliseconds} ms on (3 in a row)");
            }

            await Task.Delay(200);
        }

        return (false, $"{where} still served the revoked session after {deadline.TotalSeconds} s");
    }

    private static async Task Check(string name, Func<Task<(bool Ok, string Why)>> check)
    {
        (bool Ok, string Why) result;
        try
        {
            result = await check();
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or JsonException or KeyNotFoundException or TaskCanceledException or IOException)
        {
            result = (false, $"{e.GetType().Name}: {e.Message}");
        }

        if (!result.Ok)
        {
            _failed++;
        }

        Console.WriteLine($"{(result.Ok ? "PASS" : "FAIL")} {name}: {result.Why}");
    }
}
