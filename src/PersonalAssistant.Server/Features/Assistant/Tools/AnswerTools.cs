using System.ComponentModel;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The assistant's tools that answer from what the person stored, reading only: a day's agenda, when something is,
/// a spending total, a fact found among the memories and the notes. Nothing is created or changed.
/// </summary>
internal sealed partial class AssistantTools
{
    private const int SearchedItems = 300;

    /// <summary>An answer holds at least half of the question's meaningful words (<see cref="ToolMatching.Score"/>).</summary>
    private const double Enough = 0.5;

    [Description("What the person has on one day: tasks due that day, reminders and events, in time order.")]
    public async Task<ToolResult> Agenda(
        [Description("The day: words (\"tomorrow\", \"friday\") or an ISO date; today by default.")] string? day = null,
        CancellationToken cancellationToken = default)
    {
        var date = Person.Today;
        if (!string.IsNullOrWhiteSpace(day))
        {
            if (ReadDay(day) is not { } said)
            {
                return ToolResult.Failed(Text("Tools.Day.Unreadable", day));
            }

            date = said;
        }

        var (start, end) = (Person.StartOf(date), Person.StartOf(date.PlusDays(1)));
        var timed = new List<(DateTimeOffset At, string Text)>();
        var untimed = new List<string>();
        foreach (var task in await tasks.DueOnAsync(Person, date.ToDateOnly(), cancellationToken))
        {
            if (task.DueAt is { } at)
            {
                timed.Add((at, task.Title));
            }
            else
            {
                untimed.Add(task.Title);
            }
        }

        foreach (var reminder in await reminders.DueBetweenAsync(Person, start, end, cancellationToken))
        {
            timed.Add((reminder.NextAt!.Value, reminder.Text));
        }

        if ((await events.ListAsync(Person, start, end, cancellationToken)).Value is { } occurrences)
        {
            foreach (var occurrence in occurrences)
            {
                var title = occurrence.Location is { Length: > 0 } where ? $"{occurrence.Title} ({where})" : occurrence.Title;
                if (StartOf(occurrence.Start) is { } at && at >= start)
                {
                    timed.Add((at, title));
                }
                else
                {
                    untimed.Add(title);
                }
            }
        }

        var named = FriendlyTime.Describe(date.ToDateOnly(), Person);
        var lines = timed.OrderBy(t => t.At).Select(t => Text("Answer.Agenda.Timed", Clock(t.At), t.Text)).Concat(untimed).ToList();
        return lines.Count == 0 ? ToolResult.Listing(Text("Answer.Agenda.Empty", named), []) : ToolResult.Listing(Text("Answer.Agenda.Heading", named), lines);
    }

    [Description("When something stored is: an event, a reminder, a task's due date, or a remembered fact or note about it.")]
    public async Task<ToolResult> WhenIs(
        [Description("The words of what is asked about (\"dentist\", \"sister birthday\").")] string about,
        CancellationToken cancellationToken = default)
    {
        var now = Person.Now.ToInstant().ToDateTimeOffset();
        var best = (Score: 0.0, Title: string.Empty, At: (string?)null);
        void Consider(string text, string title, string at)
        {
            var score = ToolMatching.Score(text, about);
            if (score > best.Score)
            {
                best = (score, title, at);
            }
        }

        if ((await events.ListAsync(Person, now, now.AddDays(365), cancellationToken)).Value is { } occurrences)
        {
            foreach (var occurrence in occurrences)
            {
                if (StartOf(occurrence.Start) is { } at)
                {
                    Consider($"{occurrence.Title} {occurrence.Location}", occurrence.Title, FriendlyTime.Describe(at, Person));
                }
            }
        }

        foreach (var reminder in await reminders.DueBetweenAsync(Person, now, now.AddDays(366), cancellationToken))
        {
            Consider(reminder.Text, reminder.Text, FriendlyTime.Describe(reminder.NextAt!.Value, Person));
        }

        foreach (var task in await tasks.OpenAsync(Person, 500, cancellationToken))
        {
            if (task.DueAt is { } dueAt)
            {
                Consider(task.Title, task.Title, FriendlyTime.Describe(dueAt, Person));
            }
            else if (task.DueDate is { } dueDate)
            {
                Consider(task.Title, task.Title, FriendlyTime.Describe(dueDate, Person));
            }
        }

        if (best.At is { } when && best.Score >= Enough)
        {
            return ToolResult.Listing(Text("Answer.When.Found", best.Title, when), []);
        }

        return await FindFactAsync(about, cancellationToken) ?? ToolResult.Listing(Text("Answer.When.NotFound", about), []);
    }

