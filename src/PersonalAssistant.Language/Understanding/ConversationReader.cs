using NodaTime;
using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Text;
using PersonalAssistant.Language.Time;

namespace PersonalAssistant.Language.Understanding;

/// <summary>
/// Reads what is not a capture: a question about the person's own things (a day's agenda, when something is, a
/// spending total, a list's items, or anything else to look up by its words), a change to a list ("remove eggs from
/// the list", "vide la liste"). Every word comes from the lexicon's <see cref="ConversationWords"/>.
/// </summary>
internal sealed class ConversationReader(Lexicon lex)
{
    private readonly ConversationWords words = lex.Conversation;
    private readonly TemporalRecognizer temporal = new(lex);
    private readonly string[] shoppingWords = [.. lex.GroceryLists.Phrases.Where(p => !p.Contains(' ', StringComparison.Ordinal))];
    private readonly HashSet<string> noise = [.. lex.Conversation.QuestionNoise.Select(w => Folding.Fold(w))];

    private readonly (string Category, string[] Words)[] categories =
    [
        .. lex.ExpenseCategoryWords.Select(p => (p.Key, p.Value.Select(w => Folding.Fold(w)).ToArray())),
        .. lex.Conversation.SpendingTopics.Select(p => (p.Key, p.Value.Select(w => Folding.Fold(w)).ToArray())),
    ];

    public QuestionReading? ReadQuestion(Token[] t, ParseContext context)
    {
        var start = Skip(t, 0);
        if (start >= t.Length)
        {
            return null;
        }

        var strong = words.QuestionOpeners.Match(t, start) > 0;
        var question = strong || t.Any(x => x.Is("?"));

        if (words.SpendingCues.Contains(t))
        {
            return Spending(t, context) with { Strong = strong };
        }

        var listQuestion = question || words.ListContentsCues.Match(t, start) > 0;
        if (listQuestion && ListNamed(t, out var list))
        {
            return new QuestionReading(QuestionKinds.ListContents) { List = list, Strong = strong };
        }

        if (words.AgendaCues.Contains(t) && Day(t, context) is { } day)
        {
            return new QuestionReading(QuestionKinds.Agenda) { Day = day, Strong = strong };
        }

        var content = ContentWords(t);
        if (content.Count == 0)
        {
            return null;
        }

        if (words.WhenCues.Match(t, start) > 0 || (question && words.WhenCues.Contains(t)))
        {
            return new QuestionReading(QuestionKinds.When) { Words = content, Strong = true };
        }

        return question ? new QuestionReading(QuestionKinds.Lookup) { Words = content, Strong = strong } : null;
    }

    public ListChange? ReadListChange(Token[] t)
    {
        var start = Skip(t, 0);
        var last = t.Length;
        while (last > 0 && t[last - 1].IsPunctuation)
        {
            last--;
        }

        // "add wood glue to that list": the list just shown, which the host knows
        if (start >= t.Length || MoneyRecognizer.Find(t, lex) is not null || lex.Change.ListReferences.MatchEndingAt(t, last) > 0)
        {
            return null;
        }

        var named = ListNamed(t, out var list, out var misspelt);
        if (words.ListClearCues.Match(t, start) is var clear and > 0 && named)
        {
            var rest = Items(t, start + clear);
            return rest.Count == 0 ? new ListChange(ListChangeKinds.Clear, [], list) : null;
        }

        if (words.ListAddCues.Match(t, start) is var add and > 0 && named && (list is not null || misspelt))
        {
            var items = Items(t, start + add);
            return items.Count > 0 ? new ListChange(ListChangeKinds.Add, items, list) : null;
        }

        if (words.ListRemoveCues.Match(t, start) is var remove and > 0 && named)
        {
            var items = Items(t, start + remove);
            return items.Count > 0 ? new ListChange(ListChangeKinds.Remove, items, list) : null;
        }

        if (words.ListGotCues.Match(t, start) is var got and > 0 && temporal.Recognize(t).Count == 0)
        {
            var items = Items(t, start + got);
            return items.Count > 0 ? new ListChange(ListChangeKinds.Got, items, named ? list : null) : null;
        }

        return null;
    }

