using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;

namespace PersonalAssistant.Server.Persistence;

/// <summary>Something dated from another feature, for the calendar feed: a task with a due date or a reminder.</summary>
internal sealed record DatedItem(Guid Id, string Kind, string Title, DateOnly? Date, DateTimeOffset? At, string? TimeZone, string? AnchorLocal, string? RRule);

/// <summary>The tasks and reminders the calendar feed includes, read where features meet.</summary>
internal static class CalendarSources
{
    public static async Task<IReadOnlyList<DatedItem>> ForFeedAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.UserId == userId && t.DueDate != null && (t.Status == TaskStatuses.Open || t.Status == TaskStatuses.InProgress))
            .OrderBy(t => t.DueDate).Take(500)
            .Select(t => new DatedItem(t.Id, "task", t.Title, t.DueDate, t.DueAt, null, null, null))
            .ToListAsync(cancellationToken);
        var reminders = await db.Reminders.AsNoTracking()
            .Where(r => r.UserId == userId && r.NextAt != null && r.Status != ReminderStatuses.Cancelled)
            .OrderBy(r => r.NextAt).Take(500)
            .Select(r => new DatedItem(r.Id, "reminder", r.Text, null, r.NextAt, r.TimeZone, r.AnchorLocal, r.RRule))
            .ToListAsync(cancellationToken);
        return [.. tasks, .. reminders];
    }
}
