using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>The person's reminders and, after them, what became of each occurrence (<c>reminderId</c> links them).</summary>
internal sealed class ReminderExport(AppDbContext db) : IPersonalDataExport
{
    public string FileName => "reminders.json";

    public string DescriptionKey => "Exports.File.Reminders";

    public async Task<int> WriteAsync(Guid userId, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        var count = await PersonalDataJson.WritePropertyAsync(json, "reminders", Reminders(userId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.Text,
                r.TimeZone,
                r.AnchorLocal,
                r.RRule,
                r.NextAt,
                r.Channels,
                r.TaskId,
                r.Status,
                r.Urgent,
                NudgesPaused = r.IgnoredNudges >= NudgeDiscipline.IgnoredLimit,
                r.CreatedAt,
                r.UpdatedAt,
            }), cancellationToken);
        count += await PersonalDataJson.WritePropertyAsync(json, "deliveries", Deliveries(userId)
            .OrderBy(d => d.ReminderId).ThenBy(d => d.Occurrence).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.ReminderId, d.Occurrence, d.At, d.Channel, d.Outcome, d.LateBy }), cancellationToken);
        json.WriteEndObject();
        return count;
    }

    public async Task<int> CountAsync(Guid userId, CancellationToken cancellationToken) =>
        await Reminders(userId).CountAsync(cancellationToken) + await Deliveries(userId).CountAsync(cancellationToken);

    private IQueryable<Reminder> Reminders(Guid userId) => db.Reminders.AsNoTracking().Where(r => r.UserId == userId);

    private IQueryable<ReminderDelivery> Deliveries(Guid userId) =>
        db.Set<ReminderDelivery>().AsNoTracking().Where(d => db.Reminders.Any(r => r.Id == d.ReminderId && r.UserId == userId));
}
