using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.Threading;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Expenses;
using PersonalAssistant.Server.Features.Lists;
using PersonalAssistant.Server.Features.Memories;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.LanguageModels;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Runs one turn: the person's message is already stored; this answers it. "undo" and the answer to an open question
/// are handled first, without a model; anything else goes to the configured engine with the tools. The reply is
/// appended to the conversation and streamed to the person's open web sessions. A provider failure or a timeout
/// becomes a kind reply and a logged error, never a lost message.
/// </summary>
internal sealed partial class AssistantTurn(
    AppDbContext db, PersonClock clock, LanguageEngine engine, TimeProvider time, ChatEngines engines, TaskService tasks, ReminderService reminders,
    EventService events, NoteService notes, ListService lists, ExpenseService expenses, MemoryService memories, AssistantUndo undo,
    IHubContext<AssistantHub> hub, AssistantMetrics metrics, IOptions<AssistantOptions> options, ILogger<AssistantTurn> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Answers the person's message <paramref name="messageId"/>; returns the stored reply (null if the message is gone).</summary>
    public async Task<MessageResponse?> RunAsync(Guid userId, long messageId, CancellationToken cancellationToken)
    {
        // One round trip: the message and its conversation. Not tracked: the tools' saves must not write the
        // conversation halfway through the turn; it is attached and written once, with the reply.
        var found = await db.ConversationMessages.AsNoTracking().Where(m => m.Id == messageId && m.UserId == userId)
            .Select(m => new
            {
                Message = m,
                Conversation = db.Conversations.Single(c => c.Id == m.ConversationId && c.UserId == userId),
                // a turn recovered after a restart (TurnRecovery) that another replica answered meanwhile is not run twice
                Answered = db.ConversationMessages.Any(r => r.ConversationId == m.ConversationId && r.Id > m.Id && r.Role == MessageRoles.Assistant && r.ReplyToId == m.Id),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.Answered)
        {
            return null;
        }

        var (message, conversation) = (found.Message, found.Conversation);
        var (storedState, storedAt) = (conversation.Pending, conversation.UpdatedAt);

        var person = await clock.NowAsync(userId, cancellationToken);
        var detected = engine.Detect(message.Text);
        var language = detected is not null && Locales.All.Contains(detected) ? detected : Locales.All.Contains(person.Locale) ? person.Locale : Locales.English;
        var (pending, last, asked) = DialogueState.Read(conversation, time.GetUtcNow());
        language = DialogueState.AnswerLanguage(message.Text, pending, asked, engine.Keywords) ?? language;
        var user = userId.ToString();
        // The turn speaks the message's language: what the services say inside it (a refusal, a reason) too.
        var turn = new TurnContext(person with { Locale = language }, conversation.Id, message.Id, conversation.Channel, language)
        {
            OnAction = action => hub.Clients.User(user).SendAsync(AssistantHub.ActionTaken, new ActionEvent(conversation.Id, message.Id, action), CancellationToken.None),
        };
        await hub.Clients.User(user).SendAsync(AssistantHub.TurnStarted, new TurnStartedEvent(conversation.Id, message.Id), CancellationToken.None);

        turn.Last = last;
        var tools = new AssistantTools(turn, db, engine, time, tasks, reminders, events, notes, lists, expenses, memories);
        var reply = await AnswerWithoutModelAsync(message.Text, pending, turn, tools, cancellationToken)
            ?? await AskEngineAsync(conversation, message, turn, tools, user, cancellationToken);

        var stored = new ConversationMessage
        {
            ConversationId = conversation.Id,
            UserId = userId,
            Role = MessageRoles.Assistant,
            Channel = conversation.Channel,
            Text = Replies.Fit(string.IsNullOrWhiteSpace(reply) ? Replies.ProviderFailed(turn.Language) : reply, conversation.Channel),
            ReplyToId = message.Id,
            Actions = turn.Actions.Count == 0 ? null : JsonSerializer.Serialize(turn.Actions, Json),
            CreatedAt = time.GetUtcNow(),
        };
        db.ConversationMessages.Add(stored);
        SaveState(conversation, DialogueState.Write(turn.Pending, turn.Last, turn.Language), storedState, stored.CreatedAt, storedAt);
        await db.SaveChangesAsync(CancellationToken.None); // the reply, the conversation and the turn's undo log together
        LogTurn(logger, conversation.Id, message.Id, turn.Actions.Count, stored.Text.Length);
        metrics.Turn(conversation.Channel, turn.Actions);
        var answer = MessageResponse.From(stored);
        await hub.Clients.User(user).SendAsync(AssistantHub.TurnCompleted, answer, CancellationToken.None);
        return answer;
    }

    /// <summary>The conversation's new state and time, as one UPDATE of what changed, saved with the reply.</summary>
    private void SaveState(Conversation conversation, string? state, string? storedState, DateTimeOffset at, DateTimeOffset storedAt)
    {
        conversation.Pending = storedState; // as read: the attached entity's original values
        conversation.UpdatedAt = storedAt;
        db.Conversations.Attach(conversation);
        conversation.Pending = state;
        conversation.UpdatedAt = at;
    }

    /// <summary>"undo", and yes/no or a time that answers the question left open; null when the message is for the engine.</summary>
    private async Task<string?> AnswerWithoutModelAsync(string text, PendingQuestion? pending, TurnContext turn, AssistantTools tools, CancellationToken cancellationToken)
    {
        var folded = TextKeys.Fold(text);
        var open = pending is not null && pending.ExpiresAt >= time.GetUtcNow();
        if (AssistantUndo.IsUndo(folded))
        {
            // "never mind" / "laisse tomber" while a question is open drops the question; nothing was done yet
            return open ? Replies.Declined(turn.Language) : Replies.Undone(await undo.UndoLatestAsync(turn, cancellationToken), turn.Language);
        }

        if (!open || pending is null)
        {
            return null;
        }

        var arguments = pending.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal);
        if (pending.Kind == PendingQuestion.Confirm)
        {
            if (ChangeAnswers.IsNo(folded, engine.Keywords))
            {
                return Replies.Declined(turn.Language);
            }

            if (!ChangeAnswers.IsYes(folded, engine.Keywords))
            {
                return null;
            }

            turn.Confirmed = true;
        }
        else if (pending.Kind == PendingQuestion.Choose)
        {
            if (ChangeAnswers.Pick(text, pending, engine.Keywords) is not { } picked)
            {
                return null;
            }

            arguments[pending.Field!] = picked;
        }
        else if (Choose(text, pending, turn) is { } chosen)
        {
            arguments[pending.Field!] = chosen;
            if (pending.Repeat is { } rule)
            {
                arguments["repeat"] = rule;
            }
        }
        else
        {
            return null;
        }

        var function = tools.All().Single(f => f.Name == pending.Tool);
        var result = Replies.Read(await function.InvokeAsync(new AIFunctionArguments(arguments), cancellationToken));
        return Replies.ForResults([(pending.Tool, result)], turn.Language, turn.Channel);
    }

    /// <summary>Which of the offered times the answer picks: "7pm", "evening", "le matin", "the first"...</summary>
    private string? Choose(string answer, PendingQuestion pending, TurnContext turn)
    {
        var options = (pending.Alternatives ?? []).Select(o => TimeInput.Read(o, turn.Person.Zone, turn.Person.Now.ToInstant(), engine, turn.Language)?.When).ToList();
        if (options.Count == 0 || options.Any(o => o is null))
        {
            return null;
        }

        var words = TextKeys.Words(answer);
        var answers = engine.Keywords;
        bool Morning(NodaTime.ZonedDateTime? at) => at is { Hour: < 12 };
        int? index = null;
        if (words.Overlaps(answers.MorningAnswers))
        {
            index = options.FindIndex(o => Morning(o!.Value.Instant));
        }
        else if (words.Overlaps(answers.EveningAnswers))
        {
            index = options.FindIndex(o => o!.Value.Instant is { Hour: >= 12 });
        }
        else if (words.Overlaps(answers.FirstAnswers) || words.Contains("1"))
        {
            index = 0;
        }
        else if (words.Overlaps(answers.SecondAnswers) || words.Contains("2"))
        {
            index = 1;
        }
        else if (engine.ParseTime(answer, new ParseContext(turn.Person.Now.LocalDateTime, turn.Person.Zone, turn.Language)) is { Ambiguous: false, When.Instant: { } said })
        {
            index = options.FindIndex(o => o!.Value.Instant is { } at && at.Hour == said.Hour && at.Minute == said.Minute);
        }

        return index is >= 0 && index < options.Count ? options[index.Value]!.Value.ToString() : null;
    }

    private async Task<string> AskEngineAsync(Conversation conversation, ConversationMessage message, TurnContext turn, AssistantTools tools, string user, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var messages = engines.ReadsContext ? await ContextAsync(conversation, message, turn, settings, cancellationToken) : [];
        messages.Add(new ChatMessage(ChatRole.User, message.Text));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TurnTimeoutSeconds));
        var reply = new StringBuilder();
        try
        {
            var client = engines.ForTurn(turn);
            var chatOptions = new ChatOptions { Tools = [.. tools.All()], ToolMode = ChatToolMode.Auto };
            await foreach (var update in client.GetStreamingResponseAsync(messages, chatOptions, timeout.Token))
            {
                if (!string.IsNullOrEmpty(update.Text))
                {
                    reply.Append(update.Text);
                    await hub.Clients.User(user).SendAsync(AssistantHub.TextDelta, new TextDeltaEvent(conversation.Id, message.Id, update.Text), CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(logger, engines.Provider, conversation.Id, settings.TurnTimeoutSeconds);
            return Replies.ProviderFailed(turn.Language);
        }
#pragma warning disable CA1031 // whatever the provider throws, the person gets a kind reply and the error is logged
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogProviderFailure(logger, exception, engines.Provider, conversation.Id);
            return Replies.ProviderFailed(turn.Language);
        }

        return reply.ToString();
    }

    /// <summary>What a model reads before the message: the system prompt (with relevant memories) and the conversation so far.</summary>
    private async Task<List<ChatMessage>> ContextAsync(Conversation conversation, ConversationMessage message, TurnContext turn, AssistantOptions settings, CancellationToken cancellationToken)
    {
        var history = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.UserId == turn.Person.UserId && m.Id < message.Id)
            .OrderByDescending(m => m.Id).Take(settings.HistoryMessages).Select(m => new { m.Role, m.Text }).ToListAsync(cancellationToken);
        var remembered = (await memories.RecentAsync(turn.Person, 200, cancellationToken)).Select(m => m.Body).ToList();

        var messages = new List<ChatMessage> { new(ChatRole.System, SystemPrompt.For(turn.Person, turn.Channel, turn.Language, SystemPrompt.Relevant(remembered, message.Text))) };
        messages.AddRange(history.AsEnumerable().Reverse().Select(m => new ChatMessage(m.Role == MessageRoles.Assistant ? ChatRole.Assistant : ChatRole.User, m.Text)));
        return messages;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Assistant turn done: conversation {ConversationId}, message {MessageId}, {Actions} actions, reply of {Length} characters")]
    private static partial void LogTurn(ILogger logger, Guid conversationId, long messageId, int actions, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assistant turn timed out after {Seconds} s with provider {Provider}: conversation {ConversationId}")]
    private static partial void LogTimeout(ILogger logger, string provider, Guid conversationId, int seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Assistant provider {Provider} failed: conversation {ConversationId}")]
    private static partial void LogProviderFailure(ILogger logger, Exception exception, string provider, Guid conversationId);
}

/// <summary>
/// Turns waiting to run, at most <see cref="AssistantOptions.Workers"/> at a time: a conversation's turns run in order,
/// different conversations side by side (<see cref="KeyedWorkQueue{TKey}"/>). Whoever enqueued a turn can await its
/// reply (<c>Prefer: wait</c>). Turns still queued when the host stops are answered after the restart (TurnRecovery).
/// </summary>
internal sealed partial class AssistantTurnQueue(IServiceScopeFactory scopes, IOptions<AssistantOptions> options, ILogger<AssistantTurnQueue> logger)
    : IHostedService, IDisposable
{
    private readonly KeyedWorkQueue<Guid> _turns = new(options.Value.Workers);

    private readonly ConcurrentDictionary<long, TaskCompletionSource<MessageResponse?>> _waiting = new();

    /// <summary>Whether this process has the turn of <paramref name="messageId"/> queued or running.</summary>
    public bool IsPending(long messageId) => _waiting.ContainsKey(messageId);

    /// <summary>Queues the turn; the returned task completes with the stored reply.</summary>
    public Task<MessageResponse?> Enqueue(Guid userId, Guid conversationId, long messageId)
    {
        var done = _waiting.GetOrAdd(messageId, _ => new TaskCompletionSource<MessageResponse?>(TaskCreationOptions.RunContinuationsAsynchronously));
        _ = _turns.Enqueue(conversationId, stopping => RunAsync(new TurnWork(userId, messageId), stopping));
        return done.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _turns.StopAsync(cancellationToken);

    public void Dispose() => _turns.Dispose();

    private async Task RunAsync(TurnWork work, CancellationToken stoppingToken)
    {
        MessageResponse? reply = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            reply = await scope.ServiceProvider.GetRequiredService<AssistantTurn>().RunAsync(work.UserId, work.MessageId, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the message stays stored without a reply; TurnRecovery answers it after the restart
        }
#pragma warning disable CA1031 // one failed turn must not stop the others; the person's message stays stored
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailure(logger, exception, work.MessageId);
        }
        finally
        {
            if (_waiting.TryRemove(work.MessageId, out var done))
            {
                done.TrySetResult(reply);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Assistant turn for message {MessageId} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, long messageId);

    private sealed record TurnWork(Guid UserId, long MessageId);
}
