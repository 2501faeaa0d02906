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
    /// <summary>Stores the text as written (trimmed at the ends; no expansion) in the person's SMS conversation, made when they have none.</summary>
    public async Task<long> AddAsync(Guid userId, string text, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var conversation = await db.Conversations.Where(c => c.UserId == userId && c.Channel == Channels.Sms && !c.Archived)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (conversation is null)
        {
            conversation = new Conversation { UserId = userId, Channel = Channels.Sms, CreatedAt = now, UpdatedAt = now };
            db.Conversations.Add(conversation);
        }

        var message = ConversationMessage.FromPerson(conversation, text, replyTo: null, now);
        db.ConversationMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return message.Id;
    }

    /// <summary>Runs the turn and answers the reply fitted to SMS; when the message was answered before (a job run again), that reply.</summary>
    public async Task<string?> AnswerAsync(Guid userId, long messageId, CancellationToken cancellationToken)
    {
        if (await turns.RunAsync(userId, messageId, cancellationToken) is { } reply)
        {
            return reply.Text;
        }

        return await db.ConversationMessages.AsNoTracking()
            .Where(m => m.UserId == userId && m.ReplyToId == messageId && m.Role == MessageRoles.Assistant)
            .OrderBy(m => m.Id).Select(m => m.Text).FirstOrDefaultAsync(cancellationToken);
    }
}
