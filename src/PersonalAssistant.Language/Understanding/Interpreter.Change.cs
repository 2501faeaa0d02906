using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Text;
using PersonalAssistant.Language.Time;

namespace PersonalAssistant.Language.Understanding;

/// <summary>
/// Changing what already exists (issue 15): "move the dentist to friday", "the lunch got pushed back an hour",
/// "make it 10am", "delete the call mom task", "snooze the stretch reminder for half an hour", "loyer payé ✅",
/// "and eggs too". What is changed is named by its words (<see cref="ParsedAction.Target"/>) or referred to
/// (a null target: the item the conversation is about, which the host knows).
/// </summary>
internal sealed partial class Interpreter
{
    private ChangeLexicon Words => lex.Change;

    private ParsedAction? Change(string text, Token[] t, int start, List<Mention> mentions, ParseContext context)
    {
        if (start >= t.Length || lex.ReminderCues.Match(t, start) > 0 && Words.SnoozeReferences.Match(t, start) == 0)
        {
            return null;
        }

        if (HourAfterMarker(t, mentions) is { } withHour)
        {
            mentions = withHour;
        }

        return Delete(text, t, start, mentions, context)
            ?? Appointment(text, t, start, mentions, context)
            ?? Done(text, t, start, mentions)
            ?? Edit(text, t, start, mentions)
            ?? Move(text, t, start, mentions, context)
            ?? SnoozeNamed(text, t, start)
            ?? Correction(text, t, start, mentions, context)
            ?? Also(text, t, start, mentions);
    }

    /// <summary>"j'ai un rdv chez l'ostéo mardi à 10h", "I have a dentist appointment friday at 3pm": a new event told as a fact.</summary>
    private ParsedAction? Appointment(string text, Token[] t, int start, List<Mention> mentions, ParseContext context)
    {
        var opener = Words.HaveOpeners.Match(t, start);
        if (opener == 0 || !mentions.Any(m => m.Kind is MentionKind.Time or MentionKind.Range) || !mentions.Any(m => m.Kind == MentionKind.Date)
            || lex.EventNouns.Find(t, start + opener, out _, out _) is not (var noun and >= 0) || noun - (start + opener) > 1)
        {
            return null;
        }

        return Timed(Intents.EventCreate, text, t, mentions, context, Words.HaveOpeners, lex.CalendarCues);
    }

    /// <summary>"delete the call mom task", "annule le rendez-vous chez le dentiste", "stop reminding me about the meds".</summary>
    private ParsedAction? Delete(string text, Token[] t, int start, List<Mention> mentions, ParseContext context)
    {
        var verb = Words.DeleteVerbs.Match(t, start, out var impliedKind);
        if (verb == 0 || lex.GroceryLists.Contains(t) || lex.ReminderCues.Match(t, start + verb) > 0 || Words.DoneTails.MatchEndingAt(t, LastWord(t) + 1) > 0)
        {
            return null; // "trash is done" is a thing done, not a thing to delete
        }

        // "delete the dentist on friday": the day says which one, it is not part of the name
        var days = mentions.Where(m => m.Kind == MentionKind.Date && m.Start >= start + verb).ToList();
        var day = days.Count > 0 ? TemporalResolver.Resolve(days, context.Now, context.Zone).When : null;
        var (target, kind, referred) = TargetOf(text, t, start + verb, t.Length, day is null ? [] : [.. days.Select(m => (m.Start, m.End))]);
        if (target is null && !referred)
        {
            return null;
        }

        // "cancel the gym membership" may be a thing to do: the host adds it as a task when nothing is found
        var otherwise = lex.TodoVerbs.Match(t, start) > 0 && impliedKind is null
            ? Title(text, t, new bool[t.Length], [lex.TaskCues])
            : null;
        return new ParsedAction { Intent = Intents.ItemDelete, Target = target, TargetKind = impliedKind ?? kind, Title = otherwise, When = day };
    }

