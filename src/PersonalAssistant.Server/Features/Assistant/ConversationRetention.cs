using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Conversations past their retention: messages older than the cutoff and the undo records of that time (an undo that
/// old is never offered), then conversations left empty and untouched since.
/// </summary>
internal sealed class ConversationRetention(AppDbContext db) : IRetainedData
{
    public string Kind => RetainedKinds.Conversations;

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var actions = await db.AssistantActions.Where(a => a.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var messages = await db.ConversationMessages.Where(m => m.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var conversations = await db.Conversations
            .Where(c => c.UpdatedAt < cutoff && !db.ConversationMessages.Any(m => m.ConversationId == c.Id))
            .ExecuteDeleteAsync(cancellationToken);
        return actions + messages + conversations;
    }
}
