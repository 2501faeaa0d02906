using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Infrastructure.ProblemAssertions;

namespace PersonalAssistant.Server.Tests.Features.Tasks;

/// <summary>Tasks over real HTTP on both databases; the test people live in America/Toronto.</summary>
[Trait("Category", "Integration")]
public sealed class TaskTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    /// <summary>Today in Toronto by the host's clock, which never crosses midnight unless a test moves it.</summary>
    private DateOnly TodayInToronto => app.Today(Toronto);

    [Fact]
    public async Task Due_AcceptsWordsAndIsoValues_AndEchoesWhatItUnderstood_InThePersonsZone()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        var words = await CreateAsync(client, new { title = "call the dentist", due = "tomorrow at 3pm", priority = "high", tags = new[] { "Health", "calls" } });
        var tomorrow = TodayInToronto.AddDays(1);
        Assert.Equal(tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), words.GetProperty("dueDate").GetString());
        Assert.StartsWith($"{tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}T15:00:00-0", words.GetProperty("due").GetString(), StringComparison.Ordinal);
        Assert.Equal(["health", "calls"], words.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("open", words.GetProperty("status").GetString());

        var date = await CreateAsync(client, new { title = "renew passport", due = "2027-03-14" });
        Assert.Equal("2027-03-14", date.GetProperty("due").GetString());
        Assert.Equal(JsonValueKind.Null, date.GetProperty("dueAt").ValueKind);

        var french = await CreateAsync(client, new { title = "payer le loyer", due = "2027-07-01T09:30:00+02:00" });
        Assert.Equal("2027-07-01T03:30:00-04:00", french.GetProperty("due").GetString());

        using var bad = await client.PostAsJsonAsync("/api/v1/tasks", new { title = "x", due = "when pigs fly" });
        await AssertFieldErrorAsync(bad, "due");
    }

    [Fact]
    public async Task Views_SplitTasksByTheirDueDay_InThePersonsZone()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var today = TodayInToronto;
        var overdue = await CreateAsync(client, new { title = "overdue one", due = today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var dueToday = await CreateAsync(client, new { title = "today one", due = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var upcoming = await CreateAsync(client, new { title = "upcoming one", due = today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var someday = await CreateAsync(client, new { title = "someday one" });
        var doneToday = await CreateAsync(client, new { title = "done today", due = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        (await client.PostAsync($"/api/v1/tasks/{Id(doneToday)}/complete", null)).Dispose();

        Assert.Equal([Id(overdue)], await IdsAsync(client, "view=overdue"));
        Assert.Equal([Id(dueToday)], await IdsAsync(client, "view=today"));
        Assert.Equal([Id(upcoming)], await IdsAsync(client, "view=upcoming"));
        Assert.Equal([Id(someday)], await IdsAsync(client, "view=someday"));
        Assert.Equal([Id(doneToday)], await IdsAsync(client, "status=done"));
        Assert.Equal([Id(overdue), Id(dueToday), Id(upcoming), Id(someday)], await IdsAsync(client, "view=open"));
        Assert.Equal(5, (await IdsAsync(client, "")).Count);
        Assert.Equal([Id(upcoming)], await IdsAsync(client, "q=UPCOMING"));
    }

    [Fact]
    public async Task AnotherPersonsTask_Is404Everywhere_AndNeverListedOrFound()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var ownerClient = owner.Client(app);
        using var otherClient = other.Client(app);
        var task = await CreateAsync(ownerClient, new { title = "secret plan alpha", tags = new[] { "private" } });
        var id = Id(task);

        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/v1/tasks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PatchAsJsonAsync($"/api/v1/tasks/{id}", new { title = "mine now" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsync($"/api/v1/tasks/{id}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsJsonAsync($"/api/v1/tasks/{id}/breakdown", new { apply = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync($"/api/v1/tasks/{id}")).StatusCode);
        using var subtask = await otherClient.PostAsJsonAsync("/api/v1/tasks", new { title = "sneaky step", parentId = id });
        await AssertFieldErrorAsync(subtask, "parentId");
        Assert.Empty(await IdsAsync(otherClient, "q=secret"));
        Assert.Empty(await IdsAsync(otherClient, "tag=private"));
        Assert.Empty(await IdsAsync(otherClient, $"parent={id}"));
        var next = await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/tasks/next");
        Assert.Equal(JsonValueKind.Null, next.GetProperty("task").ValueKind);

        var unchanged = await ownerClient.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}");
        Assert.Equal("secret plan alpha", unchanged.GetProperty("title").GetString());
        Assert.Equal("open", unchanged.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Breakdown_GivesStepsForTheKindOfTask_AndApplySavesThemAsOrderedSubtasks()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var garage = await CreateAsync(client, new { title = "clean the garage" });
        var taxes = await CreateAsync(client, new { title = "file my taxes" });
        var odd = await CreateAsync(client, new { title = "plan the surprise party" });

        var cleaning = await BreakdownAsync(client, Id(garage), apply: false);
        var paperwork = await BreakdownAsync(client, Id(taxes), apply: false);
        var general = await BreakdownAsync(client, Id(odd), apply: false);

        Assert.Equal("cleaning", cleaning.GetProperty("kind").GetString());
        Assert.Equal("library", cleaning.GetProperty("source").GetString());
        Assert.Equal("paperwork", paperwork.GetProperty("kind").GetString());
        Assert.Equal("general", general.GetProperty("kind").GetString());
        Assert.NotEqual(Titles(cleaning), Titles(paperwork));
        Assert.Contains("plan the surprise party", Titles(general)[0], StringComparison.Ordinal);
        foreach (var result in new[] { cleaning, paperwork, general })
        {
            var steps = result.GetProperty("steps").EnumerateArray().ToList();
            Assert.InRange(steps.Count, 3, 7);
            Assert.True(steps[0].GetProperty("estimatedMinutes").GetInt32() <= 2, "the first step takes about two minutes");
            Assert.False(result.GetProperty("applied").GetBoolean());
        }

        Assert.Empty(await IdsAsync(client, $"parent={Id(garage)}"));
        var applied = await BreakdownAsync(client, Id(garage), apply: true);
        Assert.True(applied.GetProperty("applied").GetBoolean());
        var children = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?parent={Id(garage)}");
        Assert.Equal(Titles(cleaning), children.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).ToList());
        Assert.Equal([0, 1, 2, 3, 4], children.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("position").GetInt32()));

        // the task shows its progress: steps and steps done, in the list, when read, and in what the next step changes
        var firstStep = children.GetProperty("items")[0].GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/v1/tasks/{firstStep}/complete", null)).Dispose();
        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks?view=open")).GetProperty("items").EnumerateArray().Single(t => Id(t) == Id(garage));
        Assert.Equal((5, 1), (listed.GetProperty("steps").GetInt32(), listed.GetProperty("stepsDone").GetInt32()));
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{Id(garage)}");
        Assert.Equal((5, 1), (read.GetProperty("steps").GetInt32(), read.GetProperty("stepsDone").GetInt32()));
        using var renamed = await client.PatchAsJsonAsync($"/api/v1/tasks/{Id(garage)}", new { title = "clean the whole garage" });
        Assert.Equal(5, (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("steps").GetInt32());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{firstStep}")).GetProperty("steps").GetInt32());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks?view=open")).GetProperty("items").EnumerateArray().Single(t => Id(t) == Id(taxes)).GetProperty("steps").GetInt32());

        // the top-level list does not repeat the steps; deleting the task deletes its steps
        Assert.DoesNotContain(Titles(cleaning)[0], (await client.GetStringAsync("/api/v1/tasks")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/tasks/{Id(garage)}")).StatusCode);
        Assert.Empty(await IdsAsync(client, $"parent={Id(garage)}"));
    }

    [Fact]
    public async Task Apply_WithTheStepsThePersonSaw_SavesExactlyThose_AndBadStepsWriteNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var move = await CreateAsync(client, new { title = "prepare the move", due = TodayInToronto.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var steps = new object[]
        {
            new { title = "  Find the tape  ", estimatedMinutes = 2 },
            new { title = "Pack the books" },
        };

        using var saved = await client.PostAsJsonAsync($"/api/v1/tasks/{Id(move)}/breakdown", new { apply = true, steps });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var result = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("given", result.GetProperty("source").GetString());
        var children = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?parent={Id(move)}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Find the tape", "Pack the books"], children.Select(t => t.GetProperty("title").GetString()));
        Assert.Equal(2, children[0].GetProperty("estimatedMinutes").GetInt32());
        Assert.Equal(JsonValueKind.Null, children[1].GetProperty("estimatedMinutes").ValueKind);
        Assert.Equal(move.GetProperty("dueDate").GetString(), children[1].GetProperty("dueDate").GetString());

        var other = await CreateAsync(client, new { title = "sort the mail" });
        var tooMany = Enumerable.Range(1, 8).Select(i => new { title = $"step {i}" }).ToArray();
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { apply = false, steps }, "steps"),
            (new { apply = true, steps = tooMany }, "steps"),
            (new { apply = true, steps = Array.Empty<object>() }, "steps"),
            (new { apply = true, steps = new object[] { new { title = "ok" }, new { title = "   " } } }, "steps[1].title"),
            (new { apply = true, steps = new object[] { new { title = new string('x', 501) } } }, "steps[0].title"),
            (new { apply = true, steps = new object[] { new { title = "ok", estimatedMinutes = 0 } } }, "steps[0].estimatedMinutes"),
        })
        {
            using var bad = await client.PostAsJsonAsync($"/api/v1/tasks/{Id(other)}/breakdown", body);
            await AssertFieldErrorAsync(bad, field);
        }

        using var wrongType = await client.PostAsync($"/api/v1/tasks/{Id(other)}/breakdown",
            new StringContent("""{"apply":true,"steps":[{"title":5}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Empty(await IdsAsync(client, $"parent={Id(other)}"));
    }

    [Fact]
    public async Task Next_PrefersWhatIsStartedAndDue_AndRespectsTimeAndEnergy()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var big = await CreateAsync(client, new { title = "deep clean the oven", estimatedMinutes = 90, energy = "high" });
        var started = await CreateAsync(client, new { title = "reply to Sam", estimatedMinutes = 10, energy = "low" });
        (await client.PatchAsJsonAsync($"/api/v1/tasks/{Id(started)}", new { status = "in_progress" })).Dispose();
        await CreateAsync(client, new { title = "water plants", estimatedMinutes = 5, energy = "low" });

        var next = await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks/next?energy=low&minutes=15");
        Assert.Equal(Id(started), next.GetProperty("task").GetProperty("id").GetGuid());
        Assert.Contains(next.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("started", StringComparison.Ordinal));

        var highEnergy = await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks/next?energy=high&minutes=120");
        Assert.NotEqual(JsonValueKind.Null, highEnergy.GetProperty("task").ValueKind);
        var tooShort = await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks/next?energy=low&minutes=3");
        Assert.Equal(JsonValueKind.Null, tooShort.GetProperty("task").ValueKind);
        Assert.False(string.IsNullOrEmpty(tooShort.GetProperty("message").GetString()));
        Assert.NotEqual(Id(big), highEnergy.GetProperty("task").GetProperty("id").GetGuid()); // the started one still wins
    }

    [Fact]
    public async Task Stats_CountCompletionsThisWeekAndByTag()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var a = await CreateAsync(client, new { title = "a", tags = new[] { "home" } });
        await CreateAsync(client, new { title = "b", tags = new[] { "home" } });
        (await client.PostAsync($"/api/v1/tasks/{Id(a)}/complete", null)).Dispose();
        (await client.PostAsync($"/api/v1/tasks/{Id(a)}/complete", null)).Dispose(); // twice is still one completion

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks/stats");

        var weeks = stats.GetProperty("byWeek").EnumerateArray().ToList();
        Assert.Equal(8, weeks.Count);
        Assert.Equal(1, weeks[^1].GetProperty("completed").GetInt32());
        var home = stats.GetProperty("byTag").EnumerateArray().Single(t => t.GetProperty("tag").GetString() == "home");
        Assert.Equal((1, 1), (home.GetProperty("completed").GetInt32(), home.GetProperty("open").GetInt32()));
        Assert.Equal(1, stats.GetProperty("doneTotal").GetInt32());
    }

    [Fact]
    public async Task MissedCounter_CountsOncePerLocalDay_AndProposesABreakdownAtTheThreshold()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);
        var today = TodayInToronto;
        var task = await CreateAsync(client, new { title = "sort the mail", due = today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var notYet = await CreateAsync(client, new { title = "due today", due = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

        var now = app.Clock.GetUtcNow();
        await RunMissedCheckAsync(now);
        await RunMissedCheckAsync(now.AddMinutes(15)); // a second check the same day counts nothing more

        var counted = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{Id(task)}");
        Assert.Equal(3, counted.GetProperty("missedCount").GetInt32()); // the due day and the two days after it
        Assert.True(counted.GetProperty("breakdownSuggested").GetBoolean());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{Id(notYet)}")).GetProperty("missedCount").GetInt32());

        await RunMissedCheckAsync(now.AddDays(1));
        Assert.Equal(4, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{Id(task)}")).GetProperty("missedCount").GetInt32());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{Id(notYet)}")).GetProperty("missedCount").GetInt32());
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField_AndWritesNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        using var client = user.Client(app);

        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/tasks", new { title = "" }), "title");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/tasks", new { title = "x", priority = "urgent" }), "priority");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/tasks", new { title = "x", energy = "wired" }), "energy");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/tasks", new { title = "x", estimatedMinutes = -5 }), "estimatedMinutes");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/tasks", new { title = "x", due = "1850-01-01" }), "due");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/tasks", new { title = "x", tags = new[] { "a,b" } }), "tags");
        await AssertFieldErrorAsync(await client.PostAsJsonAsync("/api/v1/tasks", new { title = new string('t', 1_000_000) }), "title");
        await AssertFieldErrorAsync(await client.GetAsync("/api/v1/tasks?view=yesterday"), "view");
        using var wrongType = await client.PostAsync("/api/v1/tasks", new StringContent("""{"title": 42}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        using var malformed = await client.PostAsync("/api/v1/tasks", new StringContent("""{"title": "x",""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var created = await CreateAsync(client, new { title = "keep me" });
        await AssertFieldErrorAsync(await client.PatchAsJsonAsync($"/api/v1/tasks/{Id(created)}", new { status = "finished" }), "status");

        Assert.Equal([Id(created)], await IdsAsync(client, ""));
        Assert.Equal("open", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{Id(created)}")).GetProperty("status").GetString());
    }

    private async Task RunMissedCheckAsync(DateTimeOffset utcNow)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MissedTaskCounter>().RunAsync(utcNow, CancellationToken.None);
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/tasks", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> BreakdownAsync(HttpClient client, Guid id, bool apply)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/tasks/{id}/breakdown", new { apply });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?{query}");
        return [.. page.GetProperty("items").EnumerateArray().Select(Id)];
    }

    private static List<string> Titles(JsonElement breakdown) =>
        [.. breakdown.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("title").GetString()!)];

    private static Guid Id(JsonElement task) => task.GetProperty("id").GetGuid();
}
