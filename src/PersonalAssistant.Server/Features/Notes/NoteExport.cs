using System.Text;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Notes;

/// <summary>Each note as a Markdown file, <c>notes/&lt;slug&gt;.md</c>: the title as its heading, then the body as written.</summary>
internal sealed class NoteFilesExport(AppDbContext db) : IPersonalDataFiles
{
    private const int MaxSlugLength = 80;

    public string Path => "notes/";

    public string DescriptionKey => "Exports.File.NotesFolder";

    public async Task<int> WriteAsync(Guid userId, ExportArchive archive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        // Only the names are kept (to tell apart two notes of the same title), never the bodies.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        await foreach (var note in db.Notes.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
                           .Select(n => new { n.Title, n.Body, n.Tags }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var name = Slug(note.Title);
            for (var suffix = 2; !taken.Add(name); suffix++)
            {
                name = $"{Slug(note.Title)}-{suffix}";
            }

            var text = new StringBuilder().Append("# ").Append(note.Title.ReplaceLineEndings(" ")).Append("\n\n");
            if (note.Tags.Count > 0)
            {
                text.Append(string.Join(' ', note.Tags.Select(tag => "#" + tag))).Append("\n\n");
            }

            text.Append(note.Body);
            if (!note.Body.EndsWith('\n'))
            {
                text.Append('\n');
            }

            await using var file = await archive.CreateAsync($"notes/{name}.md", cancellationToken);
            await file.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>"Courses &amp; idées !" → "courses-idees": folded, letters and digits joined by dashes; "note" when nothing is left.</summary>
    internal static string Slug(string title)
    {
        var folded = TextKeys.Fold(title);
        var slug = new StringBuilder(Math.Min(folded.Length, MaxSlugLength));
        foreach (var c in folded)
        {
            if (slug.Length >= MaxSlugLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length > 0 ? result : "note";
    }
}
