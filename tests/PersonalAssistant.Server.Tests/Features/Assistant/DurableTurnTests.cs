using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Features.Assistant;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// An accepted message (202) is answered even if the host stops before its turn runs (issue 16): the next host on the
/// same database finds the message without a reply and answers it, once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DurableTurnTests
{
    [Fact]
    public async Task AcceptedMessage_WhoseHostStoppedBeforeAnswering_IsAnsweredOnceByTheNextHost()
    {
        var first = new AssistantApp();
        await ((IAsyncLifetime)first).InitializeAsync();
        try
        {
            var user = await Accounts.RegisterAndLoginAsync(first);
            // the turn workers are gone: the message is stored and accepted, and nobody answers it on this host
            await first.Services.GetRequiredService<AssistantTurnQueue>().StopAsync(CancellationToken.None);
            Guid conversation;
            long messageId;
            using (var client = user.Client(first))
            {
                conversation = await Chat.StartAsync(client);
                using var sent = await client.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { text = "buy milk tomorrow" });
                Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
                messageId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt64();
            }

            await first.DisposeAsync();

            var second = first.Restarted();
            await ((IAsyncLifetime)second).InitializeAsync();
            try
            {
                var again = await Accounts.LoginAsync(second, user.Email, user.Password, user.Id);
                // just accepted: it could still be waiting in a live replica's queue, so it is not taken yet
                Assert.Equal(0, await second.Services.GetRequiredService<TurnRecovery>().RecoverAsync(CancellationToken.None));
                second.Clock.Advance(TimeSpan.FromMinutes(3)); // the restart took a while: no live host can still be running that turn

                var messages = await MessagesWithinAsync(second, again, conversation, 2, TimeSpan.FromSeconds(60));
                Assert.Equal(["user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
                Assert.Equal(messageId, messages[1].GetProperty("replyTo").GetInt64());
                Assert.Contains("milk", messages[1].GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);

                // later looks find nothing owed, and the message is not answered twice
                second.Clock.Advance(TimeSpan.FromMinutes(2));
                Assert.Equal(0, await second.Services.GetRequiredService<TurnRecovery>().RecoverAsync(CancellationToken.None));
                await Task.Delay(500);
                Assert.Equal(2, (await MessagesWithinAsync(second, again, conversation, 2, TimeSpan.Zero)).Count);
            }
            finally
            {
                await ((IAsyncLifetime)second).DisposeAsync();
            }
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    [Fact]
    public async Task MessageStillQueuedOnThisHost_IsNotQueuedAgain()
    {
        var app = new AssistantApp();
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            var user = await Accounts.RegisterAndLoginAsync(app);
            await app.Services.GetRequiredService<AssistantTurnQueue>().StopAsync(CancellationToken.None);
            using var client = user.Client(app);
            var conversation = await Chat.StartAsync(client);
            using var sent = await client.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { text = "buy milk tomorrow" });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

            app.Clock.Advance(TimeSpan.FromMinutes(3));
            Assert.Equal(0, await app.Services.GetRequiredService<TurnRecovery>().RecoverAsync(CancellationToken.None));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task MessageOwed_IsTakenByOneReplicaOnly_WhenTwoLookAtOnce()
    {
        var origin = new AssistantApp();
        await ((IAsyncLifetime)origin).InitializeAsync();
        var user = await Accounts.RegisterAndLoginAsync(origin);
        await origin.Services.GetRequiredService<AssistantTurnQueue>().StopAsync(CancellationToken.None);
        long messageId;
        using (var client = user.Client(origin))
        {
            var conversation = await Chat.StartAsync(client);
            using var sent = await client.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { text = "buy milk tomorrow" });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            messageId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt64();
        }

        await origin.DisposeAsync();

        // two replicas come up on that database; neither answers (their turn workers are stopped), so whoever takes the
        // message keeps it pending where it can be seen
        var first = origin.Restarted();
        await ((IAsyncLifetime)first).InitializeAsync();
        var second = new AssistantApp().ReplicaOf(first);
        await ((IAsyncLifetime)second).InitializeAsync();
        try
        {
            var queues = new[] { first, second }.Select(app => app.Services.GetRequiredService<AssistantTurnQueue>()).ToArray();
            foreach (var queue in queues)
            {
                await queue.StopAsync(CancellationToken.None);
            }

            // both replicas' recovery loops tick at the same moment, and both are asked once more directly
            first.Clock.Advance(TimeSpan.FromMinutes(3));
            second.Clock.Advance(TimeSpan.FromMinutes(3));
            await Task.WhenAll(
                first.Services.GetRequiredService<TurnRecovery>().RecoverAsync(CancellationToken.None),
                second.Services.GetRequiredService<TurnRecovery>().RecoverAsync(CancellationToken.None));
            await Task.Delay(500); // the loops' passes, started by the clock, finish

            Assert.Equal(1, queues.Count(q => q.IsPending(messageId)));
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    private static async Task<List<JsonElement>> MessagesWithinAsync(AssistantApp app, TestUser user, Guid conversation, int count, TimeSpan deadline)
    {
        using var client = user.Client(app);
        var until = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        List<JsonElement> messages;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversation}/messages");
            messages = [.. page.GetProperty("items").EnumerateArray().OrderBy(m => m.GetProperty("id").GetInt64())];
            if (messages.Count >= count)
            {
                return messages;
            }

            await Task.Delay(100);
        }
        while (Environment.TickCount64 < until);
        return messages;
    }
}
