using System.Text;
using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Text;
using PersonalAssistant.Language.Time;

namespace PersonalAssistant.Language.Understanding;

/// <summary>
/// Decides what a message asks for and fills the fields of that intent. The order of the checks is the grammar's
/// precedence (a note or a memory is kept verbatim even if it names a time; a reminder cue beats everything that
/// follows); the words of every check come from the <see cref="Lexicon"/>.
/// </summary>
internal sealed partial class Interpreter(Lexicon lex)
{
    private readonly TemporalRecognizer temporal = new(lex);
    private readonly TypoCorrector corrector = new(lex);

    public string Language => lex.Code;

    public List<ParsedAction> Interpret(string text, Token[] tokens, ParseContext context)
    {
        tokens = corrector.Correct(tokens);
        var action = InterpretOne(text, tokens, context);
        if (SplitSeveral(text, tokens, context, action) is { Count: > 0 } several)
        {
            return several;
        }

        return [action.Intent == Intents.Chat ? Arbitrate(text, tokens, context) : action];
    }

    public ParsedTime? ParseTime(Token[] tokens, ParseContext context)
    {
        tokens = corrector.Correct(tokens);
        var mentions = temporal.Recognize(tokens);
        if (mentions.Count == 0)
        {
            return null;
        }

        var resolved = TemporalResolver.Resolve(mentions, context.Now, context.Zone);
        return resolved.When is { } when ? new ParsedTime(when, resolved.RRule, resolved.DurationMinutes, resolved.Ambiguous, resolved.Alternatives) : null;
    }

