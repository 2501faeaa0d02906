using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// PostgreSQL text cannot hold U+0000 (SQLite can), so a NUL in a request became a 500 on one database and a stored
/// oddity on the other. It is refused at the edge for every text field of a body (<see cref="NulFreeText"/>) and
/// every query string (<see cref="NulQueryGuard"/>); Kestrel already refuses it in the path.
/// </summary>
internal sealed class NulCharacterException(string field) : JsonException($"The text of '{field}' contains the NUL character (U+0000).")
{
    /// <summary>The JSON name of the field that holds the NUL.</summary>
    public string Field { get; } = field;

    /// <summary>Where the field is in the body: the path of the object that holds it, then the field.</summary>
    public string FieldPath => $"{Path ?? "$"}.{Field}";
}

/// <summary>
/// Checks every object read from a body, once it is read, for a text field (or a list of texts) holding U+0000.
/// It runs as an <see cref="JsonTypeInfo.OnDeserialized"/> callback rather than as a string converter, because the
/// OpenAPI document describes a custom converter as "any value" and would lose every string's type and length.
/// </summary>
internal static class NulFreeText
{
    /// <summary>The resolver modifier: adds the check to every object type that has a text property.</summary>
    public static void AddCheck(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var texts = typeInfo.Properties
            .Where(p => p.Get is not null && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)))
            .Select(p => (p.Name, Get: p.Get!))
            .ToArray();
        if (texts.Length == 0)
        {
            return;
        }

        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            foreach (var (name, get) in texts)
            {
                var found = get(value) switch
                {
                    string text => text.Contains('\0', StringComparison.Ordinal),
                    IEnumerable<string> list => list.Any(text => text?.Contains('\0', StringComparison.Ordinal) == true),
                    _ => false,
                };
                if (found)
                {
                    throw new NulCharacterException(name);
                }
            }

            previous?.Invoke(value);
        };
    }
}

/// <summary>A query string holds an encoded NUL; the problem's texts come from the catalog.</summary>
internal sealed class NulQueryException() : BadHttpRequestException("The query string contains the NUL character (%00).");

/// <summary>A query string with an encoded NUL (<c>%00</c>) is a 400 problem before any endpoint reads it.</summary>
internal sealed class NulQueryGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.QueryString.Value is { } query && query.Contains("%00", StringComparison.Ordinal))
        {
            throw new NulQueryException();
        }

        return next(context);
    }
}
