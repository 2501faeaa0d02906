using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>Why a task is a good one to do now: due soon, started already, fits the time and the energy.</summary>
internal sealed record NextTaskReasons(bool Fits, int Score, IReadOnlyList<string> Reasons)
{
    public static NextTaskReasons For(TaskItem task, PersonNow person, string? energy, int? minutes, bool french)
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
            reasons.Add(french ? "Elle attend depuis un moment ; la faire allège tout le reste." : "It's been waiting a while; doing it lightens everything else.");
        }
        else if (task.DueDate == today)
        {
            score += 50;
            reasons.Add(french ? "Elle est prévue pour aujourd'hui." : "It's due today.");
        }
        else if (task.DueDate is { } soon && soon <= today.AddDays(2))
        {
            score += 25;
            reasons.Add(french ? "Elle arrive bientôt." : "It's due soon.");
        }

        if (task.Status == TaskStatuses.InProgress)
        {
            score += 30;
            reasons.Add(french ? "Tu l'as déjà commencée." : "You've already started it.");
        }

        if (task.ParentId is not null)
        {
            score += 15;
            reasons.Add(french ? "C'est une petite étape d'une tâche plus grande." : "It's one small step of a bigger task.");
        }

        if (minutes is not null && task.EstimatedMinutes is not null)
        {
            score += 10;
            reasons.Add(french ? $"Elle rentre dans tes {minutes} minutes." : $"It fits in your {minutes} minutes.");
        }

        if (energy is not null && task.Energy is not null)
        {
            score += energy == task.Energy ? 10 : 5;
            reasons.Add(french ? "Elle correspond à ton énergie du moment." : "It matches your energy right now.");
        }

        score += TaskPriorities.Rank(task.Priority) * 8;
        if (reasons.Count == 0)
        {
            reasons.Add(task.Priority == TaskPriorities.High
                ? (french ? "Elle est importante pour toi." : "It's marked important.")
                : (french ? "Elle attend sur ta liste ; c'est un bon début." : "It's on your list; a fine place to start."));
        }

        return new NextTaskReasons(true, score, reasons);
    }
}
