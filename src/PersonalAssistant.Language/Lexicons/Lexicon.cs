using NodaTime;
using PersonalAssistant.Language.Text;

namespace PersonalAssistant.Language.Lexicons;

internal enum TimeUnit
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

internal enum DayPart
{
    Morning,
    Afternoon,
    Evening,
    Tonight,
    EndOfDay,
}

internal enum Meridiem
{
    Am,
    Pm,
}

internal enum SpecialDate
{
    NextWeek,
    ThisWeekend,
    NextWeekend,
    EndOfWeek,
    EndOfMonth,
    NextMonth,
    EndOfYear,
}

/// <summary>A day said as a word: "tomorrow" is one day ahead; "tonight" is today with the evening default time.</summary>
internal readonly record struct DayWord(int Offset, DayPart? Part = null);

/// <summary>
/// Everything language-specific the engine knows, as tables. The grammar code is shared: adding a language is a
/// new instance of this class (see <see cref="English"/> and <see cref="French"/>), not new code paths.
/// </summary>
internal sealed class Lexicon
{
    public required string Code { get; init; }

    // ---- how numbers and clocks are written
    public required bool DayFirstNumericDates { get; init; }

    /// <summary>True where "12,50" is twelve and a half (French): a hint for language detection.</summary>
    public required bool DecimalComma { get; init; }

    /// <summary>True where "at 7" may mean 7:00 or 19:00 (English); false where clocks are read on 24 hours (French).</summary>
    public required bool TwelveHourClock { get; init; }

    public required PhraseSet<int> NumberWords { get; init; }

    public required PhraseSet<int> Ordinals { get; init; }

    public required PhraseSet<bool> OrdinalSuffixes { get; init; }

    // ---- dates
    public required PhraseSet<IsoDayOfWeek> Weekdays { get; init; }

    /// <summary>Short weekday forms ("thu", "ven"), only taken next to another time word or after a preposition.</summary>
    public required PhraseSet<IsoDayOfWeek> WeekdayAbbreviations { get; init; }

    public required PhraseSet<IsoDayOfWeek[]> WeekdayGroups { get; init; }

    public required PhraseSet<int> Months { get; init; }

    public required PhraseSet<DayWord> DayWords { get; init; }

    public required PhraseSet<SpecialDate> SpecialDates { get; init; }

    public required PhraseSet<bool> Next { get; init; }

    public required PhraseSet<bool> This { get; init; }

    public required PhraseSet<bool> DayOfMonthArticles { get; init; }

    /// <summary>
    /// True where "the 4th of July" followed by more words and no preposition before it can be a title ("The 4th of
    /// July script", English); false where an article before a day is simply how a date is said ("le 4 juillet").
    /// </summary>
    public required bool ArticleDateMayBeTitle { get; init; }

    /// <summary>
    /// True where an article and a bare number name a day of the month ("le 15", French); false where the number
    /// needs an ordinal suffix or word to be a day ("the 15th", not "the 15", English).
    /// </summary>
    public required bool ArticleAndBareNumberIsDayOfMonth { get; init; }

    public required PhraseSet<bool> Of { get; init; }

    // ---- times
    public required PhraseSet<DayPart> DayParts { get; init; }

    public required PhraseSet<LocalTime> NamedTimes { get; init; }

    public required PhraseSet<Meridiem> Meridiems { get; init; }

    public required PhraseSet<bool> HourMarkers { get; init; }

    /// <summary>Minutes said before the hour: "half past" +30, "quarter to" −15.</summary>
    public required PhraseSet<int> ClockFractions { get; init; }

    /// <summary>Minutes said after the hour: "et demie" +30, "moins le quart" −15.</summary>
    public required PhraseSet<int> ClockSuffixes { get; init; }

    // ---- durations and relative times
    public required PhraseSet<TimeUnit> Units { get; init; }

    public required PhraseSet<int> FixedDurations { get; init; }

    public required PhraseSet<bool> HalfSuffix { get; init; }

    public required PhraseSet<bool> DurationFillers { get; init; }

    public required PhraseSet<bool> And { get; init; }

    // ---- prepositions that belong to the time phrase they introduce
    public required PhraseSet<bool> TimePrepositions { get; init; }

    /// <summary>Prepositions after which a bare number is read as an hour ("at 7", "vers 8").</summary>
    public required PhraseSet<bool> ClockPrepositions { get; init; }

    public required PhraseSet<bool> DatePrepositions { get; init; }

    public required PhraseSet<bool> RelativeMarkers { get; init; }

    public required PhraseSet<bool> ForMarkers { get; init; }

