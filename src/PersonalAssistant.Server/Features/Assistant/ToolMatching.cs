using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>How a tool finds the person's item from their words ("the dentist" for "Call the dentist"), shared by every domain.</summary>
internal static class ToolMatching
{
    /// <summary>True when every meaningful word asked for is in the text (accents and case aside).</summary>
    public static bool Matches(string text, string words)
    {
        var have = TextKeys.Words(text);
        var wanted = TextKeys.Words(words).Where(w => w.Length > 2).ToList();
        return wanted.Count > 0 && wanted.All(have.Contains);
    }
}
