namespace PersonalAssistant.Language.Understanding.Statistical;

/// <summary>
/// What the statistical layer tells apart (ADR 0013): the kind of thing a message asks for, coarser than the
/// intents (no fields): a capture of each kind, a question about stored things, a change to an existing item, a
/// completion, or conversation.
/// </summary>
internal static class IntentLabels
{
    public const string Reminder = Intents.ReminderCreate;
    public const string Task = Intents.TaskCreate;
    public const string Event = Intents.EventCreate;
    public const string Note = Intents.NoteCreate;
    public const string Grocery = Intents.GroceryAdd;
    public const string Expense = Intents.ExpenseAdd;
    public const string Memory = Intents.MemoryRemember;
    public const string Complete = Intents.TaskComplete;
    public const string Change = Intents.ItemUpdate;
    public const string Question = "question.ask";
    public const string Chat = Intents.Chat;

    public static IReadOnlyList<string> All { get; } = [Reminder, Task, Event, Note, Grocery, Expense, Memory, Complete, Change, Question, Chat];

    /// <summary>The labels that create something.</summary>
    public static bool IsCapture(string label) => label is Reminder or Task or Event or Note or Grocery or Expense or Memory;
}
