using Microsoft.Extensions.AI;
using PersonalAssistant.Language;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// What the offline engine answers without capturing: questions about the person's own things (answered by the
/// reading tools, so a question never creates anything), changes to a list, and small talk.
/// </summary>
internal sealed partial class OfflineChatClient
{
    /// <summary>A list change ("remove eggs from the list", "vide la liste") or a question of a known kind, read before any capture.</summary>
    private ChatResponse? BeforeCaptures(string text, ParseContext context)
    {
        if (engine.ReadListChange(text, context) is { } change && change.Kind != ListChangeKinds.Got)
        {
            return change.Kind switch
            {
                ListChangeKinds.Clear => Calls([(ToolNames.ClearList, new() { ["list"] = change.List })]),
                ListChangeKinds.Add => Calls([(ToolNames.AddToList, new() { ["items"] = change.Items, ["list"] = change.List })]),
                _ => Calls([(ToolNames.RemoveFromList, new() { ["items"] = change.Items, ["list"] = change.List })]),
            };
        }

        if (engine.ReadQuestion(text, context) is not { } question)
        {
            return null;
        }

        return question.Kind switch
        {
            QuestionKinds.Agenda => Calls([(ToolNames.Agenda, new() { ["day"] = question.Day?.ToString("yyyy-MM-dd", null) })]),
            QuestionKinds.Spending => Calls([(ToolNames.Spending, new()
            {
                ["from"] = question.From?.ToString("yyyy-MM-dd", null),
                ["until"] = question.Until?.ToString("yyyy-MM-dd", null),
                ["categories"] = question.Categories.Count == 0 ? null : question.Categories,
            })]),
            QuestionKinds.ListContents => Calls([(ToolNames.ShowList, new() { ["list"] = question.List })]),
            QuestionKinds.When => Calls([(ToolNames.WhenIs, new() { ["about"] = string.Join(' ', question.Words) })]),
            _ => null,
        };
    }

    /// <summary>
    /// After the grammar: small talk and "got the milk" when it found nothing to do, and a question to look up when it
    /// found nothing or took the question for a capture ("what's the wifi password?" is not a task).
    /// </summary>
    private ChatResponse? InsteadOfCaptures(string text, ParseContext context, ParseResult parsed)
    {
        var intent = parsed.Actions.Count == 1 ? parsed.Actions[0].Intent : null;
        var nothing = intent == Intents.Chat;
        if (nothing && engine.ReadListChange(text, context) is { Kind: ListChangeKinds.Got } got)
        {
            return Calls([(ToolNames.RemoveFromList, new() { ["items"] = got.Items, ["list"] = got.List, ["anyList"] = got.List is null })]);
        }

        if (nothing && engine.ReadSmallTalk(text) is { } talk)
        {
            return Text(Replies.SmallTalk(talk, language));
        }

        var capture = intent is Intents.TaskCreate or Intents.GroceryAdd or Intents.EventCreate or Intents.ReminderCreate;
        if ((nothing || capture) && engine.ReadQuestion(text, context) is { Kind: QuestionKinds.Lookup } lookup && (nothing || lookup.Strong))
        {
            return Calls([(ToolNames.Recall, new() { ["about"] = string.Join(' ', lookup.Words) })]);
        }

        return null;
    }
}