    public required PhraseSet<bool> RangeStarts { get; init; }

    public required PhraseSet<bool> RangeEnds { get; init; }

    // ---- recurrence
    public required PhraseSet<bool> Every { get; init; }

    public required PhraseSet<bool> Other { get; init; }

    public required PhraseSet<(TimeUnit Unit, int Interval)> Alternating { get; init; }

    public required PhraseSet<TimeUnit> FrequencyWords { get; init; }

    public required PhraseSet<bool> MonthlyMarkers { get; init; }

    // ---- intents and their fields
    public required PhraseSet<bool> Politeness { get; init; }

    public required PhraseSet<bool> ReminderCues { get; init; }

    public required PhraseSet<bool> SnoozeCues { get; init; }

    public required PhraseSet<bool> MemoryCues { get; init; }

    /// <summary>Words after a memory cue that make it a reminder instead ("remember to call mom").</summary>
    public required PhraseSet<bool> MemoryToReminder { get; init; }

    public required PhraseSet<bool> NoteCues { get; init; }

    /// <summary>Words skipped between a cue and what it introduces ("remember that …", "note que …").</summary>
    public required PhraseSet<bool> ClauseIntroducers { get; init; }

    public required PhraseSet<bool> ExpenseCues { get; init; }

    public required PhraseSet<string?> CurrencyWords { get; init; }

    public required PhraseSet<bool> GroceryLists { get; init; }

    public required PhraseSet<bool> GroceryNeeds { get; init; }

    public required PhraseSet<bool> GroceryPrefixes { get; init; }

    public required PhraseSet<bool> CalendarCues { get; init; }

    public required PhraseSet<bool> EventVerbs { get; init; }

    public required PhraseSet<bool> EventNouns { get; init; }

    public required PhraseSet<bool> TaskCues { get; init; }

    public required PhraseSet<bool> TaskLists { get; init; }

    public required PhraseSet<bool> TaskListQueries { get; init; }

    public required PhraseSet<string> ListRanges { get; init; }

    public required PhraseSet<bool> SuggestCues { get; init; }

    public required PhraseSet<string> EnergyWords { get; init; }

    public required PhraseSet<bool> BreakdownCues { get; init; }

    public required PhraseSet<bool> BreakdownNoise { get; init; }

    public required PhraseSet<bool> CompleteCues { get; init; }

    public required PhraseSet<bool> CompleteNoise { get; init; }

    public required PhraseSet<string> Priorities { get; init; }

    public required PhraseSet<bool> Pronouns { get; init; }

    public required PhraseSet<bool> LeadingFillers { get; init; }

    public required PhraseSet<bool> TrailingFillers { get; init; }

    public required PhraseSet<bool> ItemPrefixes { get; init; }

    public required PhraseSet<bool> TodoVerbs { get; init; }

    /// <summary>Words that open a statement or a question, never the name of an appointment ("I", "what", "happy").</summary>
    public required PhraseSet<bool> SentenceOpeners { get; init; }

    // ---- the assistant's words around the grammar, read by the host through Keywords (folded there, so written
    // here as plain text: accents and apostrophes as the language spells them)

    /// <summary>A whole answer that says yes ("yes", "ok").</summary>
    public required IReadOnlyList<string> Affirmations { get; init; }

    /// <summary>A whole answer that says no ("no", "cancel").</summary>
    public required IReadOnlyList<string> Negations { get; init; }

    /// <summary>A whole message that asks to undo the latest change ("undo").</summary>
    public required IReadOnlyList<string> UndoPhrases { get; init; }

    /// <summary>Words of thanks.</summary>
    public required IReadOnlyList<string> Thanks { get; init; }

    /// <summary>Greeting words.</summary>
    public required IReadOnlyList<string> Greetings { get; init; }

    /// <summary>Words that make a message a question ("what", "why").</summary>
    public required IReadOnlyList<string> QuestionWords { get; init; }

    /// <summary>Phrases that, anywhere in a message, say the person is overwhelmed ("too much").</summary>
    public required IReadOnlyList<string> DistressPhrases { get; init; }

    /// <summary>Words that, before a capitalised name, say an event involves other people ("with").</summary>
    public required IReadOnlyList<string> CompanionMarkers { get; init; }

    /// <summary>A whole message that asks for the next suggestion ("next").</summary>
    public required IReadOnlyList<string> NextRequests { get; init; }

    /// <summary>A whole text message that opts the number out of every SMS ("stop"); carrier keywords.</summary>
    public IReadOnlyList<string> SmsStop { get; init; } = [];

    /// <summary>A whole text message that opts the number back in ("start").</summary>
    public IReadOnlyList<string> SmsStart { get; init; } = [];

