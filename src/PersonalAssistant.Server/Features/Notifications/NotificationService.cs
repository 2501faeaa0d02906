using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Notifications;

/// <summary>
/// The in-app channel (ADR 0010: the feature's only door). The person reads their own notifications, newest first, and
/// marks them read; another person's id is not found. Other features add notifications with <see cref="Stage"/>, which
/// joins the caller's unit of work (the reminder dispatcher saves the notification with its delivery record, in one
/// transaction), then <see cref="PublishAsync"/> once it is committed.
/// </summary>
internal sealed partial class NotificationService(AppDbContext db, IPersonEvents events, TimeProvider time, ILogger<NotificationService> logger)
{
    public async Task<Outcome<Paged<NotificationResponse>>> ListAsync(PersonNow person, NotificationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(query);
        if (Failure.Check(query, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var mine = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == person.UserId);
        if (query.Unread == true)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }

        // Ids are version 7 (time-ordered): the id breaks ties between notifications of the same instant.
        var page = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToPagedAsync(query, cancellationToken);
        return page.Map(Describe);
    }

    /// <summary>Marks one of the person's notifications read (the first time counts; marking again changes nothing).</summary>
    public async Task<Outcome<NotificationResponse>> MarkReadAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var now = time.GetUtcNow();
        var changed = await db.Set<Notification>().Where(n => n.Id == id && n.UserId == person.UserId)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), cancellationToken);
        if (changed == 0)
        {
            return Failure.NotFound(person.Locale, "Notifications.NotFound");
        }

        var read = await db.Set<Notification>().AsNoTracking().SingleAsync(n => n.Id == id && n.UserId == person.UserId, cancellationToken);
        return Describe(read);
    }

    /// <summary>Which of these notifications were read (for the reminder dispatcher: a nudge read is not ignored).</summary>
    public async Task<IReadOnlySet<Guid>> ReadAmongAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var read = await db.Set<Notification>().AsNoTracking().Where(n => ids.Contains(n.Id) && n.ReadAt != null).Select(n => n.Id).ToListAsync(cancellationToken);
        return read.ToHashSet();
    }

    /// <summary>
    /// One notification and its owner, for work that runs without a signed-in person (delivering it on the person's
    /// channels, acting on it from a push notification's button); null when it no longer exists.
    /// </summary>
    public async Task<(Guid UserId, NotificationResponse Notification)?> FindForDeliveryAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await db.Set<Notification>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        return found is null ? null : (found.UserId, Describe(found));
    }

    /// <summary>Whether the person was told something of <paramref name="kind"/> since <paramref name="since"/> in a text containing <paramref name="about"/> (to say a thing once).</summary>
    public Task<bool> HasSinceAsync(Guid userId, string kind, DateTimeOffset since, string about, CancellationToken cancellationToken) =>
        db.Set<Notification>().AsNoTracking().AnyAsync(n => n.UserId == userId && n.Kind == kind && n.CreatedAt >= since && n.Text.Contains(about), cancellationToken);

    /// <summary>Adds a notification to the current unit of work; the caller saves it (with its own rows) and then publishes it.</summary>
    public NotificationResponse Stage(NotificationDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var text = draft.Text.Length > NotificationConfiguration.MaxTextLength ? draft.Text[..NotificationConfiguration.MaxTextLength] : draft.Text;
        var notification = new Notification
        {
            UserId = draft.UserId,
            Kind = draft.Kind,
            Text = text,
            ReminderId = draft.ReminderId,
            Occurrence = draft.Occurrence,
            Late = draft.Late,
            CreatedAt = time.GetUtcNow(),
        };
        db.Set<Notification>().Add(notification);
        return Describe(notification);
    }

    /// <summary>Tells the people's open connections about notifications already saved. A failure is logged, never thrown.</summary>
    public async Task PublishAsync(IEnumerable<(Guid UserId, NotificationResponse Notification)> saved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var (userId, notification) in saved)
        {
            try
            {
                await events.NotificationAsync(userId, notification, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPublishFailed(logger, exception, notification.Id);
            }
        }
    }

    private static NotificationResponse Describe(Notification n) =>
        new(n.Id, n.Kind, n.Text, n.ReminderId, n.Occurrence, n.Late, n.CreatedAt, n.ReadAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} is saved but its live event could not be sent")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid notificationId);
}

internal static class NotificationsRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) =>
        services.AddScoped<NotificationService>().AddRetainedRows<Notification>(RetainedKinds.Notifications, n => n.CreatedAt)
            .AddPersonalData("notifications.json", "Exports.File.Notifications", (db, userId) => db.Notifications.AsNoTracking()
                .Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
                .Select(n => new { n.Id, n.Kind, n.Text, n.ReminderId, n.Occurrence, n.Late, n.CreatedAt, n.ReadAt }));
}
