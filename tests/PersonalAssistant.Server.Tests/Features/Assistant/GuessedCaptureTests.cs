using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// Issue 15, "never 'Got it' on a guess": a capture only the statistical layer suspects (no rule read it, the classifier
/// is not sure) is said back as a question and saved only after a yes; a no, or anything else, saves nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GuessedCaptureTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Theory]
    [InlineData("les gouttières à nettoyer", "oui", "gouttières")]
    [InlineData("la facture d'électricité", "ouais vas-y", "facture")]
    public async Task AGuessedTask_IsAskedAbout_AndSavedAfterYes(string message, string yes, string title)
    {
        var (client, conversation) = await StartAsync();

        var asked = Text(await SayAsync(client, conversation, message));

        Assert.Contains("?", asked, StringComparison.Ordinal);
        Assert.Contains(title, asked, StringComparison.Ordinal);
        Assert.Equal(0, await TotalAsync(client));

        await SayAsync(client, conversation, yes);

        var task = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("items").EnumerateArray());
        Assert.Contains(title, task.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("les gouttières à nettoyer", "non")]
    [InlineData("la facture d'électricité", "non merci")]
    public async Task AGuessedTask_AnsweredNo_SavesNothing(string message, string no)
    {
        var (client, conversation) = await StartAsync();
        await SayAsync(client, conversation, message);

        await SayAsync(client, conversation, no);

        Assert.Equal(0, await TotalAsync(client));
    }

    [Fact]
    public async Task AGuessedReminderWithNoTime_AsksWhen_AndSavesNothing()
    {
        var (client, conversation) = await StartAsync();

        var reply = Text(await SayAsync(client, conversation, "don't let me forget the recycling"));

        Assert.Contains("?", reply, StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("total").GetInt32());
    }

    private static async Task<int> TotalAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32();

    private async Task<(HttpClient Client, Guid Conversation)> StartAsync()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var client = user.Client(app);
        return (client, await Chat.StartAsync(client));
    }
}
