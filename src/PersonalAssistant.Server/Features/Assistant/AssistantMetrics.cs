using System.Diagnostics.Metrics;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// The assistant for Prometheus at <c>/metrics</c>: <c>pa_assistant_turns_total{channel}</c> (turns answered) and
/// <c>pa_assistant_captures_total{channel,kind}</c> (things captured by a turn: task, reminder, note, event,
/// list-item, expense, memory). Counts only: no person, conversation or text.
/// </summary>
internal sealed class AssistantMetrics
{
    public const string MeterName = "PersonalAssistant.Assistant";

    private readonly Counter<long> _turns;
    private readonly Counter<long> _captures;

    public AssistantMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _turns = meter.CreateCounter<long>("pa.assistant.turns", unit: "{turn}",
            description: "Turns the assistant answered, by channel (web, sms).");
        _captures = meter.CreateCounter<long>("pa.assistant.captures", unit: "{item}",
            description: "Things a turn captured, by channel and kind (task, reminder, note, event, list-item, expense, memory).");
    }

    /// <summary>One answered turn and the things it created (changes, deletions and answers are not captures).</summary>
    public void Turn(string channel, IEnumerable<ActionTaken> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var channelTag = new KeyValuePair<string, object?>("channel", channel);
        _turns.Add(1, channelTag);
        foreach (var action in actions)
        {
            if (CapturedKind(action.Kind) is { } kind)
            {
                _captures.Add(1, channelTag, new KeyValuePair<string, object?>("kind", kind));
            }
        }
    }

    private static string? CapturedKind(string actionKind) => actionKind switch
    {
        ActionKinds.TaskCreated => "task",
        ActionKinds.ReminderCreated => "reminder",
        ActionKinds.NoteCreated => "note",
        ActionKinds.EventCreated => "event",
        ActionKinds.ListItemAdded or ActionKinds.ListItemMerged => "list-item",
        ActionKinds.ExpenseCreated => "expense",
        ActionKinds.MemoryCreated => "memory",
        _ => null,
    };
}
