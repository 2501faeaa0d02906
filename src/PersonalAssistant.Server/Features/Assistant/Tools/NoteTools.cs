using System.ComponentModel;
using PersonalAssistant.Server.Features.Notes;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>The assistant's tools for notes: add, search.</summary>
internal sealed partial class AssistantTools
{
    [Description("Save a note.")]
    public async Task<ToolResult> AddNote(
        [Description("The note's text (markdown).")] string text,
        [Description("A short title. Optional: the first line otherwise.")] string? title = null,
        CancellationToken cancellationToken = default)
    {
        var request = new NoteRequest(title, text);
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await notes.CreateAsync(Person, request, cancellationToken);
        if (result.Value is not { } note)
        {
            return Failed(result.Failure);
        }

        return await DidAsync(ActionKinds.NoteCreated, Text("Tools.Notes.Created", note.Title), note.Id);
    }

    [Description("Search notes.")]
    public async Task<ToolResult> SearchNotes(
        [Description("Words to find.")] string query,
        CancellationToken cancellationToken = default)
    {
        var request = new NoteQuery { Q = query, PageSize = 5 };
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var result = await notes.ListAsync(Person, request, cancellationToken);
        if (result.Value is not { } page)
        {
            return Failed(result.Failure);
        }

        return ToolResult.Listing(
            page.Items.Count == 0 ? Text("Tools.Notes.None") : Text("Tools.Notes.Heading"),
            page.Items.Select(n => n.Title).ToList());
    }
}
