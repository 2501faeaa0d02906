using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Lists;

/// <summary>The person's lists and, after them, their items (<c>listId</c> links them).</summary>
internal sealed class ListExport(AppDbContext db) : IPersonalDataExport
{
    public string FileName => "lists.json";

    public string DescriptionKey => "Exports.File.Lists";

    public async Task<int> WriteAsync(Guid userId, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        var count = await PersonalDataJson.WritePropertyAsync(json, "lists", Lists(userId).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.Name, l.IsDefault, l.CreatedAt }), cancellationToken);
        count += await PersonalDataJson.WritePropertyAsync(json, "items", Items(userId).OrderBy(i => i.ListId).ThenBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.ListId, i.Text, i.Quantity, i.Checked, i.CreatedAt, i.CheckedAt }), cancellationToken);
        json.WriteEndObject();
        return count;
    }

    public async Task<int> CountAsync(Guid userId, CancellationToken cancellationToken) =>
        await Lists(userId).CountAsync(cancellationToken) + await Items(userId).CountAsync(cancellationToken);

    private IQueryable<ItemList> Lists(Guid userId) => db.Lists.AsNoTracking().Where(l => l.UserId == userId);

    private IQueryable<ListItem> Items(Guid userId) => db.ListItems.AsNoTracking().Where(i => i.UserId == userId);
}
