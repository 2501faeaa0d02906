using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Assistant;
using PersonalAssistant.Server.Features.Exports;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Features.Reminders;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Exports;

/// <summary>
/// The personal data export (issue 20) over HTTP on the real host: two people with data of every kind; the job is run
/// deterministically (no job server on this host); the archive is opened and read file by file.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class DataExportTests : IAsyncLifetime
{
    private const string Exports = "/api/v1/users/me/exports";

    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false").With("Jobs:Workers", "0");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Export_HoldsEveryKindOfTheOwnersData_AndNothingOfAnotherPersons()
    {
        var owner = await Accounts.RegisterAndLoginAsync(_app);
        var other = await Accounts.RegisterAndLoginAsync(_app);
        var mine = await SeedAsync(owner, "alpha");
        var theirs = await SeedAsync(other, "bravo");
        owner = await Dispatch.FreshAsync(_app, owner);

        var zip = await ExportAndDownloadAsync(owner);

        // every file the README names is there, and the README names every file
        var readme = Assert.Contains("README.md", zip);
        foreach (var name in zip.Keys.Where(n => !n.StartsWith("notes/", StringComparison.Ordinal)))
        {
            Assert.Contains($"`{name}`", readme, StringComparison.Ordinal);
        }

        Assert.Contains("password", readme, StringComparison.OrdinalIgnoreCase); // says secrets are left out

        var profile = Json(zip, "profile.json");
        Assert.Equal(owner.Id, profile.GetProperty("id").GetGuid());
        Assert.Equal(owner.Email, profile.GetProperty("email").GetString());
        Assert.Equal("America/Toronto", profile.GetProperty("timeZone").GetString());
        Assert.Equal(6, Json(zip, "preferences.json").GetProperty("dailyNudgeCap").GetInt32());
        Assert.Equal(mine.Phone, Assert.Single(Json(zip, "phone-numbers.json").EnumerateArray()).GetProperty("e164").GetString());

        var tasks = Json(zip, "tasks.json").EnumerateArray().ToList();
        Assert.Equal(2, tasks.Count);
        var step = tasks.Single(t => t.GetProperty("parentId").ValueKind == JsonValueKind.String);
        Assert.Equal(mine.TaskId, step.GetProperty("parentId").GetGuid());
        Assert.Contains(tasks, t => t.GetProperty("title").GetString() == "alpha task");

        var reminders = Json(zip, "reminders.json");
        Assert.Equal(mine.ReminderId, Assert.Single(reminders.GetProperty("reminders").EnumerateArray()).GetProperty("id").GetGuid());
        var delivery = Assert.Single(reminders.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(mine.ReminderId, delivery.GetProperty("reminderId").GetGuid());
        Assert.Equal("sent", delivery.GetProperty("outcome").GetString());

        Assert.Equal("alpha note", Assert.Single(Json(zip, "notes.json").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal("alpha event", Assert.Single(Json(zip, "events.json").EnumerateArray()).GetProperty("title").GetString());
        var lists = Json(zip, "lists.json");
        Assert.Contains(lists.GetProperty("lists").EnumerateArray(), l => l.GetProperty("name").GetString() == "alpha list");
        Assert.Equal("alpha item", Assert.Single(lists.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal("alpha expense", Assert.Single(Json(zip, "expenses.json").EnumerateArray()).GetProperty("description").GetString());
        Assert.Equal("alpha memory", Assert.Single(Json(zip, "memories.json").EnumerateArray()).GetProperty("body").GetString());
        var conversations = Json(zip, "conversations.json");
        Assert.Contains(conversations.GetProperty("conversations").EnumerateArray(), c => c.GetProperty("id").GetGuid() == mine.ConversationId);
        Assert.Equal(["alpha said", "alpha heard"], conversations.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("conversationId").GetGuid() == mine.ConversationId).Select(m => m.GetProperty("text").GetString()));
        Assert.Contains(Json(zip, "notifications.json").EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("alpha reminder", StringComparison.Ordinal));
        Assert.Equal("alpha text", Assert.Single(Json(zip, "sms.json").EnumerateArray()).GetProperty("body").GetString());
        var push = Assert.Single(Json(zip, "push-subscriptions.json").EnumerateArray());
        Assert.Equal(mine.PushEndpoint, push.GetProperty("endpoint").GetString());
        Assert.False(push.TryGetProperty("p256dh", out _));
        var audit = Json(zip, "audit.json").EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "account.registered");
        Assert.All(audit, e => Assert.True(e.GetProperty("actedByMe").GetBoolean() || e.GetProperty("aboutMe").GetBoolean()));

        // notes as Markdown, the calendar as iCalendar another app can read
        Assert.Equal("# alpha note\n\nalpha body\n", zip["notes/alpha-note.md"]);
        var calendar = Ical.Net.Calendar.Load(zip["calendar.ics"])!;
        Assert.Equal("alpha event", Assert.Single(calendar.Events).Summary);

        // nothing of the other person, and no secret of the owner
        var everything = string.Join('\n', zip.Values);
        foreach (var trace in new[] { other.Id.ToString(), other.Email, "bravo", theirs.Phone, theirs.PushEndpoint })
        {
            Assert.DoesNotContain(trace, everything, StringComparison.OrdinalIgnoreCase);
        }

        var secrets = await SecretsAsync(owner.Id);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, everything, StringComparison.Ordinal));

        // the person was told, in the app
        var told = await Dispatch.NotificationsAsync(_app, owner);
        Assert.Contains(told, n => n.GetProperty("kind").GetString() == "export-ready");
    }

    [Fact]
    public async Task PrivacyPage_CountsWhatTheExportHolds_FileByFile_AndOnlyTheOwnersRows()
    {
        var owner = await Accounts.RegisterAndLoginAsync(_app);
        var other = await Accounts.RegisterAndLoginAsync(_app);
        await SeedAsync(owner, "alpha");
        await SeedAsync(other, "bravo");
        owner = await Dispatch.FreshAsync(_app, owner);
        using var client = owner.Client(_app);
        var id = await RequestAsync(client);

        // read before the build, which ends by adding its "your export is ready" notification
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/privacy");
        await BuildAsync(id);
        var zip = await DownloadAsync(client, id);

        var stored = summary.GetProperty("stored").EnumerateArray().ToDictionary(s => s.GetProperty("file").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(zip.Keys.Where(n => n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, count) in stored)
        {
            Assert.True(RowsIn(Json(zip, file)) == count, $"{file}: the page says {count}, the export holds {RowsIn(Json(zip, file))}");
        }

        Assert.True(stored["tasks.json"] > 0 && stored["reminders.json"] > 0 && stored["conversations.json"] > 0);
        Assert.All(summary.GetProperty("stored").EnumerateArray(), s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("label").GetString())));
    }

    /// <summary>The rows of an export file: an array's items, an object of arrays' items, or one object.</summary>
    private static int RowsIn(JsonElement file) => file.ValueKind switch
    {
        JsonValueKind.Array => file.GetArrayLength(),
        JsonValueKind.Object when file.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Array) =>
            file.EnumerateObject().Sum(p => p.Value.GetArrayLength()),
        JsonValueKind.Null => 0,
        _ => 1,
    };

    [Fact]
    public async Task Download_WorksOnceForItsOwner_ThenIsGone_AndIsNotFoundForSomeoneElse()
    {
        var owner = await Accounts.RegisterAndLoginAsync(_app);
        var other = await Accounts.RegisterAndLoginAsync(_app);
        using var client = owner.Client(_app);
        using var stranger = other.Client(_app);
        var id = await RequestAsync(client);

        using (var early = await client.GetAsync($"{Exports}/{id}/download"))
        {
            await early.AssertProblemAsync(HttpStatusCode.Conflict); // not built yet
        }

        await BuildAsync(id);
        using (var notTheirs = await stranger.GetAsync($"{Exports}/{id}"))
        {
            await notTheirs.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        using (var notTheirs = await stranger.GetAsync($"{Exports}/{id}/download"))
        {
            await notTheirs.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        var ready = await client.GetFromJsonAsync<JsonElement>($"{Exports}/{id}");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(_app.Clock.GetUtcNow().AddHours(24), ready.GetProperty("expiresAt").GetDateTimeOffset());
        var size = ready.GetProperty("sizeBytes").GetInt64();

        using (var first = await client.GetAsync($"{Exports}/{id}/download"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("application/zip", first.Content.Headers.ContentType?.MediaType);
            Assert.Equal(size, (await first.Content.ReadAsByteArrayAsync()).Length);
        }

        using (var second = await client.GetAsync($"{Exports}/{id}/download"))
        {
            await second.AssertProblemAsync(HttpStatusCode.Gone);
        }

        Assert.Equal("downloaded", (await client.GetFromJsonAsync<JsonElement>($"{Exports}/{id}")).GetProperty("status").GetString());
        Assert.Equal(0, await ChunksAsync(id)); // the stored file is deleted at download
        var listed = await client.GetFromJsonAsync<JsonElement>(Exports);
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>(Exports)).EnumerateArray());
    }

    [Fact]
    public async Task SecondRequest_WhileOneIsPending_IsConflict_AndAFourthInADay_IsTooMany()
    {
        var owner = await Accounts.RegisterAndLoginAsync(_app);
        using var client = owner.Client(_app);
        var first = await RequestAsync(client);
        using (var again = await client.PostAsync(Exports, null))
        {
            await again.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        await BuildAsync(first);
        await BuildAsync(await RequestAsync(client));
        _app.Clock.Advance(TimeSpan.FromHours(1));
        using var hourLater = (await Dispatch.FreshAsync(_app, owner)).Client(_app);
        await BuildAsync(await RequestAsync(hourLater));
        using (var fourth = await hourLater.PostAsync(Exports, null))
        {
            await fourth.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            // the first request of the window is a day old 23 hours from now
            Assert.Equal((23 * 3600).ToString(CultureInfo.InvariantCulture), fourth.Headers.RetryAfter?.ToString());
        }

        _app.Clock.Advance(TimeSpan.FromHours(23));
        using var fresh = (await Dispatch.FreshAsync(_app, owner)).Client(_app);
        await RequestAsync(fresh);
    }

    [Fact]
    public async Task ReadyExport_ExpiresAfter24Hours_AndTheRetentionJobDeletesItsFile()
    {
        var owner = await Accounts.RegisterAndLoginAsync(_app);
        using (var client = owner.Client(_app))
        {
            var id = await RequestAsync(client);
            await BuildAsync(id);
            Assert.True(await ChunksAsync(id) > 0);

            _app.Clock.Advance(TimeSpan.FromHours(24));
            using var later = (await Dispatch.FreshAsync(_app, owner)).Client(_app);
            Assert.Equal("expired", (await later.GetFromJsonAsync<JsonElement>($"{Exports}/{id}")).GetProperty("status").GetString());
            using (var download = await later.GetAsync($"{Exports}/{id}/download"))
            {
                await download.AssertProblemAsync(HttpStatusCode.Gone);
            }

            await using (var scope = _app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
            }

            Assert.Equal(0, await ChunksAsync(id));
            Assert.Equal("expired", (await later.GetFromJsonAsync<JsonElement>($"{Exports}/{id}")).GetProperty("status").GetString());
        }
    }

    /// <summary>The size and time of a large account's export (1,000 tasks, 5,000 messages), printed for the record.</summary>
    [Fact]
    public async Task LargeAccount_IsExported_InChunks()
    {
        var owner = await Accounts.RegisterAndLoginAsync(_app);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = _app.Clock.GetUtcNow();
            for (var i = 0; i < 1000; i++)
            {
                db.Tasks.Add(new TaskItem { UserId = owner.Id, Title = $"task number {i} with a title of ordinary length", Notes = "some notes", CreatedAt = now, UpdatedAt = now });
            }

            var conversation = new Conversation { UserId = owner.Id, CreatedAt = now, UpdatedAt = now };
            db.Conversations.Add(conversation);
            for (var i = 0; i < 5000; i++)
            {
                db.ConversationMessages.Add(new ConversationMessage
                {
                    ConversationId = conversation.Id,
                    UserId = owner.Id,
                    Role = i % 2 == 0 ? "user" : "assistant",
                    Channel = "web",
                    Text = $"message {i}: " + new string('x', 200),
                    CreatedAt = now,
                });
            }

            await db.SaveChangesAsync();
        }

        using var client = owner.Client(_app);
        var id = await RequestAsync(client);
        var clock = Stopwatch.StartNew();
        await BuildAsync(id);
        var built = clock.Elapsed;
        var ready = await client.GetFromJsonAsync<JsonElement>($"{Exports}/{id}");
        var size = ready.GetProperty("sizeBytes").GetInt64();
        var zip = await DownloadAsync(client, id);
        Assert.Equal(1000, Json(zip, "tasks.json").GetArrayLength());
        Assert.Equal(5000, Json(zip, "conversations.json").GetProperty("messages").GetArrayLength());
        Console.WriteLine($"Large export on {AssistantApp.DatabaseProvider}: {size} bytes, built in {built.TotalMilliseconds:F0} ms, chunks {(size + DataExportConfiguration.ChunkBytes - 1) / DataExportConfiguration.ChunkBytes}");
    }

    /// <summary>An archive larger than a chunk is stored in full chunks and a last partial one, and reads back byte for byte.</summary>
    [Fact]
    public async Task ChunkedStream_StoresFullChunks_ThenTheRest_AndReadsBackTheSameBytes()
    {
        var owner = await Accounts.RegisterAndLoginAsync(_app);
        using var client = owner.Client(_app);
        var id = await RequestAsync(client);
        var bytes = new byte[(2 * DataExportConfiguration.ChunkBytes) + 12345];
        new Random(7).NextBytes(bytes);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var stream = new ChunkedExportStream(scope.ServiceProvider.GetRequiredService<AppDbContext>(), id);
            stream.Write(bytes.AsSpan(0, 1000)); // ZipArchive writes some records synchronously
            await stream.WriteAsync(bytes.AsMemory(1000));
            Assert.Equal(bytes.Length, await stream.CompleteAsync(CancellationToken.None));
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var chunks = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataExportChunks.AsNoTracking()
                .Where(c => c.ExportId == id).OrderBy(c => c.Index).Select(c => c.Data).ToListAsync();
            Assert.Equal([DataExportConfiguration.ChunkBytes, DataExportConfiguration.ChunkBytes, 12345], chunks.Select(c => c.Length));
            Assert.Equal(bytes, chunks.SelectMany(c => c).ToArray());
        }
    }

    private sealed record Seeded(Guid TaskId, Guid ReminderId, Guid ConversationId, string Phone, string PushEndpoint);

    /// <summary>Data of every kind for a person, marked with <paramref name="tag"/>: through the API where it has a door, in the rows otherwise.</summary>
    private async Task<Seeded> SeedAsync(TestUser user, string tag)
    {
        using var client = user.Client(_app);
        var task = await PostAsync(client, "/api/v1/tasks", new { title = $"{tag} task" });
        await PostAsync(client, "/api/v1/tasks", new { title = $"{tag} step", parentId = task });
        var reminder = await PostAsync(client, "/api/v1/reminders", new { text = $"{tag} reminder", when = "in 5 minutes" });
        await PostAsync(client, "/api/v1/notes", new { title = $"{tag} note", body = $"{tag} body" });
        await PostAsync(client, "/api/v1/events", new { title = $"{tag} event", start = "2027-03-11T10:00:00" });
        var list = await PostAsync(client, "/api/v1/lists", new { name = $"{tag} list" });
        await PostAsync(client, $"/api/v1/lists/{list}/items", new { text = $"{tag} item" });
        await PostAsync(client, "/api/v1/expenses", new { amount = 12.5m, description = $"{tag} expense", category = "groceries", currency = "USD" });
        await PostAsync(client, "/api/v1/memories", new { body = $"{tag} memory" });

        var phone = tag == "alpha" ? "+15145550101" : "+15145550102";
        var endpoint = $"https://push.example.test/{tag}/{Guid.NewGuid():N}";
        Guid conversationId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = _app.Clock.GetUtcNow();
            var conversation = new Conversation { UserId = user.Id, Title = $"{tag} chat", CreatedAt = now, UpdatedAt = now };
            db.Conversations.Add(conversation);
            var said = new ConversationMessage { ConversationId = conversation.Id, UserId = user.Id, Role = "user", Channel = "web", Text = $"{tag} said", CreatedAt = now };
            db.ConversationMessages.Add(said);
            await db.SaveChangesAsync();
            db.ConversationMessages.Add(new ConversationMessage { ConversationId = conversation.Id, UserId = user.Id, Role = "assistant", Channel = "web", Text = $"{tag} heard", ReplyToId = said.Id, CreatedAt = now });
            db.PhoneNumbers.Add(new PhoneNumber { UserId = user.Id, E164 = phone, IsPrimary = true, VerifiedAt = now, CreatedAt = now });
            db.Set<SmsMessage>().Add(new SmsMessage { UserId = user.Id, From = phone, To = "+15145550199", Body = $"{tag} text", CreatedAt = now, UpdatedAt = now, Status = SmsStatuses.Handled, HandledAt = now });
            db.Set<PushSubscription>().Add(new PushSubscription
            {
                UserId = user.Id,
                Endpoint = endpoint,
                EndpointHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(endpoint))),
                P256dh = $"{tag}-browser-public-key",
                AuthProtected = $"{tag}-protected-auth",
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
            conversationId = conversation.Id;
        }

        // the reminder goes off: a delivery record and an in-app notification
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatch.RunAsync(_app);
        return new Seeded(task, reminder, conversationId, phone, endpoint);
    }

    private static async Task<Guid> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> RequestAsync(HttpClient client)
    {
        using var response = await client.PostAsync(Exports, null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", body.GetProperty("status").GetString());
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"{Exports}/{id}", response.Headers.Location?.ToString());
        return id;
    }

    /// <summary>Runs the export's job here and now, as a worker would.</summary>
    private async Task BuildAsync(Guid id)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DataExportJob>().BuildAsync(id, CancellationToken.None);
    }

    private async Task<Dictionary<string, string>> ExportAndDownloadAsync(TestUser user)
    {
        using var client = user.Client(_app);
        var id = await RequestAsync(client);
        await BuildAsync(id);
        return await DownloadAsync(client, id);
    }

    private static async Task<Dictionary<string, string>> DownloadAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"{Exports}/{id}/download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return files;
    }

    private static JsonElement Json(Dictionary<string, string> zip, string name) => JsonDocument.Parse(Assert.Contains(name, zip)).RootElement.Clone();

    private async Task<int> ChunksAsync(Guid id)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataExportChunks.CountAsync(c => c.ExportId == id);
    }

    /// <summary>What must never leave: the password hash, security stamp and refresh tokens' hashes.</summary>
    private async Task<IReadOnlyList<string>> SecretsAsync(Guid userId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        var secrets = new List<string> { user.PasswordHash!, user.SecurityStamp!, "browser-public-key", "protected-auth" };
        return secrets;
    }
}
