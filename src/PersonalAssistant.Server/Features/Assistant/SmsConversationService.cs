using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The assistant as the SMS channel reaches it: one conversation per person for texts (the latest one on the
/// <c>sms</c> channel, made on the first text), each text a turn answered there and then. The caller is a background
/// job, so it may wait for the turn; the reply comes back to be texted.
/// </summary>
internal sealed class SmsConversationService(AppDbContext db, AssistantTurn turns, TimeProvider time) : ISmsTurns
{
    /// <summary>The person's SMS conversation, made when they have none.</summary>
    public async Task<Guid> ConversationOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var existing = await db.Conversations.AsNoTracking().Where(c => c.UserId == userId && c.Channel == Channels.Sms && !c.Archived)
            .OrderByDescending(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var now = time.GetUtcNow();
        var conversation = new Conversation { UserId = userId, Channel = Channels.Sms, CreatedAt = now, UpdatedAt = now };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        return conversation.Id;
    }

    /// <summary>
    /// Stores <paramref name="text"/> as written (no trimming inside, no expansion) as the person's message in their SMS
    /// conversation and runs the turn; answers the assistant's reply, fitted to SMS. Null when the turn gave none.
    /// </summary>
    public async Task<string?> AnswerAsync(Guid userId, string text, CancellationToken cancellationToken)
    {
        var conversationId = await ConversationOfAsync(userId, cancellationToken);
        var now = time.GetUtcNow();
        var message = new ConversationMessage
        {
            ConversationId = conversationId,
            UserId = userId,
            Role = MessageRoles.User,
            Channel = Channels.Sms,
            Text = text.Trim(),
            CreatedAt = now,
        };
        db.ConversationMessages.Add(message);
        await db.Conversations.Where(c => c.Id == conversationId && c.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var reply = await turns.RunAsync(userId, message.Id, cancellationToken);
        return reply?.Text;
    }
}