    private ParsedAction InterpretOne(string text, Token[] t, ParseContext context)
    {
        var start = SkipPoliteness(t, 0);
        var mentions = temporal.Recognize(t);

        if (lex.NoteCues.Match(t, start) is var note and > 0)
        {
            return new ParsedAction { Intent = Intents.NoteCreate, Body = Rest(text, t, start + note) };
        }

        if (lex.MemoryCues.Match(t, start) is var memory and > 0 && lex.MemoryToReminder.Match(t, start + memory) == 0)
        {
            return new ParsedAction { Intent = Intents.MemoryRemember, Body = Rest(text, t, start + memory) };
        }

        // "my sister's name is Julie, remember that"
        if (lex.MemoryCues.MatchEndingAt(t, LastWord(t) + 1) is var memoryAfter and > 0 && LastWord(t) + 1 - memoryAfter > start)
        {
            var removed = new bool[t.Length];
            Mark(removed, LastWord(t) + 1 - memoryAfter, t.Length);
            return new ParsedAction { Intent = Intents.MemoryRemember, Body = Title(text, t, removed, []) };
        }

        if (Change(text, t, start, mentions, context) is { } change)
        {
            return change;
        }

        var snooze = lex.SnoozeCues.Match(t, start);
        if (lex.ReminderCues.Contains(t) && snooze == 0)
        {
            return Timed(Intents.ReminderCreate, text, t, mentions, context, lex.ReminderCues);
        }

        if (snooze > 0 && Snooze(t, start + snooze) is { } snoozed)
        {
            return snoozed;
        }

        if ((MoneyRecognizer.Find(t, lex) ?? UnmarkedAmount(t, start, mentions)) is { } money && !StartsWithTodo(t, start))
        {
            return Expense(text, t, money, context, mentions);
        }

        var priority = FindPriority(t, out var priorityStart, out var priorityLength);
        var taskStart = priorityStart == start ? SkipPoliteness(t, start + priorityLength) : start;
        var taskCue = lex.TaskCues.Match(t, taskStart) > 0
            || (mentions.Count > 0 && mentions[0].Start == start && lex.TaskCues.Match(t, SkipPoliteness(t, LeadingMentionsEnd(t, mentions))) > 0);
        var groceryList = lex.GroceryLists.Contains(t);
        var calendar = lex.CalendarCues.Contains(t);

        if (!taskCue && !groceryList && lex.TaskListQueries.Contains(t))
        {
            lex.ListRanges.Find(t, 0, out _, out var range);
            return new ParsedAction { Intent = Intents.TaskList, Range = range };
        }

        if (lex.SuggestCues.Contains(t))
        {
            lex.EnergyWords.Find(t, 0, out _, out var energy);
            return new ParsedAction { Intent = Intents.SuggestNext, Energy = energy };
        }

        if (lex.BreakdownCues.Contains(t))
        {
            return Breakdown(text, t);
        }

        if (lex.CompleteCues.Match(t, start) > 0 || lex.CompleteCues.MatchEndingAt(t, LastWord(t) + 1) > 0)
        {
            return Complete(text, t);
        }

        if (groceryList || (lex.GroceryNeeds.Match(t, start) is var need and > 0 && lex.MemoryToReminder.Match(t, start + need) == 0
            && lex.TaskCues.Match(t, start) <= need && lex.TodoVerbs.Match(t, start + need) == 0))
        {
            return Grocery(text, t, start);
        }

        var clock = mentions.Any(m => m.Kind is MentionKind.Time or MentionKind.Range);
        var hasTime = mentions.Count > 0;
        if (calendar
            || (lex.EventVerbs.Match(t, start) > 0 && hasTime)
            || (mentions.Any(m => m.Kind is MentionKind.Range || (m.Kind == MentionKind.Duration && lex.ForMarkers.Match(t, m.Start) > 0)) && mentions.Any(m => m.Kind is MentionKind.Date or MentionKind.Time))
            || (!taskCue && clock && lex.EventNouns.Find(t, start, out _, out _) is var noun && noun >= 0 && noun - start <= 2))
        {
            return Timed(Intents.EventCreate, text, t, mentions, context, lex.CalendarCues, lex.EventVerbs, lex.TaskCues);
        }

        if (taskCue || lex.TaskLists.Contains(t) || priority is not null)
        {
            return Timed(Intents.TaskCreate, text, t, mentions, context, lex.TaskLists, lex.TaskCues) with { Priority = priority };
        }

        // "book club next thursday 7pm": a name, a day and a time, no verb: an appointment
        var question = LastWord(t) + 1 < t.Length && t[^1].Is("?");
        if (!question && clock && mentions.Any(m => m.Kind is MentionKind.Date or MentionKind.Recurrence) && mentions[0].Start > start
            && !StartsWithTodo(t, start) && lex.SentenceOpeners.Match(t, start) == 0 && t[start].IsWord)
        {
            return Timed(Intents.EventCreate, text, t, mentions, context, lex.CalendarCues, lex.EventVerbs);
        }

        // only a length of time ("in 10 minutes please"): the answer to a reminder that just fired
        if (mentions is [{ Kind: MentionKind.Relative or MentionKind.Duration, Amount.IsClock: true } only]
            && Title(text, t, Removed(t, only), []) is null)
        {
            return new ParsedAction { Intent = Intents.ReminderSnooze, Minutes = only.Amount.Minutes };
        }

        if (!question && (StartsWithTodo(t, start) || (mentions.Count > 0 && mentions[0].Start == start && StartsWithTodo(t, LeadingMentionsEnd(t, mentions)))))
        {
            var intent = clock || mentions.Any(m => m.Kind is MentionKind.Relative or MentionKind.DayPart || m.Part is not null || m.Recurrence is not null)
                ? Intents.ReminderCreate
                : Intents.TaskCreate;
            return Timed(intent, text, t, mentions, context);
        }

        return new ParsedAction { Intent = Intents.Chat };
    }

    // ------------------------------------------------------------------ intents

    private ParsedAction Timed(string intent, string text, Token[] t, List<Mention> mentions, ParseContext context, params PhraseSet<bool>[] noise)
    {
        var resolved = TemporalResolver.Resolve(mentions, context.Now, context.Zone);
        var removed = new bool[t.Length];
        foreach (var m in mentions)
        {
            Mark(removed, m.Start, m.End);
        }

        foreach (var set in noise)
        {
            MarkAll(t, removed, set);
        }

        MarkAll(t, removed, lex.Priorities);
        var title = Title(text, t, removed, noise);
        var when = resolved.When;
        return new ParsedAction
        {
            Intent = intent,
            Title = title,
            When = when,
            RRule = resolved.RRule,
            DurationMinutes = intent == Intents.EventCreate ? resolved.DurationMinutes : null,
            Ambiguous = resolved.Ambiguous,
            Alternatives = resolved.Alternatives,
            Spans = Spans(text, t, mentions),
            SkippedTime = Skipped(when, mentions, context.Zone),
        };
    }

