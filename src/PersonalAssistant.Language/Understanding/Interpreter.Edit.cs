using PersonalAssistant.Language.Text;
using PersonalAssistant.Language.Time;

namespace PersonalAssistant.Language.Understanding;

/// <summary>
/// Changes that are not a new time (issue 15): a new name ("rename call the insurance guy to call Allianz", "call it
/// buy flowers instead", "renomme-le en …"), a new priority ("make the taxes high priority", "mets les impôts en
/// priorité haute"), and more items for the list just shown or used ("add eggs to it", "rajoute des pommes dessus",
/// "oh and cheese").
/// </summary>
internal sealed partial class Interpreter
{
    /// <summary>A rename or a new priority of an existing item; null when the message is neither.</summary>
    private ParsedAction? Edit(string text, Token[] t, int start, List<Mention> mentions)
    {
        return Rename(text, t, start) ?? Reprioritise(text, t, start, mentions) ?? AddToShown(text, t, start, mentions);
    }

    /// <summary>"rename X to Y", "renomme X en Y", "call it Y instead", "renomme-le en Y": the new name is the <see cref="ParsedAction.Title"/>.</summary>
    private ParsedAction? Rename(string text, Token[] t, int start)
    {
        var i = start;
        while (i < t.Length && Words.RenameReferred.Match(t, i) == 0 && Words.RenameVerbs.Match(t, i) == 0)
        {
            var cue = t[i].IsPunctuation ? 1 : Words.CorrectionCues.Match(t, i);
            if (cue == 0)
            {
                break;
            }

            i += cue;
        }

        string? target = null;
        string? kind = null;
        var from = -1;
        if (Words.RenameVerbs.Match(t, i) is var verb and > 0)
        {
            // "rename X to Y", "renomme la réunion en …": the old name up to the first separator
            for (var k = i + verb + 1; k < t.Length && from < 0; k++)
            {
                if (Words.RenameSeparators.Match(t, k) is var separator and > 0)
                {
                    var named = TargetOf(text, t, i + verb, k, []);
                    (target, kind) = (named.Target, named.Kind);
                    from = named.Target is not null || named.Referred ? k + separator : -1;
                }
            }
        }

        if (from < 0 && Words.RenameReferred.Match(t, i) is var referred and > 0)
        {
            // "call it Y instead", "renomme-le en Y": the item just talked about
            from = i + referred;
            if (from < t.Length && Words.RenameSeparators.Match(t, from) is var sep and > 0)
            {
                from += sep;
            }
        }

        if (from < 0)
        {
            return null;
        }

        var removed = new bool[t.Length];
        Mark(removed, 0, from);
        var title = Title(text, t, removed, [Words.RenameTails, lex.Politeness]);
        return title is null ? null : new ParsedAction { Intent = Intents.ItemUpdate, Target = target, TargetKind = kind, Title = title };
    }

    /// <summary>"make the taxes high priority", "clean the fridge isn't urgent, set it to low priority", "mets les impôts en priorité haute".</summary>
    private ParsedAction? Reprioritise(string text, Token[] t, int start, List<Mention> mentions)
    {
        if (mentions.Count > 0 || lex.Priorities.Find(t, 0, out _, out var priority) < 0 || lex.TaskLists.Contains(t) || (lex.TaskCues.Match(t, start) > 0 && Words.PriorityVerbs.Match(t, start) == 0))
        {
            return null;
        }

        var verbAt = -1;
        for (var i = start; i < t.Length && verbAt < 0; i++)
        {
            // a verb at the start ("make the taxes …"), or before "it" after the task was named ("…, set it to low priority")
            if (Words.PriorityVerbs.Match(t, i) is var n and > 0 && (i == start || (i + n < t.Length && lex.Pronouns.Match(t, i + n) > 0)))
            {
                verbAt = i;
            }
        }

        if (verbAt < 0)
        {
            return null;
        }

        var removed = new bool[t.Length];
        MarkAll(t, removed, lex.Priorities);
        MarkAll(t, removed, Words.PriorityNoise);
        MarkAll(t, removed, lex.Politeness);
        for (var i = 0; i < t.Length; i++)
        {
            // the verb, and the "it" right after it ("set it to low priority", "passe-le en priorité basse")
            if (Words.PriorityVerbs.Match(t, i) is var verb and > 0)
            {
                Mark(removed, i, i + verb);
                if (i + verb < t.Length && lex.Pronouns.Match(t, i + verb) is var pronoun and > 0)
                {
                    Mark(removed, i + verb, i + verb + pronoun);
                }
            }
        }

        for (var i = 0; i < t.Length; i++)
        {
            removed[i] |= t[i].IsPunctuation;
        }

        var target = Title(text, t, removed, [Words.TargetNoise]);
        var whole = new bool[t.Length];
        MarkAll(t, whole, lex.Priorities);
        var otherwise = Title(text, t, whole, [Words.PriorityNoise, lex.Politeness]);
        return new ParsedAction { Intent = Intents.ItemUpdate, Target = target, TargetKind = "task", Priority = priority, Body = otherwise };
    }

    /// <summary>"add eggs to it", "add wood glue to that list", "rajoute des pommes dessus", "oh and cheese", "et du sucre": more for the list just shown or used.</summary>
    private ParsedAction? AddToShown(string text, Token[] t, int start, List<Mention> mentions)
    {
        var open = Words.AlsoStarts.Match(t, start);
        var alone = Words.AlsoAlone.Match(t, start);
        var last = LastWord(t) + 1;
        var reference = Words.ListReferences.MatchEndingAt(t, last);
        if (mentions.Count > 0 || lex.GroceryLists.Contains(t) || (open == 0 && alone == 0))
        {
            return null;
        }

        int end;
        if (reference > 0 && open > 0)
        {
            end = last - reference;
        }
        else if (alone > 0 && Words.AlsoEnds.MatchEndingAt(t, last) == 0 && lex.TodoVerbs.Match(t, start + alone) == 0
            && !StartsWithTodo(t, start + alone) && lex.ReminderCues.Match(t, start + alone) == 0)
        {
            open = alone;
            end = last;
        }
        else
        {
            return null;
        }

        if (end <= start + open)
        {
            return null;
        }

        var grocery = Grocery(text, t[..end], start + open, start + open);
        var items = grocery.Items?.Select(item => Clean(item)).Where(item => item.Length > 0).ToList() ?? [];
        return items.Count is > 0 and <= 5 && items.All(item => item.Split(' ').Length <= 4)
            ? new ParsedAction { Intent = Intents.AddMore, Items = items }
            : null;
    }
}
