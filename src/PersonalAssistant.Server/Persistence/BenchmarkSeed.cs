using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Features.Assistant;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Persistence;

/// <summary>
/// <c>bench seed --email</c>: fills a benchmark database (docs/benchmarks.md, "Reads") around one registered person:
/// 999 more people and, spread over all 1,000, 20,000 tasks, 50,000 notes, 20,000 reminders and 100,000 messages (one
/// conversation each). Bulk inserts through the host's own <see cref="AppDbContext"/>, so the rows are what the
/// services write on either database (SQLite's full-text triggers included), in seconds rather than 190,000 HTTP calls.
/// The registered person also gets a realistic day: five open tasks due today, two of them broken into three steps.
/// It lives with persistence because it writes every feature's rows directly, which only persistence may do. It refuses
/// a database with anyone but the registered person (it is in the production host's command line, so an operator could
/// point it at a real database).
/// </summary>
internal static class BenchmarkSeed
{
    private const int People = 1_000;
    private const int TasksPerPerson = 20;
    private const int NotesPerPerson = 50;
    private const int RemindersPerPerson = 20;
    private const int MessagesPerPerson = 100;
    private const int PeoplePerBatch = 50;

    private static readonly string[] Words =
    [
        "plumber", "valve", "fridge", "password", "garden", "invoice", "dentist", "recipe",
        "birthday", "passport", "school", "laundry", "budget", "holiday", "insurance", "bicycle",
    ];

    public static async Task<int> SeedAsync(AppDbContext db, DateTimeOffset now, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(email);
        var normalized = email.ToUpperInvariant();
        var bench = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (bench is null)
        {
            await Console.Error.WriteLineAsync("No account with that email: register it first.");
            return 1;
        }

        // A benchmark database holds the one registered person it measures; anything more may be real people's data.
        if (await db.Users.CountAsync(cancellationToken) > 1)
        {
            await Console.Error.WriteLineAsync("This database has more people than the one registered for the benchmark: 'bench seed' only fills a fresh one.");
            return 1;
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var people = new List<Guid>(People) { bench.Id };
        for (var i = 1; i < People; i++)
        {
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                Email = $"seed{i}@bench.test",
                NormalizedEmail = $"SEED{i}@BENCH.TEST",
                UserName = $"seed{i}@bench.test",
                NormalizedUserName = $"SEED{i}@BENCH.TEST",
                EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                DisplayName = $"Seed {i}",
                TimeZone = bench.TimeZone,
                CreatedAt = now,
            };
            db.Users.Add(user);
            people.Add(user.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var start = 0; start < People; start += PeoplePerBatch)
        {
            for (var p = start; p < Math.Min(People, start + PeoplePerBatch); p++)
            {
                AddPerson(db, people[p], p, today, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        AddRealisticDay(db, bench.Id, today, now);
        await db.SaveChangesAsync(cancellationToken);
        // Counted in the database, not from the constants: what the measured endpoints actually read from.
        await Console.Error.WriteLineAsync($"Seeded {await db.Users.CountAsync(cancellationToken)} people: {await db.Tasks.CountAsync(cancellationToken)} tasks "
            + $"(with the measured person's day and its steps), {await db.Notes.CountAsync(cancellationToken)} notes, "
            + $"{await db.Reminders.CountAsync(cancellationToken)} reminders, {await db.ConversationMessages.CountAsync(cancellationToken)} messages.");
        return 0;
    }

    private static void AddPerson(AppDbContext db, Guid userId, int person, DateOnly today, DateTimeOffset now)
    {
        for (var t = 0; t < TasksPerPerson; t++)
        {
            var i = person * TasksPerPerson + t;
            db.Tasks.Add(new TaskItem
            {
                UserId = userId,
                Title = $"task {i}",
                DueDate = i % 7 == 0 ? null : today.AddDays((i % 61) - 30),
                Status = i % 5 == 0 ? TaskStatuses.Done : TaskStatuses.Open,
                Tags = ["home"],
                EstimatedMinutes = 15,
                Energy = EnergyLevels.Low,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        for (var n = 0; n < NotesPerPerson; n++)
        {
            var i = person * NotesPerPerson + n;
            var at = now.AddMinutes(-i);
            db.Notes.Add(new Note
            {
                UserId = userId,
                Title = $"note {i} {Words[i % 16]}",
                Body = $"About the {Words[(i / 3) % 16]} and the {Words[(i / 7) % 16]}, remember the {Words[(i / 11) % 16]} too.",
                Pinned = i % 50 == 0,
                CreatedAt = at,
                UpdatedAt = at,
            });
        }

        for (var r = 0; r < RemindersPerPerson; r++)
        {
            var i = person * RemindersPerPerson + r;
            var next = now.AddMinutes(i + 60);
            db.Reminders.Add(new Reminder
            {
                UserId = userId,
                Text = $"reminder {i}",
                TimeZone = "UTC",
                AnchorLocal = next.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:00", System.Globalization.CultureInfo.InvariantCulture),
                RRule = i % 4 == 0 ? "FREQ=DAILY" : null,
                NextAt = next,
                Channels = [Channels.Web],
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        // Two days old: older than TurnRecovery.MaximumAge. Its person messages carry no reply link, so a younger history
        // had the host's turn recovery answer 100 of them a minute during the benchmark (a reply and a reminder each:
        // the 100,200 messages and 20,100 reminders seen after seeding, and background turns in the measurements).
        var conversation = new Conversation { UserId = userId, Title = "Bench", CreatedAt = now.AddDays(-2), UpdatedAt = now };
        db.Conversations.Add(conversation);
        for (var m = 0; m < MessagesPerPerson; m++)
        {
            var fromPerson = m % 2 == 0;
            db.ConversationMessages.Add(new ConversationMessage
            {
                ConversationId = conversation.Id,
                UserId = userId,
                Role = fromPerson ? MessageRoles.User : MessageRoles.Assistant,
                Channel = Channels.Web,
                Text = fromPerson ? $"remind me about the {Words[m % 16]} tomorrow" : $"Done: the {Words[m % 16]}, tomorrow at 9:00.",
                CreatedAt = conversation.CreatedAt.AddMinutes(m),
            });
        }
    }

    private static void AddRealisticDay(AppDbContext db, Guid userId, DateOnly today, DateTimeOffset now)
    {
        for (var t = 1; t <= 5; t++)
        {
            var task = new TaskItem
            {
                UserId = userId,
                Title = $"today {t}",
                DueDate = today,
                Tags = ["home"],
                EstimatedMinutes = 15,
                Energy = EnergyLevels.Low,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Tasks.Add(task);
            if (t > 2)
            {
                continue;
            }

            for (var s = 0; s < 3; s++)
            {
                db.Tasks.Add(new TaskItem
                {
                    UserId = userId,
                    ParentId = task.Id,
                    Position = s,
                    Title = $"step {s}",
                    DueDate = today,
                    Status = s == 0 ? TaskStatuses.Done : TaskStatuses.Open,
                    EstimatedMinutes = 5,
                    Energy = EnergyLevels.Low,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
        }
    }
}