    /// <summary>The clock time said, on the day found, when a spring-forward change skips it there.</summary>
    private static NodaTime.LocalDateTime? Skipped(Moment? when, List<Mention> mentions, NodaTime.DateTimeZone zone)
    {
        if (when is not { Instant: { } instant })
        {
            return null;
        }

        foreach (var m in mentions)
        {
            if (m.Kind is MentionKind.Time or MentionKind.Range && m.Time.Known && m.Time.Hour < 24)
            {
                var said = instant.Date + new NodaTime.LocalTime(m.Time.Hour, m.Time.Minute);
                if (said != instant.LocalDateTime && zone.MapLocal(said).Count == 0)
                {
                    return said;
                }
            }
        }

        return null;
    }

    private ParsedAction? Snooze(Token[] t, int from)
    {
        if (temporal.FindAmount(t, out _, out _) is { } amount && amount.IsClock)
        {
            return new ParsedAction { Intent = Intents.ReminderSnooze, Minutes = amount.Minutes };
        }

        // "snooze 20": minutes
        for (var i = from; i < t.Length; i++)
        {
            if (t[i].IntegerValue is > 0 and <= 1440)
            {
                return new ParsedAction { Intent = Intents.ReminderSnooze, Minutes = t[i].IntegerValue };
            }

            if (t[i].IsWord)
            {
                return null;
            }
        }

        return from >= t.Length || t.Skip(from).All(x => x.IsPunctuation) ? new ParsedAction { Intent = Intents.ReminderSnooze } : null;
    }

    private ParsedAction Expense(string text, Token[] t, Money money, ParseContext context, List<Mention> mentions)
    {
        var currency = money.Currency;
        if (money.Dollar && currency is null)
        {
            // "$": the person's own dollar, else the dollar of where they live, else US dollars
            currency = context.DefaultCurrency is { Length: 3 } preferred && DollarCurrencies.Contains(preferred) ? preferred.ToUpperInvariant()
                : ZoneCurrencies.Of(context.Zone) is { } local && ZoneCurrencies.IsDollar(local) ? local : "USD";
        }
        else if (!money.Dollar && currency is null)
        {
            currency = context.DefaultCurrency?.ToUpperInvariant();
        }

        var removed = new bool[t.Length];
        Mark(removed, money.Start, money.End);
        MarkAll(t, removed, lex.ExpenseCues);

        // "15 € de pizza hier soir": the day it was spent, not part of what it was for
        var said = mentions.Where(m => m.Kind is MentionKind.Date or MentionKind.Time or MentionKind.DayPart && (m.End <= money.Start || m.Start >= money.End)).ToList();
        foreach (var m in said)
        {
            Mark(removed, m.Start, m.End);
        }

        var dates = said.Where(m => m.Kind == MentionKind.Date).ToList();

        var day = dates.Count > 0 ? TemporalResolver.Resolve(dates, context.Now, context.Zone).When : null;
        var title = Title(text, t, removed, [lex.ExpenseCues, lex.ForMarkers, lex.DatePrepositions]);
        return new ParsedAction
        {
            Intent = Intents.ExpenseAdd,
            Amount = money.Amount,
            Currency = currency,
            Title = title,
            When = day is { } spent ? Moment.OnDate(spent.Date) : null,
            Spans = [Span(text, t, money.Start, money.End, SpanKinds.Money)],
        };
    }

    /// <summary>
    /// An amount said with no currency: "spent 12 on lunch" (after a spending verb, before "on"/"for" or the end) or
    /// "lunch 12.50" (a short message whose only number has cents). The person's default currency applies.
    /// </summary>
    private Money? UnmarkedAmount(Token[] t, int start, List<Mention> mentions)
    {
        var numbers = Enumerable.Range(0, t.Length).Where(i => t[i].IsNumber).ToList();
        if (numbers.Count != 1 || mentions.Count > 0)
        {
            return null;
        }

        var at = numbers[0];
        if (!MoneyRecognizer.TryAmount(t[at], out var amount))
        {
            return null;
        }

        var cue = lex.ExpenseCues.Match(t, start) > 0
            && (at + 1 >= t.Length || t[at + 1].IsPunctuation || lex.ForMarkers.Match(t, at + 1) > 0 || lex.DatePrepositions.Match(t, at + 1) > 0);
        var cents = t[at].Norm.Length > 3 && t[at].Norm[^3] is '.' or ',';
        var shortMessage = t.Count(x => x.IsWord) is > 0 and <= 4;
        return cue || (cents && shortMessage) ? new Money(amount, null, false, at, at + 1) : null;
    }

    private static readonly HashSet<string> DollarCurrencies = new(StringComparer.OrdinalIgnoreCase) { "USD", "CAD", "AUD", "NZD", "SGD", "HKD" };

