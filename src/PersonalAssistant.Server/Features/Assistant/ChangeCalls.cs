using PersonalAssistant.Language;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>The offline engine's tool calls for changes to existing items (issue 15), and which replies the tools word themselves.</summary>
internal static class ChangeCalls
{
    /// <summary>The call for a change; <paramref name="when"/> is the time as the tools take it.</summary>
    public static (string Tool, Dictionary<string, object?> Arguments) For(ParsedAction action, string? when)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.Intent switch
        {
            Intents.ItemDelete => (ToolNames.DeleteItem, new()
            {
                ["item"] = action.Target,
                ["kind"] = action.TargetKind,
                ["otherwise"] = action.Title,
                ["on"] = action.When?.Date.ToString("yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture),
            }),
            _ when action.Title is not null || action.Priority is not null => (ToolNames.UpdateItem, new()
            {
                ["item"] = action.Target,
                ["kind"] = action.TargetKind,
                ["title"] = action.Title,
                ["priority"] = action.Priority,
                ["otherwise"] = action.Body,
            }),
            Intents.AddMore => (ToolNames.AddMore, new() { ["items"] = action.Items }),
            _ when action.Shift => (ToolNames.UpdateItem, new() { ["item"] = action.Target, ["kind"] = action.TargetKind, ["shiftMinutes"] = action.Minutes }),
            _ => (ToolNames.UpdateItem, new()
            {
                ["item"] = action.Target,
                ["kind"] = action.TargetKind,
                ["when"] = action.When?.ToString() ?? when,
                ["alternatives"] = action.Ambiguous ? action.Alternatives.Select(a => a.ToString()).ToList() : null,
                ["keepDay"] = !action.Spans.Any(s => s.Kind is SpanKinds.Date or SpanKinds.Relative),
                ["keepTime"] = !action.Spans.Any(s => s.Kind is SpanKinds.Time or SpanKinds.Relative),
            }),
        };
    }

    /// <summary>The tools whose answer is the whole sentence of the reply ("Moved "dentist" to Friday 2:30 PM.").</summary>
    public static bool SaysItAll(string tool) => tool is ToolNames.UpdateItem or ToolNames.DeleteItem or ToolNames.ActOnNudge;
}
