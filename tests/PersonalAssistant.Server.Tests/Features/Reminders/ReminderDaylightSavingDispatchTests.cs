using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Reminders;

/// <summary>
/// "Every weekday at 8am" through a spring-forward weekend, in two zones whose clocks change on different Sundays
/// (America/New_York on 14 March 2027, Europe/Paris on 28 March 2027): it fires on weekdays only, at 08:00 local time
/// on both sides of the change, once each, on time. Each test has its own host whose clock starts that week.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReminderDaylightSavingDispatchTests
{
    private const string Weekdays = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";

    [Fact]
    public Task WeekdayRule_InNewYork_FiresOnWeekdaysAt8_AcrossTheSpringForward() => FiresAsync(
        "America/New_York",
        new DateTimeOffset(2027, 3, 10, 12, 0, 0, TimeSpan.Zero), // Wednesday, 07:00 EST
        "2027-03-10T08:00:00",
        [
            At(2027, 3, 10, 13), At(2027, 3, 11, 13), At(2027, 3, 12, 13), // 08:00 EST (UTC-5)
            At(2027, 3, 15, 12), At(2027, 3, 16, 12), At(2027, 3, 17, 12), // 08:00 EDT (UTC-4) after Sunday the 14th
        ]);

    [Fact]
    public Task WeekdayRule_InParis_FiresOnWeekdaysAt8_AcrossTheSpringForward() => FiresAsync(
        "Europe/Paris",
        new DateTimeOffset(2027, 3, 24, 6, 0, 0, TimeSpan.Zero), // Wednesday, 07:00 CET
        "2027-03-24T08:00:00",
        [
            At(2027, 3, 24, 7), At(2027, 3, 25, 7), At(2027, 3, 26, 7), // 08:00 CET (UTC+1)
            At(2027, 3, 29, 6), At(2027, 3, 30, 6), At(2027, 3, 31, 6), // 08:00 CEST (UTC+2) after Sunday the 28th
        ]);

    private static async Task FiresAsync(string zone, DateTimeOffset start, string firstLocal, DateTimeOffset[] expected)
    {
        var app = new AssistantApp().WithClockAt(start).With("Reminders:Dispatch", "false");
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            var user = await Accounts.RegisterAndLoginAsync(app);
            Guid id;
            using (var client = user.Client(app))
            {
                // urgent: these nudges are never read here, and an urgent reminder is not paused as ignored (issue 16)
                using var created = await client.PostAsJsonAsync("/api/v1/reminders",
                    new { text = "standup notes", when = firstLocal, rrule = Weekdays, timeZone = zone, urgent = true });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }

            // Walk the clock to a second after each expected time, and also through every hour in between, dispatching as the
            // loop would: nothing may fire early, late or on the weekend.
            foreach (var due in expected)
            {
                while (app.Clock.GetUtcNow() < due.AddHours(-1))
                {
                    app.Clock.Advance(TimeSpan.FromHours(1));
                    await Dispatch.RunAsync(app);
                }

                app.Clock.Advance(due.AddSeconds(1) - app.Clock.GetUtcNow());
                await Dispatch.RunAsync(app);
            }

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var deliveries = (await db.Set<ReminderDelivery>().AsNoTracking().Where(d => d.ReminderId == id).ToListAsync())
                .OrderBy(d => d.Occurrence).ToList();
            Assert.Equal(expected, deliveries.Select(d => d.Occurrence));
            Assert.All(deliveries, d => Assert.Equal(DeliveryOutcomes.Sent, d.Outcome));
            Assert.All(deliveries, d => Assert.Equal(TimeSpan.FromSeconds(1), d.LateBy));

            var notifications = await Dispatch.NotificationsAsync(app, user);
            Assert.Equal(expected.Reverse(), notifications.Select(n => n.GetProperty("occurrence").GetDateTimeOffset()));
            Assert.All(notifications, n => Assert.False(n.GetProperty("late").GetBoolean()));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);
}
