using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Localization;

/// <summary>
/// A person whose profile says French reads French problems from every resource: the title, the detail and each
/// field error. Each row is a request that fails; the answer must contain no sentence of the English catalog.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FrenchProblemsTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    private static readonly string Unknown = Guid.NewGuid().ToString();

    public static TheoryData<string, string, string?, HttpStatusCode> Failures => new()
    {
        { "POST", "/api/v1/tasks", "{}", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/tasks", """{"title":"x","due":"blorp blorp"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/tasks", """{"title":"x","due":"9999-01-01"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/tasks", """{"title":"x","priority":"urgent","tags":["a,b"]}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/tasks", $$"""{"title":"x","parentId":"{{Unknown}}"}""", HttpStatusCode.BadRequest },
        { "GET", $"/api/v1/tasks/{Unknown}", null, HttpStatusCode.NotFound },
        { "PATCH", $"/api/v1/tasks/{Unknown}", """{"title":"y"}""", HttpStatusCode.NotFound },
        { "GET", "/api/v1/tasks?view=someday-maybe", null, HttpStatusCode.BadRequest },
        { "POST", $"/api/v1/tasks/{Unknown}/breakdown", """{"apply":false,"steps":[{"title":""}]}""", HttpStatusCode.BadRequest },

        // Reminders and events
        { "POST", "/api/v1/reminders", "{}", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/reminders", """{"text":"x","when":"blorp blorp","channels":["pigeon"],"timeZone":"Mars/Olympus"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/reminders", """{"text":"x","when":"9999-01-01"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/reminders", """{"text":"x","when":"2030-01-10T10:00","rrule":"FREQ=HOURLY"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/reminders", """{"text":"x","when":"2030-01-10T10:00","rrule":"FREQ=DAILY;BYHOUR=6,7,8,9,10,11,12,13;BYMINUTE=0,30"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/reminders", """{"text":"x","when":"2001-01-10T10:00"}""", HttpStatusCode.BadRequest },
        { "GET", $"/api/v1/reminders/{Unknown}", null, HttpStatusCode.NotFound },
        { "POST", $"/api/v1/reminders/{Unknown}/acknowledge", null, HttpStatusCode.NotFound },
        { "GET", "/api/v1/reminders?status=someday", null, HttpStatusCode.BadRequest },
        { "POST", "/api/v1/events", "{}", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/events", """{"title":"x","start":"blorp blorp"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/events", """{"title":"x","start":"9999-01-01T10:00"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/events", """{"title":"x","start":"2030-01-10T10:00","rrule":"garbage"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/events", """{"title":"x","start":"2030-01-10T10:00","timeZone":"Mars/Olympus"}""", HttpStatusCode.BadRequest },
        { "GET", $"/api/v1/events/{Unknown}", null, HttpStatusCode.NotFound },
        { "PATCH", $"/api/v1/events/{Unknown}", """{"title":"y"}""", HttpStatusCode.NotFound },
        { "GET", "/api/v1/events?from=2030-01-10T00:00:00Z&to=2032-01-10T00:00:00Z", null, HttpStatusCode.BadRequest },
        { "GET", "/api/v1/events?from=9999-01-01T00:00:00Z", null, HttpStatusCode.BadRequest },
        { "DELETE", $"/api/v1/events/{Unknown}/occurrences/garbage", null, HttpStatusCode.BadRequest },
        { "DELETE", $"/api/v1/events/{Unknown}/occurrences/2030-03-15T13:30:00Z", null, HttpStatusCode.NotFound },
        { "POST", "/api/v1/events/import", """{"file":"x"}""", HttpStatusCode.UnsupportedMediaType },
        { "POST", "/api/v1/tasks", "{not json", HttpStatusCode.BadRequest },
        { "GET", "/api/v1/no-such-thing", null, HttpStatusCode.NotFound },

        // Notes, lists, expenses, memories
        { "POST", "/api/v1/notes", "{}", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/notes", """{"title":"x","tags":["a,b"]}""", HttpStatusCode.BadRequest },
        { "GET", $"/api/v1/notes/{Unknown}", null, HttpStatusCode.NotFound },
        { "GET", $"/api/v1/notes/{Unknown}/backlinks", null, HttpStatusCode.NotFound },
        { "POST", "/api/v1/lists", "{}", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/lists", """{"name":"groceries"}""", HttpStatusCode.Conflict },
        { "GET", $"/api/v1/lists/{Unknown}", null, HttpStatusCode.NotFound },
        { "POST", $"/api/v1/lists/{Unknown}/items", """{"text":"milk"}""", HttpStatusCode.NotFound },
        { "PATCH", $"/api/v1/lists/{Unknown}/items/{Unknown}", """{"quantity":0}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/expenses", """{"amount":0,"description":""}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/expenses", """{"amount":5,"description":"coffee","currency":"ZZZ"}""", HttpStatusCode.BadRequest },
        { "GET", "/api/v1/expenses?month=2026-13", null, HttpStatusCode.BadRequest },
        { "GET", "/api/v1/expenses/summary?month=march", null, HttpStatusCode.BadRequest },
        { "DELETE", $"/api/v1/expenses/{Unknown}", null, HttpStatusCode.NotFound },
        { "POST", "/api/v1/memories", """{"body":""}""", HttpStatusCode.BadRequest },
        { "PATCH", $"/api/v1/memories/{Unknown}", """{"body":"x"}""", HttpStatusCode.NotFound },

        // Accounts
        { "PATCH", "/api/v1/users/me", """{"displayName":" ","timeZone":"Mars/Olympus","locale":"xx"}""", HttpStatusCode.BadRequest },
        { "PUT", "/api/v1/users/me/preferences", """{"quietHoursStart":"25:00","dailyNudgeCap":3,"preferredChannels":["pigeon"],"replyStyle":"chatty","defaultCurrency":"ZZZ","missesBeforeBreakdown":3}""", HttpStatusCode.BadRequest },
        { "PUT", "/api/v1/users/me/preferences", """{"quietHoursStart":"22:00","dailyNudgeCap":3,"preferredChannels":["web"],"replyStyle":"brief","defaultCurrency":"EUR","missesBeforeBreakdown":3}""", HttpStatusCode.BadRequest },
        { "DELETE", $"/api/v1/sessions/{Unknown}", null, HttpStatusCode.NotFound },
        { "POST", "/api/v1/users/me/phone-numbers", """{"number":"12"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/users/me/phone-numbers", """{"number":"+33 6 12 34 56 78","region":"ZZ"}""", HttpStatusCode.BadRequest },
        { "POST", $"/api/v1/users/me/phone-numbers/{Unknown}/verify", """{"code":"123456"}""", HttpStatusCode.NotFound },
        { "DELETE", $"/api/v1/conversations/{Unknown}", null, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Failure_ForAFrenchPerson_IsAllFrench(string method, string path, string? body, HttpStatusCode status)
    {
        var person = await FrenchPersonAsync();
        using var client = person.Client(app);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(status);
        AssertFrench(problem);
    }

    [Theory]
    [InlineData("not a calendar at all")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage")]
    public async Task Import_OfAFileThatIsNotACalendar_ForAFrenchPerson_IsAllFrench(string file)
    {
        var person = await FrenchPersonAsync();
        using var client = person.Client(app);

        using var response = await client.PostAsync("/api/v1/events/import", new StringContent(file, Encoding.UTF8, "text/calendar"));

        AssertFrench(await response.AssertProblemAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task CalendarFeed_UnknownLink_WithAcceptLanguageFrench_IsFrench()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        using var response = await client.GetAsync($"/calendar/{new string('a', 43)}.ics");

        AssertFrench(await response.AssertProblemAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Unauthorized_WithAcceptLanguageFrench_IsFrench()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr-CA"));
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en", 0.5));

        using var response = await client.GetAsync("/api/v1/tasks");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(Texts.Get(Locales.French, "Problem.Unauthorized.Title"), problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Login_WithAWrongPassword_AndAcceptLanguageFrench_IsFrench()
    {
        var person = await Accounts.RegisterAndLoginAsync(app);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = person.Email, password = person.Password + "x" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(Texts.Get(Locales.French, "Auth.SignInFailed.Title"), problem.GetProperty("title").GetString());
        AssertFrench(problem);
    }

    [Fact]
    public async Task Register_WithAnUnknownTimeZone_AndAcceptLanguageFrench_IsFrench()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = $"fr-{Guid.NewGuid():N}@example.com", password = "Correct-Horse-42-battery", displayName = "Zoé", timeZone = "Mars/Olympus" });

        AssertFrench(await response.AssertProblemAsync(HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("bob@[127.0.0.1]", "Correct-Horse-42-battery", "email", "Address.IpLiteral")]
    [InlineData("bоb@example.com", "Correct-Horse-42-battery", "email", "Address.Alphabet")]
    [InlineData("zoe-{0}@example.com", "short", "password", "Password.TooShort")]
    [InlineData("zoe-{0}@example.com", "password1234", "password", "Password.TooGuessable")]
    public async Task Register_AddressAndPasswordRules_SpeakFrench(string email, string password, string field, string key)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = string.Format(CultureInfo.InvariantCulture, email, Guid.NewGuid().ToString("N")), password, displayName = "Zoé" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var said = problem.GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Equal(Texts.Format(Locales.French, key, key.StartsWith("Password", StringComparison.Ordinal) ? 10 : 254), said);
        AssertFrench(problem);
    }

    [Fact]
    public async Task Failure_ForAnEnglishPerson_IsEnglish_WhateverTheBrowserSays()
    {
        var person = await Accounts.RegisterAndLoginAsync(app);
        using var client = person.Client(app);
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("fr"));

        using var response = await client.PostAsync("/api/v1/tasks", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(Texts.Get(Locales.English, "Problem.Invalid.Title"), problem.GetProperty("title").GetString());
    }

    private TestUser? _french;

    private async Task<TestUser> FrenchPersonAsync()
    {
        if (_french is not null)
        {
            return _french;
        }

        var person = await Accounts.RegisterAndLoginAsync(app);
        using var client = person.Client(app);
        using var changed = await client.PatchAsJsonAsync("/api/v1/users/me", new { locale = "fr", timeZone = "Europe/Paris" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        return _french = person;
    }

    /// <summary>No text of the problem is a sentence of the English catalog that French words differently.</summary>
    private static void AssertFrench(JsonElement problem)
    {
        var texts = new List<string>();
        foreach (var name in new[] { "title", "detail" })
        {
            if (problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                texts.Add(value.GetString()!);
            }
        }

        if (problem.TryGetProperty("errors", out var errors))
        {
            texts.AddRange(errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray()).Select(e => e.GetString()!));
        }

        Assert.NotEmpty(texts);
        var offenders = EnglishSentences.WholeIn(texts);
        Assert.True(offenders.Count == 0, "English inside a French answer: " + string.Join(" | ", offenders));
    }
}
