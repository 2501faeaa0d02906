using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;
using Xunit.Abstractions;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// Issue 15, speed: the database commands one offline chat turn costs, counted by an EF Core command interceptor from
/// the moment the message is posted (with <c>Prefer: wait</c>) until its reply is back: the request (auth, the
/// conversation, the stored message) and the turn (state, the tool's statements, the reply). Counts, never times:
/// <c>scripts/bench-chat.sh</c> measures the time. The ceilings are what a turn of each kind needs today; a change
/// that adds a round trip to every turn fails here.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TurnRoundTripTests(TurnRoundTripTests.CountingApp fixture, ITestOutputHelper output) : IClassFixture<TurnRoundTripTests.CountingApp>
{
    // Ceilings (SQLite, one statement a command; 2026-12-05): before this work a capture took 8, a list add of two
    // items 18, undo 10. The clock is frozen, so the conversation's time does not change between the message and
    // the reply: in production the stored message also updates the conversation's time (one more statement).
    [Theory]
    [InlineData("capture", "call mom tomorrow at 3pm", 7)]
    [InlineData("capture-fr", "rappelle-moi d'appeler le garage demain à 10h", 7)]
    [InlineData("task", "buy milk friday", 7)]
    [InlineData("question", "what do I have today?", 7)]
    [InlineData("list-add", "add eggs and butter to the grocery list", 11)]
    [InlineData("brain-dump", "buy milk, call the dentist tomorrow and pay rent by friday", 11)]
    public async Task Turn_StaysUnderItsCeiling(string kind, string text, int ceiling)
    {
        var (client, conversation) = await fixture.ConversationAsync();
        using (client)
        {
            await SayAsync(client, conversation, "add bread to the grocery list"); // a past turn; the default list exists

            var commands = await fixture.Counter.CountAsync(() => SayAsync(client, conversation, text));

            Assert.True(Report(kind, commands) <= ceiling, $"{kind}: more than {ceiling} commands");
        }
    }

    [Fact]
    public async Task Undo_StaysUnderItsCeiling()
    {
        var (client, conversation) = await fixture.ConversationAsync();
        using (client)
        {
            await SayAsync(client, conversation, "call mom tomorrow at 3pm");

            var commands = await fixture.Counter.CountAsync(() => SayAsync(client, conversation, "undo"));

            Assert.True(Report("undo", commands) <= 7, "undo: more than 7 commands");
            Assert.StartsWith("Undone", Text(await fixture.LastReplyAsync(client, conversation)), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Writes the commands to the test output and answers how many count: the sign-in's session and profile reads are
    /// cached for a few seconds per person (a busy test machine can outlast that between two messages), so they are
    /// listed but not counted.
    /// </summary>
    private int Report(string kind, IReadOnlyList<string> commands)
    {
        var counted = commands.Count(c => !Cached(c));
        output.WriteLine($"{kind}: {counted} commands");
        foreach (var command in commands)
        {
            var text = command.ReplaceLineEndings(" ");
            output.WriteLine((Cached(command) ? "  (cached per person, not counted) " : "  ") + (text.Length > 160 ? text[..160] : text));
        }

        return counted;
    }

    private static bool Cached(string command) =>
        command.Contains("FROM \"Sessions\"", StringComparison.Ordinal) || command.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal);

    /// <summary>A host whose database commands are counted; one per test class.</summary>
    public sealed class CountingApp : IAsyncLifetime
    {
        public CommandCounter Counter { get; } = new();

        public AssistantApp App { get; } = new();

        public async Task<(HttpClient Client, Guid Conversation)> ConversationAsync()
        {
            var user = await Accounts.RegisterAndLoginAsync(App);
            var client = user.Client(App);
            return (client, await StartAsync(client));
        }

        public async Task<System.Text.Json.JsonElement> LastReplyAsync(HttpClient client, Guid conversation)
        {
            var page = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/conversations/{conversation}/messages");
            return page.GetProperty("items").EnumerateArray().Last();
        }

        public Task InitializeAsync()
        {
            var counter = Counter;
            App.WithServices(services =>
            {
                services.ConfigureDbContext<SqliteAppDbContext>(options => options.AddInterceptors(counter));
                services.ConfigureDbContext<PostgresAppDbContext>(options => options.AddInterceptors(counter));
            });
            return ((IAsyncLifetime)App).InitializeAsync();
        }

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>Every command EF Core sends while <see cref="CountAsync"/> runs (other hosts' work is in other fixtures).</summary>
    public sealed class CommandCounter : DbCommandInterceptor
    {
        private ConcurrentQueue<string>? _recording;

        public async Task<IReadOnlyList<string>> CountAsync(Func<Task> action)
        {
            ArgumentNullException.ThrowIfNull(action);
            var recording = new ConcurrentQueue<string>();
            Volatile.Write(ref _recording, recording);
            try
            {
                await action();
            }
            finally
            {
                Volatile.Write(ref _recording, null);
            }

            return recording.ToList();
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Record(command, result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Record(command, result));

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
            Record(command, result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Record(command, result));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
            Record(command, result);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Record(command, result));

        private T Record<T>(DbCommand command, T result)
        {
            Volatile.Read(ref _recording)?.Enqueue(command.CommandText);
            return result;
        }
    }
}