    private ParsedAction Breakdown(string text, Token[] t)
    {
        var removed = new bool[t.Length];
        MarkAll(t, removed, lex.BreakdownNoise);
        var title = Title(text, t, removed, [lex.BreakdownNoise, lex.Pronouns]);
        return new ParsedAction { Intent = Intents.TaskBreakdown, Title = title };
    }

    private ParsedAction Complete(string text, Token[] t)
    {
        var removed = new bool[t.Length];
        var title = Title(text, t, removed, [lex.CompleteNoise, lex.Pronouns]);
        return new ParsedAction { Intent = Intents.TaskComplete, Title = title };
    }

    private ParsedAction Grocery(string text, Token[] t, int start, int itemsFrom = 0)
    {
        var removed = new bool[t.Length];
        Mark(removed, 0, itemsFrom);
        MarkAll(t, removed, lex.GroceryLists);
        if (lex.GroceryNeeds.Match(t, start) is var need and > 0)
        {
            Mark(removed, start, start + need);
        }

        var items = new List<string>();
        var itemStart = -1;
        for (var i = 0; i <= t.Length; i++)
        {
            var separator = i == t.Length || removed[i] || lex.And.Match(t, i) > 0 || t[i].Is(":") || t[i].Is(";") || t[i].Is(".");
            if (!separator)
            {
                if (itemStart < 0)
                {
                    itemStart = i;
                }

                continue;
            }

            if (itemStart >= 0)
            {
                var itemRemoved = new bool[t.Length];
                for (var k = 0; k < t.Length; k++)
                {
                    itemRemoved[k] = k < itemStart || k >= i;
                }

                if (Title(text, t, itemRemoved, [lex.GroceryPrefixes, lex.ItemPrefixes, lex.GroceryNeeds, lex.Politeness]) is { } item)
                {
                    items.Add(item);
                }

                itemStart = -1;
            }
        }

        // "to the grocery list": where the items go, so a client can show it and let the person take it out
        var list = lex.GroceryLists.Find(t, 0, out var listLength, out _);
        return new ParsedAction
        {
            Intent = Intents.GroceryAdd,
            Items = items,
            Spans = list >= 0 ? [Span(text, t, list, list + listLength, SpanKinds.List)] : [],
        };
    }

    private int SkipPoliteness(Token[] t, int i)
    {
        while (i < t.Length)
        {
            if (t[i].IsPunctuation)
            {
                i++;
                continue;
            }

            var n = lex.Politeness.Match(t, i);
            if (n == 0)
            {
                break;
            }

            i += n;
        }

        return i;
    }

    private bool StartsWithTodo(Token[] t, int start) => lex.TodoVerbs.Match(t, SkipPoliteness(t, start)) > 0;

    private string? FindPriority(Token[] t, out int start, out int length)
    {
        start = lex.Priorities.Find(t, 0, out length, out var priority);
        return start >= 0 ? priority : null;
    }

    /// <summary>Where the time phrases that open a message end ("tous les matins à 7h30, prendre …").</summary>
    private static int LeadingMentionsEnd(Token[] t, List<Mention> mentions)
    {
        var end = mentions[0].End;
        for (var k = 1; k < mentions.Count; k++)
        {
            var gap = end;
            while (gap < mentions[k].Start && t[gap].IsPunctuation)
            {
                gap++;
            }

            if (gap != mentions[k].Start)
            {
                break;
            }

            end = mentions[k].End;
        }

        return end;
    }

    private static int LastWord(Token[] t)
    {
        var i = t.Length - 1;
        while (i >= 0 && t[i].IsPunctuation)
        {
            i--;
        }

        return i;
    }

    // ------------------------------------------------------------------ text

    /// <summary>The message after a cue such as "note:" or "remember that", as typed.</summary>
    private string? Rest(string text, Token[] t, int from)
    {
        while (from < t.Length && (t[from].IsPunctuation || lex.ClauseIntroducers.Match(t, from) > 0))
        {
            from++;
        }

        return from >= t.Length ? null : Clean(text[t[from].Start..]);
    }

