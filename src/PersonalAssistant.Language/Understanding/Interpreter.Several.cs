using PersonalAssistant.Language.Text;

namespace PersonalAssistant.Language.Understanding;

/// <summary>
/// Several things in one message, a brain dump: "ok brain dump: call mom tomorrow, pay the electric bill by friday,
/// buy dog food, and email jess about the party", "faut que j'achète du pain, rdv chez le véto mercredi à 10h et
/// rappelle-moi d'appeler Julie ce soir". The message is cut at commas, semicolons, and at "and"/"et" when a new
/// clause starts after it (a verb, a cue); each part is read on its own, with its own kind and its own time. A
/// heading before a colon that asks for nothing ("brain dump:", "en vrac :") is dropped. When a part cannot be read
/// on its own ("milk, eggs, bread" is one grocery list), the message stays one action.
/// </summary>
internal sealed partial class Interpreter
{
    private List<ParsedAction>? SplitSeveral(string text, Token[] t, ParseContext context, ParsedAction whole)
    {
        if (whole.Intent is Intents.NoteCreate or Intents.MemoryRemember or Intents.TaskList or Intents.SuggestNext
            or Intents.TaskBreakdown or Intents.TaskComplete or Intents.ReminderSnooze
            || (whole.Intent == Intents.ItemUpdate && (whole.Priority is not null || whole.Title is not null))
            || (whole.Intent == Intents.GroceryAdd && lex.GroceryLists.Contains(t)))
        {
            return null;
        }

        var from = 0;
        var colon = Array.FindIndex(t, x => x.Is(":"));
        if (colon > 0 && colon < t.Length - 1)
        {
            // "ok brain dump:", "to do list:", "en vrac :": a heading that names no thing to do
            var (headerText, headerTokens) = Slice(text, t, 0, colon);
            if (InterpretOne(headerText, headerTokens, context).Intent == Intents.Chat
                || (headerTokens.Count(x => x.IsWord) <= 4 && temporal.Recognize(headerTokens).Count == 0
                    && !Enumerable.Range(0, headerTokens.Length).Any(k => lex.TodoVerbs.Match(headerTokens, k) > 0)))
            {
                from = colon + 1;
            }
        }

        var parts = new List<(int Start, int End)>();
        var partStart = from;
        for (var i = from; i < t.Length; i++)
        {
            if (t[i].Is(",") || t[i].Is(";"))
            {
                parts.Add((partStart, i));
                partStart = i + 1;
            }
            else if (i > partStart && t[i].IsWord && lex.And.Match(t, i) is var link and > 0 && ClauseStartsAt(t, i + link))
            {
                parts.Add((partStart, i));
                partStart = i;
            }
        }

        parts.Add((partStart, t.Length));
        var actions = new List<ParsedAction>(parts.Count);
        foreach (var (start, end) in parts)
        {
            var first = SkipLinks(t, start, end);
            if (first >= end || t.Skip(first).Take(end - first).All(x => x.IsPunctuation))
            {
                continue;
            }

            if (t.Skip(first).Take(end - first).Count(x => x.IsWord || x.IsNumber) < 2)
            {
                return whole.Intent == Intents.Chat && Items(t, parts) ? [Grocery(text, t, 0)] : null;
            }

            var (piece, tokens) = Slice(text, t, first, end);
            if (ReadPart(piece, tokens, context) is not { } action)
            {
                return whole.Intent == Intents.Chat && Items(t, parts) ? [Grocery(text, t, 0)] : null;
            }

            var offset = t[first].Start;
            actions.Add(action with { Spans = [.. action.Spans.Select(s => s with { Start = s.Start + offset })] });
        }

        return actions.Count > 1 ? actions : null;
    }

