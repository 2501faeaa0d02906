using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// Offline task breakdown: a library of concrete steps per kind of task, chosen from the task's words, worded by the
/// message catalog in the person's language. The first step of every kind takes about two minutes, so starting is easy. A task that matches no
/// kind gets a starter sequence built around its own title, never a fixed list.
/// </summary>
internal static class StepLibrary
{
    /// <summary>A kind of task and its steps' minutes; step n's words are the catalog's <c>Steps.&lt;Kind&gt;.n</c>.</summary>
    private sealed record Kind(string Name, int[] Minutes)
    {
        /// <summary>The words that suggest this kind, from the lexicons (Lexicon.TaskKindWords), folded.</summary>
        public IReadOnlyList<string> Words => LanguageEngine.DefaultKeywords.TaskKindWords[Name];

        public IReadOnlyList<BreakdownStep> Steps(string locale, params object?[] values) =>
            [.. Minutes.Select((minutes, i) => new BreakdownStep(Texts.Format(locale, $"Steps.{Key}.{i + 1}", values), minutes))];

        private string Key => char.ToUpperInvariant(Name[0]) + Name[1..];
    }

    private static readonly Kind[] Kinds =
    [
        new("cleaning", [2, 5, 10, 10, 10]),
        new("paperwork", [2, 5, 15, 15, 15, 5]),
        new("email", [2, 3, 10, 3, 1]),
        new("call", [2, 3, 3, 10, 2]),
        new("writing", [2, 10, 5, 25, 25, 15]),
        new("errands", [2, 3, 5, 20, 10]),
        new("studying", [2, 5, 20, 5, 10]),
        new("cooking", [2, 5, 5, 15, 25, 5]),
        new("moving", [2, 15, 10, 10, 15]),
        new("money", [2, 3, 5, 3]),
    ];

    /// <summary>A task that matches no kind: a starter sequence around its own title.</summary>
    private static readonly Kind Starter = new(General, [2, 5, 10, 15, 2]);

    /// <summary>The kind of task its words say (cleaning, paperwork, ...), or "general".</summary>
    public static string KindOf(string title, string? notes) => Match(title, notes)?.Name ?? General;

    public static (string Kind, IReadOnlyList<BreakdownStep> Steps) StepsFor(string title, string? notes, string locale)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (Match(title, notes) is { } best)
        {
            return (best.Name, best.Steps(locale));
        }

        return (General, Starter.Steps(locale, title.Trim().TrimEnd('.', '!')));
    }

    private const string General = "general";

    /// <summary>The kind whose words the task uses most, if any.</summary>
    private static Kind? Match(string title, string? notes)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = " " + TextKeys.Fold(title + " " + notes) + " ";
        return Kinds
            .Select(kind => (kind, score: kind.Words.Count(word => text.Contains(" " + TextKeys.Fold(word) + " ", StringComparison.Ordinal))))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score)
            .Select(x => x.kind)
            .FirstOrDefault();
    }
}