    private QuestionReading Spending(Token[] t, ParseContext context)
    {
        var today = context.Now.Date;
        var period = words.SpendingPeriods.Find(t, 0, out _, out var said) >= 0 ? said : SpendingPeriod.ThisMonth;
        var monday = today.Minus(Period.FromDays((int)today.DayOfWeek - 1));
        var firstOfMonth = new LocalDate(today.Year, today.Month, 1);
        var (from, until) = period switch
        {
            SpendingPeriod.Today => (today, today.PlusDays(1)),
            SpendingPeriod.Yesterday => (today.PlusDays(-1), today),
            SpendingPeriod.ThisWeek => (monday, today.PlusDays(1)),
            SpendingPeriod.LastWeek => (monday.PlusDays(-7), monday),
            SpendingPeriod.LastMonth => (firstOfMonth.PlusMonths(-1), firstOfMonth),
            SpendingPeriod.ThisYear => (new LocalDate(today.Year, 1, 1), today.PlusDays(1)),
            _ => (firstOfMonth, today.PlusDays(1)),
        };

        var text = " " + string.Join(' ', t.Where(x => x.IsWord).Select(x => x.Norm)) + " ";
        var found = categories.Where(c => c.Words.Any(w => text.Contains(" " + w + " ", StringComparison.Ordinal)))
            .Select(c => c.Category).Distinct(StringComparer.Ordinal).ToList();
        return new QuestionReading(QuestionKinds.Spending) { From = from, Until = until, Categories = found };
    }

    /// <summary>The day an agenda question is about: the date said, today when only "today" or nothing is said; null for a span ("this week").</summary>
    private LocalDate? Day(Token[] t, ParseContext context)
    {
        if (lex.ListRanges.Find(t, 0, out _, out var range) >= 0 && range is "week" or "overdue")
        {
            return null;
        }

        var mentions = temporal.Recognize(t);
        if (mentions.Count == 0)
        {
            return range is null ? null : context.Now.Date;
        }

        var resolved = TemporalResolver.Resolve(mentions, context.Now, context.Zone);
        return resolved is { When: { } when, RRule: null } ? when.Date : null;
    }

    /// <summary>
    /// Whether the message names a list, and which: null for the default (shopping) list ("the grocery list", "la
    /// liste"), else the word next to "list" ("ma liste bricolage", "my hardware list"). The to-do list is not one.
    /// </summary>
    private bool ListNamed(Token[] t, out string? name) => ListNamed(t, out name, out _);

    private bool ListNamed(Token[] t, out string? name, out bool misspeltShopping)
    {
        name = null;
        misspeltShopping = false;
        if (lex.GroceryLists.Contains(t))
        {
            return true;
        }

        var at = words.ListWords.Find(t, 0, out var length, out _);
        if (at < 0)
        {
            return false;
        }

        // "ma liste de tâches", "my to do list": the to-do list; "ma liste bricolage": a list of its own name
        var taskList = words.TaskListNames.Find(t, 0, out var taskLength, out _);
        if (taskList >= 0 && (taskList + taskLength > at + length || (taskList < at && taskList + taskLength == at + length && !noise.Contains(t[at - 1].Norm))))
        {
            return false; // "ma liste de tâches", "my task list"
        }

        var after = at + length;
        while (after < t.Length && t[after].IsWord && lex.ItemPrefixes.Match(t, after) > 0)
        {
            after++;
        }

        if (after < t.Length && t[after].IsWord && !noise.Contains(t[after].Norm) && words.ListChangeNoise.Match(t, after) == 0)
        {
            // "la liste de course": the shopping list misspelt, not a list called "course"
            misspeltShopping = IsShoppingWord(t[after].Norm);
            name = misspeltShopping ? null : t[after].Text;
            return true;
        }

        var before = at - 1;
        if (before >= 0 && t[before].IsWord && !noise.Contains(t[before].Norm) && words.ListChangeNoise.Match(t, before) == 0
            && words.ListRemoveCues.Match(t, before) == 0 && words.ListClearCues.Match(t, before) == 0 && words.ListContentsCues.Match(t, before) == 0)
        {
            misspeltShopping = IsShoppingWord(t[before].Norm);
            name = misspeltShopping ? null : t[before].Text;
        }

        return name is not null || taskList < 0;
    }

