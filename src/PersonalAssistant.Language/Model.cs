using NodaTime;

namespace PersonalAssistant.Language;

/// <summary>
/// Who is speaking and when: the person's local wall-clock time and zone, their language if known ("en", "fr";
/// detected when null) and their default currency (ISO 4217) for amounts said without one.
/// </summary>
public sealed record ParseContext(LocalDateTime Now, DateTimeZone Zone, string? Language = null, string? DefaultCurrency = null);

/// <summary>The intents of the contract in ../shared/nlu/README.md.</summary>
public static class Intents
{
    public const string ReminderCreate = "reminder.create";
    public const string TaskCreate = "task.create";
    public const string EventCreate = "event.create";
    public const string NoteCreate = "note.create";
    public const string GroceryAdd = "grocery.add";
    public const string ExpenseAdd = "expense.add";
    public const string TaskList = "task.list";
    public const string TaskComplete = "task.complete";
    public const string ReminderSnooze = "reminder.snooze";
    public const string TaskBreakdown = "task.breakdown";
    public const string SuggestNext = "suggest.next";
    public const string MemoryRemember = "memory.remember";
    public const string Chat = "chat";

    /// <summary>Move or rename an existing item (internal: written as <see cref="Chat"/> in the NLU contract).</summary>
    public const string ItemUpdate = "item.update";

    /// <summary>Delete an existing item, after a yes (internal).</summary>
    public const string ItemDelete = "item.delete";

    /// <summary>"and eggs too": more of what was just added (internal).</summary>
    public const string AddMore = "item.add-more";

    /// <summary>True for the intents of the NLU contract; the internal ones are written as <see cref="Chat"/> there.</summary>
    public static bool InContract(string intent) => intent is not (ItemUpdate or ItemDelete or AddMore);
}

/// <summary>The kinds of understood phrase reported in <see cref="ParsedAction.Spans"/>.</summary>
public static class SpanKinds
{
    public const string Date = "date";
    public const string Time = "time";
    public const string Relative = "relative";
    public const string Duration = "duration";
    public const string Recurrence = "recurrence";
    public const string Money = "money";

    /// <summary>The list the items go to ("to the grocery list").</summary>
    public const string List = "list";
}

/// <summary>
/// A part of the message that was understood as a date, time, recurrence, amount or list, by character position, so a
/// client can highlight it and let the person dismiss a wrong reading.
/// </summary>
public sealed record UnderstoodSpan(int Start, int Length, string Kind, string Text);

/// <summary>One thing the person asked for. Only the fields of its <see cref="Intent"/> are set.</summary>
public sealed record ParsedAction
{
    public required string Intent { get; init; }

    public string? Title { get; init; }

    public string? Body { get; init; }

    public Moment? When { get; init; }

    public string? RRule { get; init; }

    public string? Priority { get; init; }

    public int? DurationMinutes { get; init; }

    public IReadOnlyList<string>? Items { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? Range { get; init; }

    public int? Minutes { get; init; }

    public string? Energy { get; init; }

    /// <summary>The words naming an existing item to change ("the dentist"); null when it was referred to ("it", "ça").</summary>
    public string? Target { get; init; }

    /// <summary>The kind of existing item named ("task", "reminder", "event", "note"), when said.</summary>
    public string? TargetKind { get; init; }

    /// <summary>For a change: true when the time is a shift of <see cref="Minutes"/> (negative: earlier), not a new time.</summary>
    public bool Shift { get; init; }

    /// <summary>True when the time could mean several things ("at 7", two different times): ask, do not guess.</summary>
    public bool Ambiguous { get; init; }

    /// <summary>The readings to ask about when <see cref="Ambiguous"/>; <see cref="When"/> is the likeliest.</summary>
    public IReadOnlyList<Moment> Alternatives { get; init; } = [];

    public IReadOnlyList<UnderstoodSpan> Spans { get; init; } = [];

    /// <summary>
    /// The wall-clock time that was said when it does not exist that day (skipped by a spring-forward clock change):
    /// <see cref="When"/> is then the first instant after the gap, and the person should be told.
    /// </summary>
    public LocalDateTime? SkippedTime { get; init; }

    /// <summary>
    /// True when only the statistical layer named the kind, and not surely enough to act on: the host says what it
    /// understood and asks before doing it ("never 'Got it' on a guess").
    /// </summary>
    public bool Guessed { get; init; }
}

/// <summary>What a message meant: its language and one or more actions (never none: "chat" when nothing else fits).</summary>
public sealed record ParseResult(string Language, IReadOnlyList<ParsedAction> Actions);

/// <summary>A time said in words: the moment (the first occurrence of a recurrence), its RRULE, a duration if one was said, and any ambiguity.</summary>
public sealed record ParsedTime(Moment When, string? RRule, int? DurationMinutes, bool Ambiguous, IReadOnlyList<Moment> Alternatives);