    /// <summary>"loyer payé ✅", "called the landlord, that's done", "c'est bon j'ai fini la lessive", "marque le dossier CAF comme fait".</summary>
    private ParsedAction? Done(string text, Token[] t, int start, List<Mention> mentions)
    {
        if (mentions.Count > 0 || lex.ReminderCues.Contains(t) || lex.TaskCues.Match(t, start) > 0)
        {
            return null;
        }

        var marked = Enumerable.Range(0, t.Length).Any(i => Words.DoneMarks.Match(t, i) > 0);
        var tail = Words.DoneTails.MatchEndingAt(t, LastWord(t) + 1) is var n and > 0 && LastWord(t) + 1 - n > start;
        var i = start;
        while (i < t.Length && (t[i].IsPunctuation || lex.CompleteNoise.Match(t, i) > 0) && lex.CompleteCues.Match(t, i) == 0)
        {
            i += Math.Max(1, lex.CompleteNoise.Match(t, i));
        }

        var cueInside = i > start && i < t.Length && lex.CompleteCues.Match(t, i) > 0;
        if (!marked && !tail && !cueInside)
        {
            return null;
        }

        var removed = new bool[t.Length];
        for (var k = 0; k < t.Length; k++)
        {
            removed[k] = Words.DoneMarks.Match(t, k) > 0;
        }

        var title = Title(text, t, removed, [lex.CompleteNoise, lex.CompleteCues, Words.DoneTails, lex.Pronouns]);
        return new ParsedAction { Intent = Intents.TaskComplete, Title = title };
    }

    /// <summary>"move the dentist to friday", "push call mom to tomorrow", "décale le coiffeur à jeudi", "the team lunch got pushed back an hour".</summary>
    private ParsedAction? Move(string text, Token[] t, int start, List<Mention> mentions, ParseContext context)
    {
        var i = start;
        var verb = 0;
        var direction = 0;
        while (i < t.Length)
        {
            if (t[i].IsPunctuation)
            {
                i++;
                continue;
            }

            verb = Words.UpdateVerbs.Match(t, i, out direction);
            var cue = Words.CorrectionCues.Match(t, i);
            if (verb > 0 || cue == 0)
            {
                break;
            }

            i += cue;
        }

        int targetStart, targetEnd, after;
        if (verb > 0)
        {
            targetStart = i + verb;
            after = targetStart;
            targetEnd = t.Length;
        }
        else
        {
            // the subject first: "<the team lunch> got pushed back an hour", "<le dîner chez Paul> est décalé à 21h"
            var at = Words.PassiveChanges.Find(t, start + 1, out var length, out direction);
            if (at < 0 || lex.SentenceOpeners.Match(t, start) > 0)
            {
                return null;
            }

            targetStart = start;
            targetEnd = at;
            after = at + length;
        }

        var timed = mentions.Where(m => m.Start >= after - (verb > 0 ? 0 : 1) || m.Start >= targetStart).Where(m => m.Kind != MentionKind.Recurrence).ToList();
        var amount = temporal.FindAmount(t, out var amountStart, out var amountEnd);
        var absolute = timed.Any(m => m.Kind is MentionKind.Date or MentionKind.Time or MentionKind.DayPart or MentionKind.Range
            || (m.Kind == MentionKind.Relative && amount is not { IsClock: true }));
        var directed = amount is null || direction != 0 || Words.Directions.Find(t, targetStart, out _, out _) >= 0
            || (amountStart > 0 && Words.ShiftMarkers.Match(t, amountStart - 1) > 0) || Words.ShiftMarkers.Match(t, amountStart) > 0;
        if (!absolute && amount is { IsClock: true } && !directed && Reread(t, amountStart) is { } reread)
        {
            // "change le rappel pour 8h30": a new time, not eight and a half hours
            timed = reread.Where(m => m.Kind is MentionKind.Date or MentionKind.Time).ToList();
            mentions = reread;
            absolute = timed.Count > 0;
        }

        var shift = !absolute && amount is { IsClock: true } && amountStart >= targetStart;
        if (!absolute && !shift)
        {
            return null;
        }

        if (verb > 0)
        {
            targetEnd = absolute ? timed.Where(m => m.Start >= targetStart).Select(m => m.Start).DefaultIfEmpty(t.Length).Min() : amountStart;
        }

        var skip = new List<(int Start, int End)>();
        foreach (var m in mentions)
        {
            skip.Add((m.Start, m.End));
        }

        if (shift)
        {
            skip.Add((amountStart, amountEnd));
        }

        var (target, kind, referred) = TargetOf(text, t, targetStart, Math.Max(targetStart, targetEnd), skip);
        if (target is null && !referred)
        {
            return null;
        }

        if (Words.Directions.Find(t, targetStart, out _, out var said) >= 0 && said != 0)
        {
            direction = said;
        }

        if (shift)
        {
            return new ParsedAction
            {
                Intent = Intents.ItemUpdate,
                Target = target,
                TargetKind = kind,
                Shift = true,
                Minutes = amount!.Value.Minutes * (direction < 0 ? -1 : 1),
            };
        }

        return Retimed(text, t, timed, context) with { Target = target, TargetKind = kind };
    }

