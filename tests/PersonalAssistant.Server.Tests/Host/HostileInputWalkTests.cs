using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PersonalAssistant.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>
/// What an attack run does, on every run: walks every operation of the host's own OpenAPI document as a signed-in
/// administrator (so admin handlers run, not only their 403) and sends hostile values for each path parameter,
/// query parameter and body field, by the field's type: edge dates, huge and negative numbers, nulls inside arrays,
/// wrong JSON types, long and odd Unicode, bad RRULEs and zones. Each answer must be below 500 and a 4xx a problem
/// document. Time is not a pass mark on a shared machine: only an input that keeps the host busy for seconds (an
/// expansion or a pattern gone wild) fails, on a second try too; the slowest answers are printed. Hostile bodies go to real items
/// (the walk creates one of each kind first) as well as to unknown ids, so update paths run to the end.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class HostileInputWalkTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(5);

    private readonly AssistantApp _app = new();
    private readonly Dictionary<string, string> _realIds = new(StringComparer.Ordinal);
    private TestUser _admin = null!;
    private TestUser _person = null!;
    private HttpClient _client = null!;
    private JsonObject _schemas = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _admin = await Accounts.RegisterAndLoginAsync(_app);
        _person = await Accounts.RegisterAndLoginAsync(_app);
        _client = _admin.Client(_app);
        _client.Timeout = TimeSpan.FromSeconds(30);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    [Fact]
    public async Task EveryOperation_WithHostileValues_AnswersBelow500WithinASecond()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        _schemas = document["components"]!["schemas"]!.AsObject();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 100, $"Expected the whole API, found {operations.Count} operations.");
        await CreateOneOfEachAsync(operations);

        var failures = new List<string>();
        var timings = new List<(TimeSpan Elapsed, string Probe)>();
        var requests = 0;
        foreach (var operation in operations)
        {
            foreach (var probe in Probes(operation))
            {
                requests++;
                var (status, elapsed, problem) = await SendAsync(probe);
                if (elapsed > Stuck && status < 500)
                {
                    (status, elapsed, problem) = await SendAsync(probe);
                }

                timings.Add((elapsed, probe.ToString()));
                if (status >= 500 || elapsed > Stuck)
                {
                    failures.Add($"{status} in {elapsed.TotalMilliseconds:F0} ms: {probe}");
                }
                else if (status >= 400 && !problem)
                {
                    failures.Add($"{status} without a problem body: {probe}");
                }
            }
        }

        output.WriteLine($"{operations.Count} operations, {requests} requests, {failures.Count} failures. Slowest:");
        foreach (var (elapsed, probe) in timings.OrderByDescending(t => t.Elapsed).Take(5))
        {
            output.WriteLine($"  {elapsed.TotalMilliseconds:F0} ms: {probe}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} hostile requests failed:\n{string.Join('\n', failures.Take(60))}");
    }

    private async Task<(int Status, TimeSpan Elapsed, bool Problem)> SendAsync(Probe probe)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = probe.ToRequest();
            var clock = Stopwatch.StartNew();
            int status;
            bool problem;
            try
            {
                using var response = await _client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                status = (int)response.StatusCode;
                // Kestrel itself refuses some requests (a NUL in the path) before the app runs, with a bare 400;
                // everything that reached the app (it carries the request id) must explain itself as a problem.
                problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" || !response.Headers.Contains("X-Request-Id");
            }
            catch (TaskCanceledException)
            {
                return (599, clock.Elapsed, false);
            }

            var elapsed = clock.Elapsed;
            // A probe that ended the walker's own session (sign-out, "end all sessions") is followed by a fresh
            // sign-in, and a request refused for that reason is sent again signed in.
            if (attempt == 0 && (status == 401 || probe.MayEndSession) && !await SignedInAsync())
            {
                await SignInAgainAsync();
                if (status == 401)
                {
                    continue;
                }
            }

            return (status, elapsed, problem);
        }
    }

    private async Task<bool> SignedInAsync()
    {
        using var response = await _client.GetAsync("/api/v1/users/me");
        return response.StatusCode != HttpStatusCode.Unauthorized;
    }

    private async Task SignInAgainAsync()
    {
        _admin = await Accounts.LoginAsync(_app, _admin.Email, _admin.Password, _admin.Id);
        _client.DefaultRequestHeaders.Authorization = new("Bearer", _admin.AccessToken);
    }

    /// <summary>One real item per collection (POST with a plausible body), so hostile updates reach real rows.</summary>
    private async Task CreateOneOfEachAsync(List<Operation> operations)
    {
        _realIds["users"] = _person.Id.ToString();
        foreach (var create in operations.Where(o => o.Method == "POST" && o.Body is not null && !o.Path.Contains("/auth/", StringComparison.Ordinal)
            && operations.Any(other => other.Path == o.Path + "/{id}" || other.Path == o.Path + "/{itemId}")))
        {
            var path = FillPath(create.Path, real: true);
            using var response = await _client.PostAsync(path, JsonBody(Plausible(create.Body!, depth: 0)));
            if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync()) is JsonObject created
                && created["id"]?.GetValue<JsonElement>().ToString() is { Length: > 0 } id)
            {
                _realIds[create.Path.Split('/')[^1]] = id;
            }
        }

        Assert.True(_realIds.ContainsKey("tasks") && _realIds.ContainsKey("reminders") && _realIds.ContainsKey("events"),
            $"The walk could not create its items: {string.Join(", ", _realIds.Keys)}");
    }

    private IEnumerable<Probe> Probes(Operation operation)
    {
        var plausibleBody = operation.Body is null ? null : Plausible(operation.Body, depth: 0);
        var realPath = FillPath(operation.Path, real: true);

        // Path parameters: each one hostile in turn, the others real.
        foreach (var parameter in operation.PathParameters)
        {
            foreach (var value in HostilePathValues(parameter.Name))
            {
                var path = FillPath(operation.Path, real: true, hostileName: parameter.Name, hostileValue: value);
                yield return new Probe(operation, path, plausibleBody?.ToJsonString(), operation.ContentType);
            }
        }

        // Query parameters: each one hostile in turn.
        foreach (var parameter in operation.QueryParameters)
        {
            foreach (var value in HostileQueryValues(parameter))
            {
                yield return new Probe(operation, $"{realPath}?{parameter.Name}={Uri.EscapeDataString(value)}", plausibleBody?.ToJsonString(),
                    operation.ContentType);
            }
        }

        if (operation.ContentType == "text/calendar")
        {
            foreach (var calendar in HostileCalendars())
            {
                yield return new Probe(operation, realPath, calendar, operation.ContentType);
            }

            yield break;
        }

        if (operation.Body is null)
        {
            yield return new Probe(operation, realPath, null, null);
            yield break;
        }

        // Whole bodies that are not what the operation reads.
        foreach (var body in new[] { "", "null", "[]", "\"text\"", "{", "{\"a\":", new string('[', 5000), "{}" })
        {
            yield return new Probe(operation, realPath, body, operation.ContentType);
        }

        // Each field hostile in turn, the others plausible; on a real item and on an unknown one.
        var schema = Resolve(operation.Body);
        var unknownPath = FillPath(operation.Path, real: false);
        foreach (var (name, fieldSchema) in Properties(schema))
        {
            foreach (var value in HostileValues(name, fieldSchema, depth: 0))
            {
                var body = plausibleBody!.DeepClone().AsObject();
                body[name] = value?.DeepClone();
                var text = body.ToJsonString();
                yield return new Probe(operation, realPath, text, operation.ContentType);
                if (unknownPath != realPath)
                {
                    yield return new Probe(operation, unknownPath, text, operation.ContentType);
                }
            }
        }
    }

    private string FillPath(string template, bool real, string? hostileName = null, string? hostileValue = null)
    {
        var segments = template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
            {
                continue;
            }

            var name = segments[i].Trim('{', '}');
            segments[i] = name == hostileName
                ? Uri.EscapeDataString(hostileValue!)
                : name switch
                {
                    "role" => "member",
                    "start" => "2027-01-10T10:00:00",
                    "itemId" => real && _realIds.TryGetValue("items", out var item) ? item : Guid.NewGuid().ToString(),
                    _ => real && _realIds.TryGetValue(segments[i - 1], out var id) ? id : Guid.NewGuid().ToString(),
                };
        }

        return string.Join('/', segments);
    }

    private static IEnumerable<string> HostilePathValues(string name) =>
    [
        Guid.NewGuid().ToString(), "00000000-0000-0000-0000-000000000000", "not-a-guid", "-1", "99999999999999999999",
        new string('a', 3000), "\u0000", "..", "%2e%2e", "💥", name == "start" ? "9999-12-31T23:59:59" : "0001-01-01T00:00:00",
    ];

    private static IEnumerable<string> HostileQueryValues(Parameter parameter)
    {
        string[] common = ["", "\u0000", new string('z', 3000), "💥\u202e", "' OR 1=1 --", "%", "_", "*"];
        return (parameter.Type, parameter.Format) switch
        {
            ("integer" or "number", _) => [.. common, "-1", "0", "2147483648", "-2147483649", "1e308", "1.5", "abc"],
            ("boolean", _) => [.. common, "yes", "2"],
            _ when parameter.Format is "date-time" or "date" || IsTimeName(parameter.Name) =>
                [.. common, "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2027-02-30", "2027-01-10T10:00", "10000-01-01", "-0001-01-01"],
            (_, "uuid") => [.. common, "not-a-guid", Guid.NewGuid().ToString()],
            _ => [.. common, "9999-99", "2027-13"],
        };
    }

    private static IEnumerable<string> HostileCalendars()
    {
        const string Head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//walk//EN\r\n";
        string Event(string lines) => $"{Head}BEGIN:VEVENT\r\nUID:{Guid.NewGuid()}\r\nSUMMARY:walk\r\n{lines}END:VEVENT\r\nEND:VCALENDAR\r\n";
        foreach (var rule in BadRules)
        {
            yield return Event($"DTSTART:20270110T100000Z\r\nRRULE:{rule}\r\n");
        }

        yield return Event("DTSTART:99991231T235959Z\r\n");
        yield return Event("DTSTART:00010101T000000Z\r\n");
        yield return Event("DTSTART;TZID=Mars/Olympus:20270110T100000\r\n");
        yield return Event("DTSTART:20270110T100000Z\r\nDTEND:20260110T100000Z\r\n");
        yield return Event($"DTSTART:20270110T100000Z\r\nSUMMARY:{new string('x', 100_000)}\r\n");
        yield return Event("DTSTART:20270110T100000Z\r\nEXDATE:garbage\r\n");
        yield return Event("DTSTART:not-a-date\r\n");
        yield return Head + string.Concat(Enumerable.Repeat("BEGIN:VEVENT\r\n", 2000));
        yield return "";
        yield return "not a calendar";
        yield return "\u0000\u0001\u0002";
    }

    private static readonly string[] BadRules =
    [
        "FREQ=DAILY;UNTIL=99991231T000000Z", "FREQ=YEARLY;INTERVAL=2147483647", "FREQ=YEARLY;BYYEARDAY=366;BYMONTHDAY=31;BYMONTH=2",
        "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2;COUNT=10", "FREQ=DAILY;BYHOUR=" + string.Join(',', Enumerable.Range(0, 24)) + ";BYMINUTE="
        + string.Join(',', Enumerable.Range(0, 60)), "FREQ=DAILY;BYSECOND=" + string.Join(',', Enumerable.Range(0, 60)), "FREQ=SECONDLY",
        "FREQ=DAILY;COUNT=-1", "FREQ=DAILY;INTERVAL=0", "FREQ=WEEKLY;BYDAY=XX", "FREQ=DAILY;UNTIL=00010101T000000Z", "garbage", "",
    ];

    /// <summary>Hostile JSON values for a field, by its schema type and, for strings, what its name says it holds.</summary>
    private IEnumerable<JsonNode?> HostileValues(string name, JsonObject schema, int depth)
    {
        schema = Resolve(schema);
        var type = TypeOf(schema);
        yield return null;
        yield return JsonValue.Create(true);
        yield return new JsonObject();
        switch (type)
        {
            case "integer" or "number":
                foreach (var number in new double[] { 0, -1, -2147483649, 2147483648, 9007199254740993, 1e308, 1.5 })
                {
                    yield return JsonValue.Create(number);
                }

                yield return JsonValue.Create("12");
                yield break;
            case "boolean":
                yield return JsonValue.Create("true");
                yield return JsonValue.Create(1);
                yield break;
            case "array":
                var items = schema["items"] is JsonObject itemSchema ? Resolve(itemSchema) : new JsonObject();
                yield return new JsonArray((JsonNode?)null);
                yield return new JsonArray(JsonValue.Create(12));
                yield return new JsonArray(new JsonArray(new JsonArray()));
                yield return JsonValue.Create("text");
                yield return new JsonArray([.. Enumerable.Range(0, 2000).Select(_ => Plausible(items, depth + 1))]);
                if (TypeOf(items) == "object" && depth == 0)
                {
                    foreach (var (itemName, itemField) in Properties(items))
                    {
                        foreach (var value in HostileValues(itemName, itemField, depth + 1).Take(12))
                        {
                            var item = Plausible(items, depth + 1)!.AsObject();
                            item[itemName] = value?.DeepClone();
                            yield return new JsonArray(item);
                        }
                    }
                }

                yield break;
            case "object":
                yield return new JsonArray();
                yield return JsonValue.Create("text");
                yield break;
            default:
                foreach (var text in HostileStrings(name, schema))
                {
                    yield return JsonValue.Create(text);
                }

                yield return JsonValue.Create(12);
                yield return new JsonArray(JsonValue.Create("a"));
                yield break;
        }
    }

    private static IEnumerable<string> HostileStrings(string name, JsonObject schema)
    {
        string[] common =
        [
            "", " ", "\u0000", "a\u0000b", new string('a', 20_000), string.Concat(Enumerable.Repeat("💥", 400)), "\u202eevil", "e\u0301\u0301\u0301",
            "<script>alert(1)</script>", "' OR '1'='1", "../../etc/passwd", "{{7*7}}", "\r\nSet-Cookie: a=b",
        ];
        foreach (var text in common)
        {
            yield return text;
        }

        if (IsTimeName(name) || schema["format"]?.GetValue<string>() is "date-time" or "date")
        {
            foreach (var time in new[]
            {
                "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2027-02-30T10:00:00", "2027-01-10T10:00", "2027-01-10T25:00:00",
                "10000-01-01", "-0001-01-01", "2027-01-10T10:00:00+25:00", "every second", "every minute", "in 99999999 years", "P1Y",
            })
            {
                yield return time;
            }
        }

        if (name.Contains("zone", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var zone in new[] { "Mars/Olympus", "../../../etc/localtime", "UTC+99", "Etc/GMT+99", "europe/paris" })
            {
                yield return zone;
            }
        }

        if (name.Contains("rule", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var rule in BadRules)
            {
                yield return rule;
            }
        }

        if (name.Contains("email", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var email in new[] { "a@b", "bob@b.test\u0000", "b\u043eb@b.test", "\"a\"@[127.0.0.1]", "@", "a@" + new string('b', 300) + ".test" })
            {
                yield return email;
            }
        }

        if (name.Contains("phone", StringComparison.OrdinalIgnoreCase) || name.Contains("number", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var phone in new[] { "+1", "+999999999999999999999", "+15555550123;ext=1", "0" })
            {
                yield return phone;
            }
        }

        if (schema["format"]?.GetValue<string>() == "uuid")
        {
            yield return "not-a-guid";
            yield return Guid.NewGuid().ToString();
        }

        if (schema["enum"] is JsonArray)
        {
            yield return "NotAnEnumValue";
        }
    }

    private static bool IsTimeName(string name) =>
        name is "when" or "due" or "start" or "end" or "from" or "to" or "until" or "at" or "before" or "month" or "dueDate"
        || name.EndsWith("At", StringComparison.Ordinal) || name.EndsWith("Until", StringComparison.Ordinal);

    /// <summary>A body an ordinary client would send: the required fields, with believable values.</summary>
    private JsonNode? Plausible(JsonObject schema, int depth)
    {
        schema = Resolve(schema);
        switch (TypeOf(schema))
        {
            case "object":
                var result = new JsonObject();
                var required = schema["required"] is JsonArray list ? list.Select(n => n!.GetValue<string>()).ToHashSet() : [];
                foreach (var (name, field) in Properties(schema))
                {
                    if (required.Contains(name))
                    {
                        result[name] = PlausibleValue(name, Resolve(field), depth);
                    }
                }

                return result;
            default:
                return PlausibleValue("value", schema, depth);
        }
    }

    private JsonNode? PlausibleValue(string name, JsonObject schema, int depth)
    {
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[0]!.DeepClone();
        }

        return TypeOf(schema) switch
        {
            "integer" or "number" => JsonValue.Create(name.Contains("amount", StringComparison.OrdinalIgnoreCase) ? 12.5 : 5),
            "boolean" => JsonValue.Create(false),
            "array" => schema["items"] is JsonObject items && depth < 2 ? new JsonArray(Plausible(items, depth + 1)) : new JsonArray(),
            "object" => depth < 2 ? Plausible(schema, depth + 1) : new JsonObject(),
            _ => JsonValue.Create(PlausibleString(name, schema)),
        };
    }

    private static string PlausibleString(string name, JsonObject schema)
    {
        var lower = name.ToLowerInvariant();
        return lower switch
        {
            _ when schema["format"]?.GetValue<string>() == "uuid" => Guid.NewGuid().ToString(),
            _ when lower.Contains("email", StringComparison.Ordinal) => Accounts.NewEmail("walk"),
            _ when lower.Contains("password", StringComparison.Ordinal) => Accounts.StrongPassword + " not",
            _ when lower.Contains("zone", StringComparison.Ordinal) => "Europe/Paris",
            _ when lower.Contains("rule", StringComparison.Ordinal) => "FREQ=WEEKLY;BYDAY=MO",
            _ when lower.Contains("currency", StringComparison.Ordinal) => "EUR",
            _ when lower.Contains("phone", StringComparison.Ordinal) || lower == "number" => "+15555550123",
            _ when lower.Contains("locale", StringComparison.Ordinal) || lower == "language" => "en",
            _ when lower.Contains("channel", StringComparison.Ordinal) => "web",
            _ when lower == "end" => "2027-01-10T11:00:00Z",
            _ when IsTimeName(name) => "2027-01-10T10:00:00Z",
            _ when lower.Contains("code", StringComparison.Ordinal) => "123456",
            _ => "walk",
        };
    }

    private JsonObject Resolve(JsonObject schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = _schemas[reference.Split('/')[^1]]!.AsObject();
        }

        return schema;
    }

    private static string TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
        _ => schema["properties"] is not null ? "object" : "string",
    };

    private static IEnumerable<(string Name, JsonObject Schema)> Properties(JsonObject schema) =>
        schema["properties"] is JsonObject properties
            ? properties.Select(p => (p.Key, p.Value as JsonObject ?? new JsonObject()))
            : [];

    private static IEnumerable<Operation> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (method is not ("get" or "post" or "put" or "patch" or "delete"))
                {
                    continue;
                }

                var parameters = (node!["parameters"] as JsonArray ?? []).Select(p => new Parameter(
                    p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(),
                    p["schema"] is JsonObject s ? TypeOf(s) : "string", p["schema"]?["format"]?.GetValue<string>())).ToList();
                var content = node["requestBody"]?["content"] as JsonObject;
                var (contentType, body) = content?.FirstOrDefault() is { Key: { } type } first
                    ? (type, first.Value?["schema"] as JsonObject)
                    : ((string?)null, null);
                yield return new Operation(method.ToUpperInvariant(), path, [.. parameters.Where(p => p.In == "path")],
                    [.. parameters.Where(p => p.In == "query")], contentType, contentType == "application/json" ? body : null);
            }
        }
    }

    private static StringContent JsonBody(JsonNode? body) => new(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");

    private sealed record Parameter(string Name, string In, string Type, string? Format);

    private sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> PathParameters, IReadOnlyList<Parameter> QueryParameters,
        string? ContentType, JsonObject? Body);

    private sealed record Probe(Operation Operation, string Url, string? Body, string? ContentType)
    {
        public bool MayEndSession => Operation.Path.Contains("/sessions", StringComparison.Ordinal) || Operation.Path.Contains("/auth/", StringComparison.Ordinal)
            || Operation.Path.Contains("/mfa", StringComparison.Ordinal) || Operation.Path.Contains("/admin/users", StringComparison.Ordinal);

        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
            if (Body is not null)
            {
                request.Content = new StringContent(Body, Encoding.UTF8, ContentType ?? "application/json");
            }

            return request;
        }

        public override string ToString()
        {
            var body = Body is null ? "" : Body.Length > 160 ? $" {Body[..160]}… ({Body.Length} chars)" : $" {Body}";
            return $"{Operation.Method} {(Url.Length > 200 ? Url[..200] + "…" : Url)}{body}";
        }
    }
}
