using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The person's conversations and, after them, every message in order (<c>conversationId</c> links them; a reply names
/// the message it answers). The undo records are not written: they copy the items the other files hold.
/// </summary>
internal sealed class ConversationExport(AppDbContext db) : IPersonalDataExport
{
    public string FileName => "conversations.json";

    public string DescriptionKey => "Exports.File.Conversations";

    public async Task<int> WriteAsync(Guid userId, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        var count = await PersonalDataJson.WritePropertyAsync(json, "conversations", Conversations(userId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Title, c.Channel, c.Archived, c.CreatedAt, c.UpdatedAt }), cancellationToken);
        count += await PersonalDataJson.WritePropertyAsync(json, "messages", Messages(userId).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.ConversationId, m.Role, m.Channel, m.Text, m.ReplyToId, m.CreatedAt }), cancellationToken);
        json.WriteEndObject();
        return count;
    }

    public async Task<int> CountAsync(Guid userId, CancellationToken cancellationToken) =>
        await Conversations(userId).CountAsync(cancellationToken) + await Messages(userId).CountAsync(cancellationToken);

    private IQueryable<Conversation> Conversations(Guid userId) => db.Conversations.AsNoTracking().Where(c => c.UserId == userId);

    private IQueryable<ConversationMessage> Messages(Guid userId) => db.ConversationMessages.AsNoTracking().Where(m => m.UserId == userId);
}
