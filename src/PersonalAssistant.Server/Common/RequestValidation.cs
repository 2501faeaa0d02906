using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonalAssistant.Server.Common;

/// <summary>
/// Checks the data annotations of every request body and query record before the handler runs and answers a
/// validation problem naming each field (camelCase, as in the JSON). ASP.NET Core 10's source-generated validation
/// only covers public types; our request records are internal to the host, so this filter does the same job with the
/// <see cref="Validator"/> every annotation already works with. Which arguments carry rules is worked out once per
/// endpoint: services, the database context and ids are never inspected, and an endpoint without rules gets no filter.
/// </summary>
internal static class RequestValidationFilter
{
    private static readonly ConcurrentDictionary<Type, bool> RulesByType = new();

    /// <summary>The endpoint filter factory: validates the handler's arguments whose types declare rules.</summary>
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var validated = context.MethodInfo.GetParameters()
            .Where(p => HasRules(p.ParameterType))
            .Select(p => p.Position)
            .ToArray();
        if (validated.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            Dictionary<string, string[]>? errors = null;
            foreach (var position in validated)
            {
                if (invocation.Arguments[position] is { } argument && Check(argument) is { } found)
                {
                    errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
                    foreach (var (field, messages) in found)
                    {
                        errors[field] = [.. errors.GetValueOrDefault(field, []), .. messages];
                    }
                }
            }

            return errors is null ? await next(invocation) : TypedResults.ValidationProblem(errors);
        };
    }

    /// <summary>
    /// The data-annotation errors of one request by JSON field name, or null when it is valid. The assistant's tools
    /// check the requests they build with this too, so a tool call meets the same rules as an HTTP call.
    /// </summary>
    public static Dictionary<string, string[]>? Check(object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HasRules(request.GetType()))
        {
            return null;
        }

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

    /// <summary>
    /// True for our own request and query records that declare a rule (an attribute on the type or a property, or
    /// <see cref="IValidatableObject"/>); framework types, services and the database context have none to check.
    /// </summary>
    private static bool HasRules(Type type) => RulesByType.GetOrAdd(type, static t =>
        t.Assembly == typeof(RequestValidationFilter).Assembly && t.IsClass && !t.IsAbstract
        && (typeof(IValidatableObject).IsAssignableFrom(t)
            || t.IsDefined(typeof(ValidationAttribute), inherit: true)
            || t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.IsDefined(typeof(ValidationAttribute), inherit: true))));
}