    /// <summary>One part of a brain dump as an action that can be captured, or null.</summary>
    private ParsedAction? ReadPart(string piece, Token[] t, ParseContext context)
    {
        var action = InterpretOne(piece, t, context);
        var mentions = temporal.Recognize(t);
        switch (action.Intent)
        {
            case Intents.Chat when mentions.Count > 0:
                // "dentist thursday": a thing and a day, no verb
                action = Timed(Intents.TaskCreate, piece, t, mentions, context, lex.TaskLists, lex.TaskCues);
                break;
            case Intents.ReminderCreate or Intents.EventCreate when action.When is null:
                action = action with { Intent = Intents.TaskCreate };
                break;
            case Intents.TaskCreate when ShoppingList(piece, t) is { } groceries:
                action = groceries;
                break;
            case Intents.Chat or Intents.TaskList or Intents.SuggestNext or Intents.TaskBreakdown or Intents.TaskComplete or Intents.ReminderSnooze:
                return null;
        }

        var said = action.Title ?? action.Body ?? (action.Items is { Count: > 0 } ? "items" : null);
        return said is null ? null : action;
    }

    /// <summary>
    /// "milk, eggs, bread", "lait, oeufs, pain": only short names separated by commas, no verb, no time, no
    /// question and no sentence, is a shopping list.
    /// </summary>
    private bool Items(Token[] t, List<(int Start, int End)> parts)
    {
        if (parts.Count < 2 || t[^1].Is("?") || temporal.Recognize(t).Count > 0)
        {
            return false;
        }

        foreach (var (start, end) in parts)
        {
            var first = SkipLinks(t, start, end);
            var words = Enumerable.Range(first, Math.Max(0, end - first)).Count(k => t[k].IsWord && lex.And.Match(t, k) == 0);
            if (words is 0 or > 4 || t.Skip(first).Take(end - first).Any(x => x.Kind == TokenKind.Symbol)
                || lex.SentenceOpeners.Match(t, first) > 0 || lex.Politeness.Match(t, first) > 0 || lex.TodoVerbs.Match(t, first) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"faut que j'achète du pain et des oeufs": a buying verb and several things, a shopping list.</summary>
    private ParsedAction? ShoppingList(string piece, Token[] t)
    {
        var i = SkipPoliteness(t, 0);
        i += lex.TaskCues.Match(t, i);
        i += lex.SubjectPronouns.Match(t, i);
        var verb = lex.ShoppingVerbs.Match(t, i);
        if (verb == 0 || !Enumerable.Range(i + verb, Math.Max(0, t.Length - i - verb)).Any(k => t[k].IsWord && lex.And.Match(t, k) > 0))
        {
            return null;
        }

        var groceries = Grocery(piece, t, 0, i + verb);
        return groceries.Items is { Count: > 1 } ? groceries : null;
    }

    /// <summary>After "and": a new clause ("and call", "and remind me", "n also book", "et que je rappelle").</summary>
    private bool ClauseStartsAt(Token[] t, int i)
    {
        var k = SkipLinks(t, i, t.Length);
        return lex.TodoVerbs.Match(t, k) > 0 || lex.ReminderCues.Match(t, k) > 0 || lex.TaskCues.Match(t, k) > 0
            || lex.MemoryCues.Match(t, k) > 0 || lex.ExpenseCues.Match(t, k) > 0 || lex.NoteCues.Match(t, k) > 0;
    }

    /// <summary>Skips "and", "also", "que", and "je" before a verb at the start of a clause.</summary>
    private int SkipLinks(Token[] t, int i, int end)
    {
        while (i < end)
        {
            if (t[i].IsPunctuation)
            {
                i++;
                continue;
            }

            var n = Math.Max(Math.Max(lex.And.Match(t, i), lex.ClauseLinks.Match(t, i)), lex.ClauseIntroducers.Match(t, i));
            if (n == 0 && lex.SubjectPronouns.Match(t, i) is var pronoun and > 0 && lex.TodoVerbs.Match(t, i + pronoun) > 0)
            {
                n = pronoun;
            }

            if (n == 0)
            {
                break;
            }

            i += n;
        }

        return i;
    }

    /// <summary>Tokens [start, end) as a message of their own: its text and its tokens, positions counted from its start.</summary>
    private static (string Text, Token[] Tokens) Slice(string text, Token[] t, int start, int end)
    {
        var from = t[start].Start;
        var to = t[end - 1].End;
        var tokens = new Token[end - start];
        for (var k = start; k < end; k++)
        {
            tokens[k - start] = t[k] with { Start = t[k].Start - from, End = t[k].End - from };
        }

        return (text[from..to], tokens);
    }
}
