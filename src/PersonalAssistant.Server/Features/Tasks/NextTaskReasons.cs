using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>Why a task is a good one to do now: due soon, started already, fits the time and the energy.</summary>
internal sealed record NextTaskReasons(bool Fits, int Score, IReadOnlyList<string> Reasons)
{
    public static NextTaskReasons For(TaskItem task, PersonNow person, string? energy, int? minutes)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(person);
        var reasons = new List<string>();
        var score = 0;
        var today = person.TodayDate;
        if (minutes is { } available && task.EstimatedMinutes is { } needed && needed > available)
        {
            return new NextTaskReasons(false, 0, []);
        }

        if (energy is not null && EnergyLevels.Rank(task.Energy) > EnergyLevels.Rank(energy))
        {
            return new NextTaskReasons(false, 0, []);
        }

        if (task.DueDate is { } due && due < today)
        {
            score += 40;
            reasons.Add(Texts.Get(person.Locale, "Tasks.Reason.Waiting"));
        }
        else if (task.DueDate == today)
        {
            score += 50;
            reasons.Add(Texts.Get(person.Locale, "Tasks.Reason.DueToday"));
        }
        else if (task.DueDate is { } soon && soon <= today.AddDays(2))
        {
            score += 25;
            reasons.Add(Texts.Get(person.Locale, "Tasks.Reason.DueSoon"));
        }

        if (task.Status == TaskStatuses.InProgress)
        {
            score += 30;
            reasons.Add(Texts.Get(person.Locale, "Tasks.Reason.Started"));
        }

        if (task.ParentId is not null)
        {
            score += 15;
            reasons.Add(Texts.Get(person.Locale, "Tasks.Reason.Step"));
        }

        if (minutes is not null && task.EstimatedMinutes is not null)
        {
            score += 10;
            reasons.Add(Texts.Format(person.Locale, "Tasks.Reason.FitsMinutes", minutes));
        }

        if (energy is not null && task.Energy is not null)
        {
            score += energy == task.Energy ? 10 : 5;
            reasons.Add(Texts.Get(person.Locale, "Tasks.Reason.Energy"));
        }

        score += TaskPriorities.Rank(task.Priority) * 8;
        if (reasons.Count == 0)
        {
            reasons.Add(Texts.Get(person.Locale, task.Priority == TaskPriorities.High ? "Tasks.Reason.Important" : "Tasks.Reason.OnYourList"));
        }

        return new NextTaskReasons(true, score, reasons);
    }
}