    /// <summary>A word close to one that names the shopping list ("course" for "courses", "grocerys").</summary>
    private bool IsShoppingWord(string word) =>
        shoppingWords.Any(w => w == word || (Math.Min(w.Length, word.Length) >= 4 && (w.StartsWith(word, StringComparison.Ordinal) || word.StartsWith(w, StringComparison.Ordinal)) && Math.Abs(w.Length - word.Length) <= 2));

    /// <summary>The items after a list verb: split on "and" and commas, without the list's name and the little words around.</summary>
    private List<string> Items(Token[] t, int from)
    {
        var removed = new bool[t.Length];
        for (var i = 0; i < from; i++)
        {
            removed[i] = true;
        }

        foreach (var set in new[] { lex.GroceryLists, words.ListWords })
        {
            var i = from;
            while (i < t.Length)
            {
                var n = set.Match(t, i);
                if (n > 0)
                {
                    for (var k = i; k < i + n; k++)
                    {
                        removed[k] = true;
                    }

                    // "ma liste bricolage" / "my hardware list": the list's own name goes too
                    if (ListNamed(t, out var name, out var misspelt) && (name is not null || misspelt))
                    {
                        for (var k = Math.Max(from, i - 1); k < Math.Min(t.Length, i + n + 2); k++)
                        {
                            removed[k] |= t[k].Text == name || (misspelt && t[k].IsWord && IsShoppingWord(t[k].Norm));
                        }
                    }
                }

                i += Math.Max(n, 1);
            }
        }

        var items = new List<string>();
        var current = new List<Token>();
        void Flush()
        {
            var first = 0;
            var last = current.Count;
            while (first < last && (current[first].IsPunctuation || words.ListChangeNoise.Match(current, first) > 0))
            {
                first += current[first].IsPunctuation ? 1 : words.ListChangeNoise.Match(current, first);
            }

            while (last > first && (current[last - 1].IsPunctuation || words.ListChangeNoise.MatchEndingAt(current.GetRange(first, last - first), last - first) > 0))
            {
                last -= current[last - 1].IsPunctuation ? 1 : words.ListChangeNoise.MatchEndingAt(current.GetRange(first, last - first), last - first);
            }

            if (last > first)
            {
                items.Add(string.Join(' ', current.GetRange(first, last - first).Select(x => x.Text)));
            }

            current.Clear();
        }

        for (var i = from; i < t.Length; i++)
        {
            if (removed[i] || t[i].Is(",") || t[i].Is(";") || (lex.And.Match(t, i) > 0 && t[i].IsWord))
            {
                Flush();
                continue;
            }

            current.Add(t[i]);
        }

        Flush();
        return items;
    }

    private List<string> ContentWords(Token[] t)
    {
        var mentions = temporal.Recognize(t);
        var content = new List<string>();
        for (var i = 0; i < t.Length; i++)
        {
            if (!t[i].IsWord || mentions.Any(m => i >= m.Start && i < m.End))
            {
                continue;
            }

            var word = t[i].Norm.EndsWith("'s", StringComparison.Ordinal) ? t[i].Norm[..^2] : t[i].Norm;
            if (word.Length >= 2 && !noise.Contains(word) && !noise.Contains(t[i].Norm) && !content.Contains(word, StringComparer.Ordinal))
            {
                content.Add(word);
            }
        }

        return content;
    }

    private int Skip(Token[] t, int i)
    {
        while (i < t.Length && (t[i].IsPunctuation || lex.Politeness.Match(t, i) > 0))
        {
            i += t[i].IsPunctuation ? 1 : lex.Politeness.Match(t, i);
        }

        return i;
    }
}
