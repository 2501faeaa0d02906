using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonalAssistant.Server.Common;

/// <summary>
/// Checks the data annotations of every request body before the handler runs and answers a validation problem
/// naming each field (camelCase, as in the JSON). ASP.NET Core 10's source-generated validation only covers public
/// types; our request records are internal to the host, so this filter does the same job with the
/// <see cref="Validator"/> every annotation already works with.
/// </summary>
internal sealed class RequestValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Dictionary<string, string[]>? errors = null;
        foreach (var argument in context.Arguments)
        {
            if (argument is not null && IsRequestType(argument.GetType()) && Check(argument) is { } found)
            {
                errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var (field, messages) in found)
                {
                    errors[field] = [.. errors.GetValueOrDefault(field, []), .. messages];
                }
            }
        }

        return errors is null ? await next(context) : TypedResults.ValidationProblem(errors);
    }

    /// <summary>
    /// The data-annotation errors of one request by JSON field name, or null when it is valid. The assistant's tools
    /// check the requests they build with this too, so a tool call meets the same rules as an HTTP call.
    /// </summary>
    public static Dictionary<string, string[]>? Check(object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
        {
            return null;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(string.Empty))
            {
                var field = member.Length == 0 ? "request" : JsonName(request.GetType(), member);
                errors[field] = [.. errors.GetValueOrDefault(field, []), result.ErrorMessage ?? "Not valid."];
            }
        }

        return errors;
    }

    /// <summary>The field's name as it appears in the JSON: its [JsonPropertyName] if it has one, else camelCase.</summary>
    private static string JsonName(Type type, string member) =>
        type.GetProperty(member)?.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member);

    /// <summary>Our own request and DTO records; framework types (HttpContext, services, ids) are skipped.</summary>
    private static bool IsRequestType(Type type) =>
        type.Assembly == typeof(RequestValidationFilter).Assembly && type.IsClass && !type.IsAbstract;
}
