using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// PostgreSQL text cannot hold U+0000 (SQLite can), so a NUL in a request became a 500 on one database and a stored
/// oddity on the other. It is refused at the edge for every body string (<see cref="NulFreeStringConverter"/>) and
/// every query string (<see cref="NulQueryGuard"/>); Kestrel already refuses it in the path.
/// </summary>
internal sealed class NulCharacterException(string message) : JsonException(message);

/// <summary>Reads JSON strings as usual, refusing any that contains U+0000; writes them unchanged.</summary>
internal sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new NulCharacterException("The text contains the NUL character (U+0000).")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>A query string with an encoded NUL (<c>%00</c>) is a 400 problem before any endpoint reads it.</summary>
internal sealed class NulQueryGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.QueryString.Value is { } query && query.Contains("%00", StringComparison.Ordinal))
        {
            throw new BadHttpRequestException("The query string contains the NUL character (%00), which no field accepts; remove it.");
        }

        return next(context);
    }
}