    [Description("Look up a fact the person saved: what they asked to be remembered, and the lines of their notes.")]
    public async Task<ToolResult> Recall(
        [Description("The words of the question (\"wifi password cabin\").")] string about,
        CancellationToken cancellationToken = default)
    {
        return await FindFactAsync(about, cancellationToken) ?? ToolResult.Listing(Text("Reply.CannotAnswerOffline"), []);
    }

    [Description("What the person spent between two days, in some categories or all, with the total per currency.")]
    public async Task<ToolResult> Spending(
        [Description("The first day, ISO date (2026-03-01).")] string from,
        [Description("The day after the last one, ISO date; tomorrow by default.")] string? until = null,
        [Description("Category codes (groceries, eating out, transport, housing, bills, health, fun, shopping, other); all by default.")] IReadOnlyList<string>? categories = null,
        CancellationToken cancellationToken = default)
    {
        if (ReadDay(from) is not { } first)
        {
            return ToolResult.Failed(Text("Tools.Day.Unreadable", from));
        }

        var end = Person.Today.PlusDays(1);
        if (!string.IsNullOrWhiteSpace(until))
        {
            if (ReadDay(until) is not { } last)
            {
                return ToolResult.Failed(Text("Tools.Day.Unreadable", until));
            }

            end = last;
        }

        var found = await expenses.BetweenAsync(Person, first.ToDateOnly(), end.ToDateOnly(), categories ?? [], cancellationToken);
        if (found.Count == 0)
        {
            return ToolResult.Listing(Text("Answer.Spending.None"), []);
        }

        var total = string.Join(Text("Answer.Spending.And"), found.GroupBy(e => e.Currency).Select(g => Text("Tools.Money", g.Sum(e => e.Amount), g.Key)));
        var heading = end == Person.Today.PlusDays(1)
            ? first == Person.Today ? Text("Answer.Spending.Today", total) : Text("Answer.Spending.Since", total, FriendlyTime.Describe(first.ToDateOnly(), Person))
            : Text("Answer.Spending.Between", total, FriendlyTime.Describe(first.ToDateOnly(), Person), FriendlyTime.Describe(end.PlusDays(-1).ToDateOnly(), Person));
        var lines = found.OrderByDescending(e => e.Amount).Take(10).Select(e => $"{Text("Tools.Money", e.Amount, e.Currency)} {e.Description}").ToList();
        return ToolResult.Listing(heading, lines);
    }

    /// <summary>The remembered fact or the note line that holds most of the words (at least half of them); null when none does.</summary>
    private async Task<ToolResult?> FindFactAsync(string about, CancellationToken cancellationToken)
    {
        var best = (Score: 0.0, Answer: (string?)null);
        foreach (var memory in await memories.RecentAsync(Person, SearchedItems, cancellationToken))
        {
            var score = ToolMatching.Score(memory.Body, about);
            if (score > best.Score)
            {
                best = (score, Text("Answer.Memory", memory.Body));
            }
        }

        foreach (var note in await notes.RecentAsync(Person, SearchedItems, cancellationToken))
        {
            foreach (var line in note.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var score = ToolMatching.Score($"{note.Title} {line}", about);
                if (score > best.Score)
                {
                    best = (score, Text("Answer.Note", note.Title, line.TrimStart('-', '*', ' ')));
                }
            }
        }

        return best.Answer is { } answer && best.Score >= Enough ? ToolResult.Listing(answer, []) : null;
    }

    private LocalDate? ReadDay(string words) =>
        LocalDatePattern.Iso.Parse(words.Trim()) is { Success: true } iso ? iso.Value : ReadTime(words)?.When.Date;

    private static DateTimeOffset? StartOf(string start) =>
        start.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    private string Clock(DateTimeOffset at) =>
        Instant.FromDateTimeOffset(at).InZone(Person.Zone).LocalDateTime.ToString(Texts.Get(Person.Locale, "Time.ClockPattern"), Texts.CultureOf(Person.Locale));
}
