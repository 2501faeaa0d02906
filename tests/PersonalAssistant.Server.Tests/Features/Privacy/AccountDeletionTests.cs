using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Briefings;
using PersonalAssistant.Server.Features.Exports;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Privacy;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Privacy;

/// <summary>
/// Deleting an account (issue 20): asked by its owner with the password and second factor, cancelled by signing in
/// during the grace period, then erased by the hourly job; an administrator's delete erases through the same path.
/// "Erased" is checked by reading every table of the database for the person's id, email, phone number and words.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class AccountDeletionTests : IAsyncLifetime
{
    /// <summary>
    /// Tables that hold nothing about a person: the schema's history, roles, keys, the instance's SMS numbers; and the
    /// index structures of SQLite's note search, whose words are checked with a search instead (they are not text).
    /// </summary>
    private static readonly string[] NoPersonalData =
    [
        "__EFMigrationsHistory", "__EFMigrationsLock", "AspNetRoles", "AspNetRoleClaims", "DataProtectionKeys", "SmsAllowances", "SmsNumbers", "SmsNumberWebhooks",
        "NotesFts_data", "NotesFts_idx", "NotesFts_docsize", "NotesFts_config",
    ];

    private readonly AssistantApp _app = new AssistantApp().With("Reminders:Dispatch", "false").With("Jobs:Workers", "0");
    private TestUser _admin = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _admin = await Accounts.RegisterAndLoginAsync(_app); // the first account is the administrator
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task AfterTheGracePeriod_NoTableHoldsAnythingOfThePerson_AndTheOtherPersonKeepsEverything()
    {
        var ana = await PersonWithDataEverywhereAsync("ana");
        var ben = await PersonWithDataEverywhereAsync("ben");

        // Before: the person is in every table that can hold anything about a person (a new table fails here until this test fills it).
        var tables = await PersonalDataScan.TableNamesAsync(_app);
        var before = await PersonalDataScan.FindAsync(_app, ana.Everything);
        var expected = tables.Where(t => !NoPersonalData.Contains(t) && !t.StartsWith("hangfire.", StringComparison.Ordinal) && !t.StartsWith("Hangfire", StringComparison.Ordinal));
        var missing = expected.Except(before.Keys).ToList();
        Assert.True(missing.Count == 0, "The person has no row in: " + string.Join(", ", missing));
        var benBefore = await PersonalDataScan.FindAsync(_app, ben.Everything);

        using (var client = ana.User.Client(_app))
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(30)); // a TOTP code works once per 30-second step
            using var asked = await client.SendAsync(DeleteMe(Accounts.StrongPassword, "totp", Infrastructure.Mfa.Totp(_app, ana.TotpSecret)));
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
            var body = await asked.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(_app.Clock.GetUtcNow().AddDays(7), body.GetProperty("deletesAt").GetDateTimeOffset());
            Assert.False(body.GetProperty("deleted").GetBoolean());
        }

        await Accounts.AssertTokenDiesWithinFiveSecondsAsync(_app, ana.User); // signed out everywhere

        _app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await RunDeletionJobAsync());
        Assert.NotEmpty(await PersonalDataScan.FindAsync(_app, ana.Needles));
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await RunDeletionJobAsync());

        await AssertErasedAsync(ana);
        Assert.Equal(0, await PersonalDataScan.NoteSearchHitsAsync(_app, ana.Needles[3]));
        Assert.True(TestEnvironment.IsPostgres || await PersonalDataScan.NoteSearchHitsAsync(_app, ben.Needles[3]) > 0);
        var benAfter = await PersonalDataScan.FindAsync(_app, ben.Everything);
        Assert.True(benBefore.OrderBy(t => t.Key).SequenceEqual(benAfter.OrderBy(t => t.Key)),
            "The other person's rows changed: " + string.Join(", ", benBefore.Keys.Union(benAfter.Keys).Where(t => benBefore.GetValueOrDefault(t) != benAfter.GetValueOrDefault(t))
                .Select(t => $"{t} {benBefore.GetValueOrDefault(t)} → {benAfter.GetValueOrDefault(t)}")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Accounts.TryLoginAsync(_app, ana.User.Email, ana.User.Password)).StatusCode);

        // The audit log says an account was erased, not whose.
        await using var scope = _app.Services.CreateAsyncScope();
        var erased = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Action == "account.deleted");
        Assert.Equal((null, null, """["erased_after_grace_period"]"""), (erased.ActorUserId, erased.SubjectUserId, erased.Detail));
    }

    [Fact]
    public async Task SigningInDuringTheGracePeriod_ShowsTheDate_AndCancellingKeepsTheAccount()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using (var client = user.Client(_app))
        {
            using var asked = await client.SendAsync(DeleteMe(Accounts.StrongPassword));
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }

        var again = await Accounts.LoginAsync(_app, user.Email, user.Password, user.Id);
        using var signedIn = again.Client(_app);
        var me = await signedIn.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(_app.Clock.GetUtcNow().AddDays(7), me.GetProperty("deletionDueAt").GetDateTimeOffset());

        using var cancelled = await signedIn.DeleteAsync("/api/v1/users/me/deletion");
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        me = await signedIn.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(JsonValueKind.Null, me.GetProperty("deletionDueAt").ValueKind);
        using var nothingToCancel = await signedIn.DeleteAsync("/api/v1/users/me/deletion");
        await ProblemAssertions.AssertProblemAsync(nothingToCancel, HttpStatusCode.NotFound);

        _app.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(0, await RunDeletionJobAsync());
        await Accounts.LoginAsync(_app, user.Email, user.Password, user.Id); // still there, a week later
    }

    [Fact]
    public async Task AWrongPassword_OrAMissingSecondFactor_IsAClearProblem_AndSchedulesNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var (secret, _) = await Infrastructure.Mfa.EnableTotpAsync(_app, user);
        using var client = user.Client(_app);

        using var wrongPassword = await client.SendAsync(DeleteMe("not the password at all"));
        Assert.Equal("password", Assert.Single(await ProblemAssertions.FieldErrorsAsync(wrongPassword)));
        using var noCode = await client.SendAsync(DeleteMe(Accounts.StrongPassword));
        Assert.Equal("code", Assert.Single(await ProblemAssertions.FieldErrorsAsync(noCode)));
        using var wrongCode = await client.SendAsync(DeleteMe(Accounts.StrongPassword, "totp", "000000"));
        Assert.Equal("code", Assert.Single(await ProblemAssertions.FieldErrorsAsync(wrongCode)));
        using var noBody = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me"));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(JsonValueKind.Null, me.GetProperty("deletionDueAt").ValueKind);

        _app.Clock.Advance(TimeSpan.FromSeconds(30)); // a TOTP code works once per 30-second step
        using var proven = await client.SendAsync(DeleteMe(Accounts.StrongPassword, "totp", Infrastructure.Mfa.Totp(_app, secret)));
        Assert.Equal(HttpStatusCode.Accepted, proven.StatusCode);
    }

    [Fact]
    public async Task AnAdministratorsDelete_ErasesAtOnce_ThroughTheSamePath()
    {
        var person = await PersonWithDataEverywhereAsync("cleo");
        Assert.NotEmpty(await PersonalDataScan.FindAsync(_app, person.Needles));

        using var admin = _admin.Client(_app);
        using var deleted = await admin.DeleteAsync($"/api/v1/admin/users/{person.User.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertErasedAsync(person);
        using var again = await admin.DeleteAsync($"/api/v1/admin/users/{person.User.Id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        await using var scope = _app.Services.CreateAsyncScope();
        var erased = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Action == "admin.user_deleted");
        Assert.Equal((_admin.Id, (Guid?)null), (erased.ActorUserId, erased.SubjectUserId));
    }

    private static HttpRequestMessage DeleteMe(string password, string? method = null, string? code = null) =>
        new(HttpMethod.Delete, "/api/v1/users/me") { Content = JsonContent.Create(new { password, method, code }) };

    private async Task<int> RunDeletionJobAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountDeletionJob>().RunAsync(CancellationToken.None);
    }

    /// <param name="User">The person, signed in.</param>
    /// <param name="TotpSecret">Their authenticator secret.</param>
    /// <param name="Needles">What names the person or carries their words.</param>
    /// <param name="RowIds">Ids of their rows that hold no readable text (the export's compressed chunks): no table may keep them either,
    /// except the job system's record of the job that built the export (the id of a row that no longer exists).</param>
    private sealed record Person(TestUser User, string TotpSecret, IReadOnlyList<string> Needles, IReadOnlyList<string> RowIds)
    {
        public IReadOnlyList<string> Everything => [.. Needles, .. RowIds];
    }

    private async Task AssertErasedAsync(Person person)
    {
        var left = await PersonalDataScan.FindAsync(_app, person.Needles);
        Assert.True(left.Count == 0, "Still holding the person: " + string.Join(", ", left.Keys));
        var rows = (await PersonalDataScan.FindAsync(_app, person.RowIds)).Keys.Where(t => !t.StartsWith("hangfire.", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count == 0, "Still holding the person's rows: " + string.Join(", ", rows));
    }

    /// <summary>
    /// A person with a row in every table that can hold something about a person: through the API where a person
    /// makes it, written directly for what only the host's background work makes (deliveries, briefings, texts).
    /// Every text they write carries their own word, so rows without an account id are found too.
    /// </summary>
    private async Task<Person> PersonWithDataEverywhereAsync(string name)
    {
        var word = $"{name}zq{Guid.NewGuid():N}"[..16];
        List<string> sessions;
        var user = await Accounts.RegisterAndLoginAsync(_app, Accounts.NewEmail(word));
        var (secret, _) = await Infrastructure.Mfa.EnableTotpAsync(_app, user);
        var (_, e164) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(_app, user, Infrastructure.Mfa.NewUsNumber());
        user = await Infrastructure.Mfa.LoginWithTotpAsync(_app, user, secret); // an MFA challenge and a second session
        using var client = user.Client(_app);

        async Task<JsonElement> PostAsync(string path, object body)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var when = _app.Clock.GetUtcNow().AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        await PostAsync("/api/v1/tasks", new { title = $"file the {word} taxes" });
        var reminderId = (await PostAsync("/api/v1/reminders", new { text = $"call {word}", when })).GetProperty("id").GetGuid();
        var listId = (await PostAsync("/api/v1/lists", new { name = $"{word} shop" })).GetProperty("id").GetGuid();
        await PostAsync($"/api/v1/lists/{listId}/items", new { text = $"{word} eggs" });
        await PostAsync("/api/v1/expenses", new { amount = 12.5, description = $"{word} lunch" });
        await PostAsync("/api/v1/memories", new { body = $"my sister {word} likes tulips" });
        var target = (await PostAsync("/api/v1/notes", new { title = $"{word} wifi", body = "the code is on the router" })).GetProperty("id").GetGuid();
        await PostAsync("/api/v1/notes", new { title = $"{word} home", body = $"see [[{word} wifi]]" });
        await PostAsync("/api/v1/events", new { title = $"{word} dentist", start = when });
        await PostAsync("/api/v1/events/feed/rotate", new { });
        var conversation = (await PostAsync("/api/v1/conversations", new { })).GetProperty("id").GetGuid();
        await PostAsync($"/api/v1/conversations/{conversation}/messages", new { text = $"buy {word} milk tomorrow" });
        var export = (await PostAsync("/api/v1/users/me/exports", new { })).GetProperty("id").GetGuid();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DataExportJob>().BuildAsync(export, CancellationToken.None); // its chunks (compressed: found by the export's id)
        }


        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            var now = _app.Clock.GetUtcNow();
            var notification = new Notification { UserId = user.Id, Kind = NotificationKinds.Reminder, Text = $"Reminder: call {word}", ReminderId = reminderId, CreatedAt = now };
            db.Notifications.Add(notification);
            db.Set<ReminderDelivery>().Add(new ReminderDelivery { ReminderId = reminderId, Occurrence = now, At = now, Channel = "web", Outcome = "sent" });
            db.Set<DeliveryAttempt>().Add(new DeliveryAttempt { NotificationId = notification.Id, UserId = user.Id, Channel = "push", Outcome = "sent", Attempt = 1, At = now });
            db.Set<PushSubscription>().Add(new PushSubscription
            {
                UserId = user.Id,
                Endpoint = $"https://push.example/{word}",
                EndpointHash = word,
                P256dh = "key",
                AuthProtected = "auth",
                CreatedAt = now,
                UpdatedAt = now,
            });
            db.Set<Briefing>().Add(new Briefing { UserId = user.Id, Kind = "morning", LocalDate = DateOnly.FromDateTime(now.UtcDateTime), DueAt = now, At = now, Outcome = "sent" });
            db.Set<PersonalAssistant.Server.Features.Sms.SmsMessage>().Add(new PersonalAssistant.Server.Features.Sms.SmsMessage
            {
                // the sign-up invitation texted back before the number was verified: no account id on it
                Direction = SmsDirections.Outbound,
                From = "+15005550006",
                To = e164,
                Body = $"sign up first {word}",
                CreatedAt = now,
                UpdatedAt = now,
            });
            db.Set<SmsAllowanceNotice>().Add(new SmsAllowanceNotice { UserId = user.Id, Kind = "daily", Period = "2026-11-18", CreatedAt = now });
            db.Set<SmsOptOut>().Add(new SmsOptOut { E164 = e164, OptedOutAt = now });
            db.Set<QueuedEmail>().Add(new QueuedEmail { UserId = user.Id, Recipient = user.Email, Subject = word, CreatedAt = now });
            await db.SaveChangesAsync();

            var users = services.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindByIdAsync(user.Id.ToString());
            await users.AddClaimAsync(account!, new Claim("nickname", word));
            await users.AddLoginAsync(account!, new UserLoginInfo("example", word, "Example"));
            await users.SetAuthenticationTokenAsync(account!, "example", "token", word);
            sessions = await db.Sessions.AsNoTracking().Where(s => s.UserId == user.Id).Select(s => s.Id.ToString()).ToListAsync();
        }

        return new Person(user, secret, [user.Id.ToString(), user.Email, e164, word, reminderId.ToString(), target.ToString(), .. sessions], [export.ToString()]);
    }
}
