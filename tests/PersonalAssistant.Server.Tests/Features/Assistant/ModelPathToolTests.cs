using System.Globalization;
using System.Text.Json;
using NodaTime;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// What running the conversation scenarios through a model (tests/conversations/fake_model.py) found missing or
/// wrong in the tools: French bare hours, repeating events, the clock-change gap.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ModelPathToolTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private static readonly TimeZoneInfo Toronto = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    private AssistantApp App => fixture.App;

    private FakeChatCompletionsServer Provider => fixture.Provider;

    [Theory]
    [InlineData("11h", "finalement mets plutôt 11h", 11, 0)]
    [InlineData("à 18h", "plutôt à 18h", 18, 0)]
    [InlineData("21h30", "mets-le à 21h30", 21, 30)]
    [InlineData("17 h", "non, 17 h", 17, 0)]
    [InlineData("4pm", "actually make it 4pm instead", 16, 0)]
    public async Task ABareHour_MovesTheReminder_KeepingItsDay(string when, string message, int hour, int minute)
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var tomorrow = App.Today(Toronto).AddDays(1);
        using var created = await client.PostAsJsonAsync("/api/v1/reminders",
            new { text = "appeler la mairie", when = tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var conversation = await StartAsync(client);
        Provider.Script(ScriptedReply.Call("update_item", new { item = "mairie", when, keepDay = true }), ScriptedReply.Text("ok"));

        await SayAsync(client, conversation, message);

        var reminder = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{id}");
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(reminder.GetProperty("nextAt").GetString()!, CultureInfo.InvariantCulture), Toronto);
        Assert.Equal((tomorrow, hour, minute), (DateOnly.FromDateTime(at.DateTime), at.Hour, at.Minute));
    }

    [Theory]
    [InlineData("17h", "fr", 17, 0)]
    [InlineData("à 9h", "fr", 9, 0)]
    [InlineData("21h30", "fr", 21, 30)]
    [InlineData("tomorrow at 5pm", "fr", 17, 0)] // words in their own language still win
    [InlineData("demain à 8h", "en", 8, 0)]
    public void TimeWords_WithoutALanguageOfTheirOwn_AreReadInThePersonsLanguage(string words, string language, int hour, int minute)
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var now = Instant.FromUtc(2026, 11, 18, 14, 0);

        var read = TimeInput.Read(words, zone, now, LanguageEngine.CreateDefault(), language);

        Assert.NotNull(read?.When.Instant);
        Assert.Equal((hour, minute), (read.When.Instant!.Value.Hour, read.When.Instant!.Value.Minute));
    }

    [Theory]
    [InlineData("March 14 at 2:30am", "2:30")]
    [InlineData("2027-03-14T02:15", "2:15")]
    [InlineData("le 14 mars à 2h30", "2:30")]
    public async Task ATimeInTheSpringForwardGap_IsSavedAfterIt_AndTheToolSaysWhy(string when, string said)
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var conversation = await StartAsync(client);
        Provider.Script(ScriptedReply.Call("add_reminder", new { text = "check the baby monitor", when }), ScriptedReply.Text("ok"));

        var reply = await SayAsync(client, conversation, "remind me then to check the baby monitor");

        var (_, id) = Assert.Single(Actions(reply));
        var reminder = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{id}");
        var at = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(reminder.GetProperty("nextAt").GetString()!, CultureInfo.InvariantCulture), Toronto);
        Assert.Equal((new DateOnly(2027, 3, 14), 3), (DateOnly.FromDateTime(at.DateTime), at.Hour));
        var result = JsonSerializer.Deserialize<JsonElement>(ToolMessages().Last());
        Assert.Contains(said, result.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrdinaryTime_HasNoNote()
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var conversation = await StartAsync(client);
        Provider.Script(ScriptedReply.Call("add_reminder", new { text = "stretch", when = "March 14 at 3:30am" }), ScriptedReply.Text("ok"));

        await SayAsync(client, conversation, "remind me to stretch on March 14 at 3:30am");

        var result = JsonSerializer.Deserialize<JsonElement>(ToolMessages().Last());
        Assert.True(!result.TryGetProperty("note", out var note) || note.ValueKind == JsonValueKind.Null);
    }

    [Theory]
    [InlineData("every weekday at 9:30am", null, "BYDAY=MO,TU,WE,TH,FR")]
    [InlineData("monday at 9:30am", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "BYDAY=MO,TU,WE,TH,FR")]
    [InlineData("lundi à 9h30", "FREQ=MONTHLY;BYDAY=1MO", "BYDAY=1MO")]
    public async Task AnEvent_Repeats_FromItsWordsOrTheRule(string start, string? repeat, string expected)
    {
        var user = await Accounts.RegisterAndLoginAsync(App);
        using var client = user.Client(App);
        var conversation = await StartAsync(client);
        Provider.Script(ScriptedReply.Call("add_event", new { title = "team standup", start, repeat }), ScriptedReply.Text("ok"));

        var reply = await SayAsync(client, conversation, "team standup every weekday at 9:30");

        var (kind, id) = Assert.Single(Actions(reply));
        Assert.Equal("event.created", kind);
        var item = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");
        Assert.Contains(expected, item.GetProperty("rrule").GetString(), StringComparison.Ordinal);
    }

    private List<string> ToolMessages() =>
        Provider.Requests.SelectMany(r => r["messages"]!.AsArray()).Where(m => m!["role"]!.GetValue<string>() == "tool")
            .Select(m => m!["content"]!.ToString()).ToList();
}