    /// <summary>"snooze the stretch reminder for half an hour", "rappelle-le-moi dans 15 minutes".</summary>
    private ParsedAction? SnoozeNamed(string text, Token[] t, int start)
    {
        var reference = Words.SnoozeReferences.Match(t, start);
        var cue = reference > 0 ? reference : lex.SnoozeCues.Match(t, start);
        if (cue == 0)
        {
            return null;
        }

        var amount = temporal.FindAmount(t, out var amountStart, out var amountEnd);
        if (amount is { IsClock: false })
        {
            return null;
        }

        var skip = amount is null ? new List<(int, int)>() : [(amountStart, amountEnd)];
        var (target, kind, referred) = TargetOf(text, t, start + cue, t.Length, skip);
        if ((target is null || !target.Any(char.IsLetter)) && reference == 0)
        {
            return null; // the plain "snooze 10" of the grammar
        }

        if (target is not null && kind is not (null or "reminder"))
        {
            return null;
        }

        return new ParsedAction { Intent = Intents.ReminderSnooze, Minutes = amount?.Minutes, Target = referred ? null : target, TargetKind = "reminder" };
    }

    /// <summary>"make it 10am", "actually move it to 3", "it's due friday", "plutôt à 18h", "mets-le à 11h": the item just talked about.</summary>
    private ParsedAction? Correction(string text, Token[] t, int start, List<Mention> mentions, ParseContext context)
    {
        var timed = mentions.Where(m => m.Kind is MentionKind.Date or MentionKind.Time or MentionKind.DayPart or MentionKind.Relative).ToList();
        if (timed.Count == 0 || mentions.Any(m => m.Kind == MentionKind.Recurrence))
        {
            return null;
        }

        var removed = new bool[t.Length];
        foreach (var m in mentions)
        {
            Mark(removed, m.Start, m.End);
        }

        // a cue may be the preposition of the time itself ("due monday")
        var cued = mentions.Any(m => Words.CorrectionCues.Match(t, m.Start) > 0);
        for (var i = 0; i < t.Length; i++)
        {
            if (removed[i])
            {
                continue;
            }

            var n = Math.Max(Math.Max(Words.CorrectionCues.Match(t, i), Words.UpdateVerbs.Match(t, i)), lex.Pronouns.Match(t, i));
            if (n > 0)
            {
                cued = true;
                Mark(removed, i, i + n);
                i += n - 1;
            }
            else if (t[i].IsPunctuation || Words.TargetNoise.Match(t, i) > 0 || lex.Politeness.Match(t, i) > 0)
            {
                removed[i] = true;
            }
        }

        if (!cued || removed.Any(r => !r))
        {
            return null;
        }

        return Retimed(text, t, timed, context);
    }

    /// <summary>"and eggs too", "et de la farine aussi": more of what was just added.</summary>
    private ParsedAction? Also(string text, Token[] t, int start, List<Mention> mentions)
    {
        var open = Words.AlsoStarts.Match(t, start);
        var last = LastWord(t) + 1;
        var close = Words.AlsoEnds.MatchEndingAt(t, last);
        // a message that names its list ("ajoute du lait sur la liste de courses stp") is an ordinary addition
        if (open == 0 || close == 0 || mentions.Count > 0 || last - close <= start + open || lex.GroceryLists.Contains(t))
        {
            return null;
        }

        var grocery = Grocery(text, t[..(last - close)], start + open);
        var items = grocery.Items?.Select(item => Clean(item)).Where(item => item.Length > 0).ToList() ?? [];
        return items.Count is > 0 and <= 5 ? new ParsedAction { Intent = Intents.AddMore, Items = items } : null;
    }