    /// <summary>A whole text message that asks what the SMS program is ("help").</summary>
    public IReadOnlyList<string> SmsHelp { get; init; } = [];

    /// <summary>A whole reply to a nudge that says it is done ("done").</summary>
    public required IReadOnlyList<string> NudgeDone { get; init; }

    /// <summary>A reply to a nudge that asks again later, alone or before a number of minutes ("snooze", "snooze 20").</summary>
    public required IReadOnlyList<string> NudgeSnooze { get; init; }

    /// <summary>A whole reply to a nudge that lets this time go ("skip").</summary>
    public required IReadOnlyList<string> NudgeSkip { get; init; }

    /// <summary>A whole reply to a nudge that asks for small steps ("smaller").</summary>
    public required IReadOnlyList<string> NudgeSmaller { get; init; }

    /// <summary>Words of an answer that pick the morning reading of an ambiguous time.</summary>
    public required IReadOnlyList<string> MorningAnswers { get; init; }

    /// <summary>Words of an answer that pick the afternoon or evening reading of an ambiguous time.</summary>
    public required IReadOnlyList<string> EveningAnswers { get; init; }

    /// <summary>Words of an answer that pick the first option offered.</summary>
    public required IReadOnlyList<string> FirstAnswers { get; init; }

    /// <summary>Words of an answer that pick the second option offered.</summary>
    public required IReadOnlyList<string> SecondAnswers { get; init; }

    /// <summary>Words that suggest an expense's category, by category code ("groceries": "supermarket", …).</summary>
    public required IReadOnlyDictionary<string, string[]> ExpenseCategoryWords { get; init; }

    /// <summary>
    /// Words that suggest a kind of task for the offline breakdown, by kind code ("cleaning": "tidy", …). The kind is
    /// the one whose words a task uses most: a word listed twice (in either language) counts twice.
    /// </summary>
    public required IReadOnlyDictionary<string, string[]> TaskKindWords { get; init; }

    /// <summary>Letters that only this language's spelling uses (a hint for language detection).</summary>
    public required string AccentedLetters { get; init; }

    /// <summary>The words for changing, deleting and snoozing existing items (issue 15).</summary>
    public required ChangeLexicon Change { get; init; }

    // ---- capture quality (issue 15): several things in one message, typos, chat shorthand

    /// <summary>Words that, after "and", open a new clause ("and also", "et puis").</summary>
    public required PhraseSet<bool> ClauseLinks { get; init; }

    /// <summary>Subject pronouns that may open a clause before its verb ("et que je rappelle").</summary>
    public required PhraseSet<bool> SubjectPronouns { get; init; }

    /// <summary>Verbs of buying: "buy bread and eggs" inside a brain dump is a shopping list.</summary>
    public required PhraseSet<bool> ShoppingVerbs { get; init; }

    /// <summary>"is", "est": at the end of a title with a possessive at its start ("my flight is"), both go.</summary>
    public required PhraseSet<bool> Copulas { get; init; }

    public required PhraseSet<bool> Possessives { get; init; }

    /// <summary>Phrases around a weekday that make it every other one ("un mardi sur deux").</summary>
    public required PhraseSet<bool> AlternateStart { get; init; }

    public required PhraseSet<bool> AlternateEnd { get; init; }

    /// <summary>
    /// Where clocks are read on 24 hours, the hours from which a short "8h" is taken as said (a French "à 8h" is 08:00:
    /// the evening is written "20h"); below it ("3h", "à 5h", "7h") the morning and the evening are both likely and the
    /// assistant asks. 0 where clocks are read on 12 hours.
    /// </summary>
    public required int AssumedHoursFrom { get; init; }

    /// <summary>Hour words said aloud ("5 heures") that leave morning or evening open, like "at 5".</summary>
    public required PhraseSet<bool> SpokenHourMarkers { get; init; }

    /// <summary>Elided words written without their apostrophe ("jachete" = "j'achete"), for typo tolerance.</summary>
    public required IReadOnlyList<string> GluedElisions { get; init; }

    /// <summary>Common short words of the language, for telling English from French when no language is given.</summary>
    public required PhraseSet<bool> MarkerWords { get; init; }

    /// <summary>Questions about stored things, list changes, small talk and casual undo (<see cref="ConversationWords"/>).</summary>
    public ConversationWords Conversation { get; init; } = ConversationWords.Empty;

    /// <summary>The sentences the statistical intent layer is trained on (ADR 0013).</summary>
    public IntentTemplates Templates { get; init; } = IntentTemplates.Empty;
}
