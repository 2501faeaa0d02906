using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Sms;

/// <summary>
/// Usage and costs (issue 17) over a seeded set of SMS rows: exact counts and costs for the person (their local days,
/// their rows only) and for administrators (per person, number, country, delivery, errors, months with rental), in JSON
/// and CSV; ranges checked.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class SmsUsageTests : IAsyncLifetime
{
    private const string PhoneA = "+15145550111";
    private const string PhoneB = "+33612345678";
    private const string Unknown = "+14155550199";

    private readonly AssistantApp _app = TwilioWebhook.Configure(new AssistantApp()).With("Sms:Prices:Prefixes:33:Outbound", "0.07");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Usage_SeededRows_ExactFiguresForThePersonAndTheAdministrator()
    {
        var admin = await Accounts.RegisterAndLoginAsync(_app, Accounts.NewEmail("admin")); // the first account administers
        var a = await Accounts.RegisterAndLoginAsync(_app); // America/Toronto
        var b = await Accounts.RegisterAndLoginAsync(_app);
        await SeedAsync(a.Id, b.Id);

        // A: 02:00 UTC on the 18th is the evening of the 17th in Toronto; B's rows are not A's
        using var clientA = a.Client(_app);
        var mine = await clientA.GetFromJsonAsync<JsonElement>("/api/v1/sms/usage?from=2026-11-16&to=2026-11-18");
        var days = mine.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2026-11-16", "2026-11-17", "2026-11-18"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal((1, 1, 2, 5, 0.0492m), Figures(days[1]));
        Assert.Equal((0, 0, 0, 0, 0m), Figures(days[2]));
        Assert.Equal((1, 1, 2, 5, 0.0492m), Figures(mine.GetProperty("totals")));
        Assert.Equal("USD", mine.GetProperty("currency").GetString());

        using var csv = await clientA.GetAsync("/api/v1/sms/usage?from=2026-11-16&to=2026-11-18&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            ["date,messages_in,segments_in,messages_out,segments_out,estimated_cost,currency", "2026-11-16,0,0,0,0,0,USD", "2026-11-17,1,1,2,5,0.0492,USD", "2026-11-18,0,0,0,0,0,USD"],
            Lines(await csv.Content.ReadAsStringAsync()));

        // B sees only B's
        using var clientB = b.Client(_app);
        var bs = await clientB.GetFromJsonAsync<JsonElement>("/api/v1/sms/usage?from=2026-11-17&to=2026-11-18");
        Assert.Equal((1, 1, 1, 1, 0.0783m), Figures(bs.GetProperty("totals")));

        // the administrator, by UTC day
        using var adminClient = admin.Client(_app);
        var all = await adminClient.GetFromJsonAsync<JsonElement>("/api/v1/admin/sms/usage?from=2026-11-17&to=2026-11-18");
        Assert.Equal((3, 3, 3, 6, 0.1358m), Figures(all.GetProperty("totals")));
        var people = all.GetProperty("people").EnumerateArray().ToList();
        Assert.Equal([b.Id, a.Id], people.Select(p => p.GetProperty("userId").GetGuid()));
        Assert.Equal((1, 1, 2, 5, 0.0492m), Figures(people[1].GetProperty("usage")));
        Assert.Equal(a.Email, people[1].GetProperty("email").GetString());
        var number = Assert.Single(all.GetProperty("numbers").EnumerateArray());
        Assert.Equal(TwilioWebhook.InstanceNumber, number.GetProperty("number").GetString());
        var countries = all.GetProperty("countries").EnumerateArray().ToDictionary(c => c.GetProperty("country").GetString()!, c => Figures(c.GetProperty("usage")));
        Assert.Equal((1, 1, 2, 5, 0.0492m), countries["CA"]);
        Assert.Equal((1, 1, 1, 1, 0.0783m), countries["FR"]);
        Assert.Equal((1, 1, 0, 0, 0.0083m), countries["US"]);
        var delivery = all.GetProperty("delivery");
        Assert.Equal((3, 3, 1), (delivery.GetProperty("outbound").GetInt32(), delivery.GetProperty("final").GetInt32(), delivery.GetProperty("delivered").GetInt32()));
        Assert.Equal(0.3333, delivery.GetProperty("successRate").GetDouble());
        var error = Assert.Single(all.GetProperty("topErrors").EnumerateArray());
        Assert.Equal((30007, 2), (error.GetProperty("errorCode").GetInt32(), error.GetProperty("count").GetInt32()));
        var month = Assert.Single(all.GetProperty("months").EnumerateArray());
        Assert.Equal("2026-11", month.GetProperty("month").GetString());
        Assert.Equal((0.1358m, 1, 1.15m, 1.2858m), (month.GetProperty("messagesCost").GetDecimal(), month.GetProperty("numbers").GetInt32(),
            month.GetProperty("numberRental").GetDecimal(), month.GetProperty("total").GetDecimal()));

        using var adminCsv = await adminClient.GetAsync("/api/v1/admin/sms/usage?from=2026-11-17&to=2026-11-18&format=csv");
        Assert.Equal("text/csv", adminCsv.Content.Headers.ContentType?.MediaType);
        var lines = Lines(await adminCsv.Content.ReadAsStringAsync());
        Assert.Equal("section,key,metric,value,unit", lines[0]);
        Assert.Contains("total,all,estimated_cost,0.1358,USD", lines);
        Assert.Contains($"person,{a.Id},segments_out,5,", lines);
        Assert.Contains("country,FR,estimated_cost,0.0783,USD", lines);
        Assert.Contains("delivery,all,success_rate,0.3333,ratio", lines);
        Assert.Contains("error,30007,count,2,", lines);
        Assert.Contains("month,2026-11,number_rental,1.15,USD", lines);
        Assert.Contains("month,2026-11,total,1.2858,USD", lines);
        Assert.All(lines, line => Assert.Equal(4, line.Count(c => c == ',')));

        // not an administrator
        using var refused = await clientA.GetAsync("/api/v1/admin/sms/usage");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var refusedCsv = await clientA.GetAsync("/api/v1/admin/sms/usage?format=csv");
        Assert.Equal(HttpStatusCode.Forbidden, refusedCsv.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/sms/usage?from=2026-11-18&to=2026-11-01", "to")]
    [InlineData("/api/v1/sms/usage?from=2025-01-01&to=2026-11-18", "from")]
    [InlineData("/api/v1/sms/usage?format=xml", "format")]
    [InlineData("/api/v1/admin/sms/usage?from=2026-11-18&to=2026-11-01", "to")]
    [InlineData("/api/v1/admin/sms/usage?from=2025-01-01&to=2026-11-18", "from")]
    public async Task Usage_BadRange_Is400ProblemNamingTheField(string url, string field)
    {
        var admin = await Accounts.RegisterAndLoginAsync(_app, Accounts.NewEmail("admin"));
        using var client = admin.Client(_app);
        using var response = await client.GetAsync(url);
        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Usage_NoRange_IsTheLast30Days()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        using var client = user.Client(_app);
        var usage = await client.GetFromJsonAsync<JsonElement>("/api/v1/sms/usage");
        Assert.Equal(("2026-10-20", "2026-11-18", 30), (usage.GetProperty("from").GetString(), usage.GetProperty("to").GetString(), usage.GetProperty("days").GetArrayLength()));
    }

    private async Task SeedAsync(Guid a, Guid b)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var instance = TwilioWebhook.InstanceNumber;
        SmsMessage Row(string direction, Guid? user, string from, string to, int segments, string status, DateTimeOffset at, int? error = null, decimal? price = null) =>
            new()
            {
                Direction = direction,
                UserId = user,
                From = from,
                To = to,
                Segments = segments,
                Status = status,
                ErrorCode = error,
                Price = price,
                PriceUnit = price is null ? null : "USD",
                MessageSid = "SM" + Guid.NewGuid().ToString("N"),
                CreatedAt = at,
                UpdatedAt = at,
            };
        var day17 = new DateTimeOffset(2026, 11, 17, 15, 0, 0, TimeSpan.Zero);
        db.Set<SmsMessage>().AddRange(
            Row("inbound", a, PhoneA, instance, 1, "handled", day17),
            Row("outbound", a, instance, PhoneA, 2, "delivered", day17.AddMinutes(1), price: -0.0160m),
            Row("outbound", a, instance, PhoneA, 3, "undelivered", new DateTimeOffset(2026, 11, 18, 2, 0, 0, TimeSpan.Zero), error: 30007),
            Row("inbound", b, PhoneB, instance, 1, "handled", day17.AddHours(20)),
            Row("outbound", b, instance, PhoneB, 1, "failed", day17.AddHours(22), error: 30007),
            Row("inbound", null, Unknown, instance, 1, "handled", day17.AddHours(21)),
            // outside the ranges asked
            Row("outbound", a, instance, PhoneA, 4, "delivered", new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero)));
        await db.SaveChangesAsync();
    }

    private static (int, int, int, int, decimal) Figures(JsonElement e) =>
        (e.GetProperty("messagesIn").GetInt32(), e.GetProperty("segmentsIn").GetInt32(), e.GetProperty("messagesOut").GetInt32(),
            e.GetProperty("segmentsOut").GetInt32(), e.GetProperty("estimatedCost").GetDecimal());

    private static List<string> Lines(string csv) => [.. csv.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries)];
}