    /// <summary>
    /// "move it to 3", "décale-le à 15": a bare number after "to" is the new hour of a change. The mentions with that
    /// number read as a clock time (the host checks it is a change before it uses them); null when there is none.
    /// </summary>
    private List<Mention>? HourAfterMarker(Token[] t, List<Mention> mentions)
    {
        var clock = lex.ClockPrepositions.Phrases.FirstOrDefault(p => !p.Contains(' ', StringComparison.Ordinal));
        for (var i = 0; i + 1 < t.Length && clock is not null; i++)
        {
            var n = Words.NewTimeMarkers.Match(t, i);
            if (n == 1 && t[i + 1].IntegerValue is > 0 and < 24 && !mentions.Any(m => m.Start <= i + 1 && i + 1 < m.End))
            {
                var copy = (Token[])t.Clone();
                copy[i] = copy[i] with { Norm = clock };
                var again = temporal.Recognize(copy);
                return again.Any(m => m.Start <= i + 1 && i + 1 < m.End) ? again : null;
            }
        }

        return null;
    }

    /// <summary>The mentions with the duration marker at <paramref name="at"/> read as a clock preposition; null when no clock time comes of it.</summary>
    private List<Mention>? Reread(Token[] t, int at)
    {
        var clock = lex.ClockPrepositions.Phrases.FirstOrDefault(p => !p.Contains(' ', StringComparison.Ordinal));
        if (at > 0 && at < t.Length && lex.ForMarkers.Match(t, at) == 0)
        {
            at--;
        }

        if (clock is null || at < 0 || at >= t.Length || lex.ForMarkers.Match(t, at) != 1)
        {
            return null;
        }

        var copy = (Token[])t.Clone();
        copy[at] = copy[at] with { Norm = clock };
        var again = temporal.Recognize(copy);
        return again.Any(m => m.Kind == MentionKind.Time && m.Start <= at + 1 && at + 1 < m.End) ? again : null;
    }

    /// <summary>A new time for an existing item: what the mentions say, with which parts were said (a day, a clock time).</summary>
    private static ParsedAction Retimed(string text, Token[] t, List<Mention> timed, ParseContext context)
    {
        var resolved = TemporalResolver.Resolve(timed, context.Now, context.Zone);
        return new ParsedAction
        {
            Intent = Intents.ItemUpdate,
            When = resolved.When,
            Ambiguous = resolved.Ambiguous,
            Alternatives = resolved.Alternatives,
            Spans = Spans(text, t, timed),
        };
    }

    /// <summary>
    /// The words that name an item between two tokens, without the kind ("task", "rappel"), articles and pronouns;
    /// null when nothing is left. <c>Referred</c> is true when a pronoun ("it", "ça", "le") stood for it.
    /// </summary>
    private (string? Target, string? Kind, bool Referred) TargetOf(string text, Token[] t, int from, int to, List<(int Start, int End)> skip)
    {
        var removed = new bool[t.Length];
        Mark(removed, 0, from);
        Mark(removed, to, t.Length);
        foreach (var (s, e) in skip)
        {
            Mark(removed, s, e);
        }

        string? kind = null;
        for (var i = from; i < to; i++)
        {
            if (!removed[i] && Words.KindWords.Match(t, i, out var named) is var n and > 0)
            {
                kind ??= named;
                Mark(removed, i, Math.Min(to, i + n));
            }
        }

        var referred = false;
        for (var i = from; i < to; i++)
        {
            if (!removed[i] && lex.Pronouns.Match(t, i) is var n and > 0)
            {
                var left = Enumerable.Range(from, to - from).Where(k => !removed[k] && (k < i || k >= i + n)).All(k => t[k].IsPunctuation || Words.TargetNoise.Match(t, k) > 0 || Words.Directions.Match(t, k) > 0);
                if (left)
                {
                    referred = true;
                    Mark(removed, i, i + n);
                }
            }
        }

        for (var i = from; i < to; i++)
        {
            if (!removed[i] && Words.Directions.Match(t, i) is var n and > 0 && (i + n >= to || removed[i + n]))
            {
                Mark(removed, i, i + n);
            }
        }

        var target = Title(text, t, removed, [Words.TargetNoise, lex.Politeness, Words.CorrectionCues]);
        return (target, kind, referred);
    }
}
