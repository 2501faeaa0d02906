using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Reminders;

/// <summary>
/// The dispatcher saves a claimed batch in one go; when another writer has recorded one of the batch's occurrences
/// first (a unique-key conflict), nothing of the batch is kept, it is taken again reminder by reminder, and only the
/// conflicting reminder's work is dropped (it is moved on by the next pass). The conflict is made by an interceptor that
/// adds a second record of one occurrence to the save, on both databases.
/// </summary>
[Trait("Category", "Integration")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes the host through IAsyncLifetime.")]
public sealed class DispatchConflictTests : IAsyncLifetime
{
    private const int Reminders = 12;
    private readonly DuplicateRecord _duplicate = new();
    private readonly AssistantApp _app;

    public DispatchConflictTests()
    {
        var duplicate = _duplicate;
        _app = new AssistantApp().With("Reminders:Dispatch", "false").WithServices(services =>
        {
            services.ConfigureDbContext<SqliteAppDbContext>(options => options.AddInterceptors(duplicate));
            services.ConfigureDbContext<PostgresAppDbContext>(options => options.AddInterceptors(duplicate));
        });
    }

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task AConflictInABatch_LosesOnlyThatReminder_AndEveryReminderIsStillDeliveredOnce()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app);
        var due = _app.Clock.GetUtcNow().AddMinutes(5);
        List<Guid> ids = [];
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            for (var i = 0; i < Reminders; i++)
            {
                var reminder = new Reminder
                {
                    UserId = user.Id,
                    Text = $"reminder {i}",
                    TimeZone = "UTC",
                    AnchorLocal = due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    NextAt = due,
                    Urgent = true, // not held by the daily cap or quiet hours: this test is about the save
                    CreatedAt = AssistantApp.Start,
                    UpdatedAt = AssistantApp.Start,
                };
                db.Reminders.Add(reminder);
                ids.Add(reminder.Id);
            }

            await db.SaveChangesAsync();
        }

        _duplicate.Target = ids[Reminders / 2];
        _duplicate.Remaining = 2; // the whole-batch save, then that reminder's own save
        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var dispatcher = scope.ServiceProvider.GetRequiredService<ReminderDispatcher>();
            var first = await dispatcher.DispatchDueAsync(CancellationToken.None);
            Assert.Equal(Reminders - 1, first.Sent);
            Assert.Equal(1, first.Deduplicated);
            Assert.Equal(0, _duplicate.Remaining);

            // The conflicting reminder is still due: the next pass delivers it.
            var second = await dispatcher.DispatchDueAsync(CancellationToken.None);
            Assert.Equal(1, second.Sent);
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var deliveries = await db.Set<ReminderDelivery>().AsNoTracking().Where(d => ids.Contains(d.ReminderId)).ToListAsync();
            Assert.Equal(Reminders, deliveries.Count);
            Assert.Equal(Reminders, deliveries.Select(d => d.ReminderId).Distinct().Count());
            var notifications = await db.Set<Notification>().AsNoTracking().Where(n => n.ReminderId != null && ids.Contains(n.ReminderId.Value)).ToListAsync();
            Assert.Equal(Reminders, notifications.Count);
            Assert.Equal(Reminders, notifications.Select(n => n.ReminderId).Distinct().Count());
            Assert.Equal(Reminders, await db.Reminders.CountAsync(r => ids.Contains(r.Id) && r.Status == ReminderStatuses.Delivered));
        }
    }

    /// <summary>Adds a second record of the target reminder's occurrence to a save that records it (as another writer would have).</summary>
    private sealed class DuplicateRecord : SaveChangesInterceptor
    {
        public Guid Target { get; set; }

        public int Remaining { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var context = eventData.Context!;
            var record = context.ChangeTracker.Entries<ReminderDelivery>()
                .FirstOrDefault(e => e.State == EntityState.Added && e.Entity.ReminderId == Target)?.Entity;
            if (record is not null && Remaining > 0)
            {
                Remaining--;
                context.Add(new ReminderDelivery
                {
                    ReminderId = record.ReminderId,
                    Occurrence = record.Occurrence,
                    At = record.At,
                    Channel = record.Channel,
                    Outcome = record.Outcome,
                    LateBy = record.LateBy,
                });
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