    /// <summary>
    /// What is left of the message once the understood parts are removed, trimmed of cue words, fillers and
    /// punctuation at both ends; null when nothing is left.
    /// </summary>
    private string? Title(string text, Token[] t, bool[] removed, PhraseSet<bool>[] edgeNoise)
    {
        var kept = new List<int>(t.Length);
        for (var i = 0; i < t.Length; i++)
        {
            if (!removed[i])
            {
                kept.Add(i);
            }
        }

        var view = kept.Select(i => t[i]).ToList();
        var first = 0;
        var last = view.Count;
        StripCopula(view, ref first, ref last);
        var changed = true;
        while (changed && first < last)
        {
            changed = false;
            var window = view.GetRange(first, last - first);
            var n = view[first].IsPunctuation || view[first].Kind == TokenKind.Symbol ? 1 : LongestAtStart(window, edgeNoise);
            if (n > 0)
            {
                first += n;
                changed = true;
                continue;
            }

            var m = view[last - 1].IsPunctuation || view[last - 1].Kind == TokenKind.Symbol ? 1 : LongestAtEnd(window, edgeNoise);
            if (m > 0)
            {
                last -= m;
                changed = true;
            }
        }

        if (first >= last)
        {
            return null;
        }

        var builder = new StringBuilder();
        var runStart = kept[first];
        for (var k = first; k < last; k++)
        {
            var index = kept[k];
            var runEnds = k == last - 1 || kept[k + 1] != index + 1;
            if (runEnds)
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(text, t[runStart].Start, t[index].End - t[runStart].Start);
                if (k < last - 1)
                {
                    runStart = kept[k + 1];
                }
            }
        }

        var title = Clean(builder.ToString());
        return title.Length == 0 ? null : title;
    }

    /// <summary>"my flight is", "lunch was": the copula at the end goes, and a possessive at the start with it.</summary>
    private void StripCopula(List<Token> view, ref int first, ref int last)
    {
        var end = last;
        while (end > first && view[end - 1].IsPunctuation)
        {
            end--;
        }

        var copula = lex.Copulas.MatchEndingAt(view, end);
        if (copula == 0 || end - copula <= first)
        {
            return;
        }

        last = end - copula;
        var possessive = lex.Possessives.Match(view, first);
        if (possessive > 0 && first + possessive < last)
        {
            first += possessive;
        }
    }

    private int LongestAtStart(List<Token> window, PhraseSet<bool>[] edgeNoise)
    {
        var best = Math.Max(lex.LeadingFillers.Match(window, 0), lex.Politeness.Match(window, 0));
        foreach (var set in edgeNoise)
        {
            best = Math.Max(best, set.Match(window, 0));
        }

        return best;
    }

    private int LongestAtEnd(List<Token> window, PhraseSet<bool>[] edgeNoise)
    {
        var best = Math.Max(lex.TrailingFillers.MatchEndingAt(window, window.Count), lex.Politeness.MatchEndingAt(window, window.Count));
        foreach (var set in edgeNoise)
        {
            best = Math.Max(best, set.MatchEndingAt(window, window.Count));
        }

        return best;
    }

    private static string Clean(string value)
    {
        var trimmed = value.Trim().Trim('\'', '"', '‘', '’', '“', '”', '«', '»', ',', ':', ';', '-', '.', '!', '?', ' ', '\u00A0');
        return string.Join(' ', trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool[] Removed(Token[] t, Mention mention)
    {
        var removed = new bool[t.Length];
        Mark(removed, mention.Start, mention.End);
        return removed;
    }

    private static void Mark(bool[] removed, int start, int end)
    {
        for (var i = start; i < end && i < removed.Length; i++)
        {
            removed[i] = true;
        }
    }

    private static void MarkAll<T>(Token[] t, bool[] removed, PhraseSet<T> set)
    {
        var i = 0;
        while (i < t.Length)
        {
            var n = removed[i] ? 0 : set.Match(t, i);
            if (n > 0)
            {
                Mark(removed, i, i + n);
                i += n;
            }
            else
            {
                i++;
            }
        }
    }

    private static List<UnderstoodSpan> Spans(string text, Token[] t, List<Mention> mentions) =>
        [.. mentions.Select(m => Span(text, t, m.Start, m.End, m.Kind switch
        {
            MentionKind.Date => SpanKinds.Date,
            MentionKind.Relative => SpanKinds.Relative,
            MentionKind.Duration => SpanKinds.Duration,
            MentionKind.Recurrence => SpanKinds.Recurrence,
            _ => SpanKinds.Time,
        }))];

    private static UnderstoodSpan Span(string text, Token[] t, int start, int end, string kind)
    {
        var from = t[start].Start;
        var to = t[end - 1].End;
        return new UnderstoodSpan(from, to - from, kind, text[from..to]);
    }
}
