using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;

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
            var locale = RequestLocale.Of(invocation.HttpContext);
            Dictionary<string, string[]>? errors = null;
            foreach (var position in validated)
            {
                if (invocation.Arguments[position] is { } argument && Check(argument, locale) is { } found)
                {
                    errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
                    foreach (var (field, messages) in found)
                    {
                        errors[field] = [.. errors.GetValueOrDefault(field, []), .. messages];
                    }
                }
            }

            return errors is null ? await next(invocation)
                : TypedResults.ValidationProblem(errors, title: Texts.Get(locale, "Problem.Invalid.Title"), detail: Texts.Get(locale, "Problem.Invalid.Detail"));
        };
    }

    /// <summary>
    /// The data-annotation errors of one request by JSON field name, in the locale's words, or null when it is valid.
    /// Feature services check the requests they are given with this too, so a tool call meets the same rules as an
    /// HTTP call. Each attribute's message comes from the catalog (<see cref="Texts"/>), never from its English default.
    /// </summary>
    public static Dictionary<string, string[]>? Check(object request, string locale)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.GetType();
        if (!HasRules(type))
        {
            return null;
        }

        Dictionary<string, string[]>? errors = null;
        void Add(string field, string message)
        {
            errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
            errors[field] = [.. errors.GetValueOrDefault(field, []), message];
        }

        var context = new ValidationContext(request) { Items = { [LocaleItem] = locale } };
        foreach (var (property, field, attributes) in RulesOf(type))
        {
            var value = property.GetValue(request);
            context.MemberName = property.Name;
            context.DisplayName = property.Name;
            foreach (var attribute in attributes)
            {
                if (attribute.GetValidationResult(value, context) is not null)
                {
                    Add(field, Describe(attribute, value, locale));
                }
            }
        }

        if (errors is null && request is IValidatableObject validatable)
        {
            context.MemberName = null;
            foreach (var result in validatable.Validate(context))
            {
                foreach (var member in result.MemberNames.DefaultIfEmpty(string.Empty))
                {
                    Add(member.Length == 0 ? "request" : member.Contains('[', StringComparison.Ordinal) ? member : JsonName(type, member),
                        result.ErrorMessage ?? Texts.Get(locale, "Validation.Invalid"));
                }
            }
        }

        return errors;
    }

    /// <summary>The locale of a validation, for <see cref="IValidatableObject"/> implementations that write their own messages.</summary>
    public static string LocaleOf(ValidationContext context) =>
        context?.Items.TryGetValue(LocaleItem, out var locale) == true && locale is string code ? code : Locales.English;

    private const string LocaleItem = "pa.locale";

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Field, ValidationAttribute[] Attributes)[]> PropertyRules = new();

    private static (PropertyInfo Property, string Field, ValidationAttribute[] Attributes)[] RulesOf(Type type) =>
        PropertyRules.GetOrAdd(type, static t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p, JsonName(t, p.Name), p.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray()))
            .Where(p => p.Item3.Length > 0)]);

    /// <summary>What a failed rule asks for, in the locale's words.</summary>
    private static string Describe(ValidationAttribute attribute, object? value, string locale) => attribute switch
    {
        ICatalogRule rule => rule.Describe(locale),
        RequiredAttribute => Texts.Get(locale, "Validation.Required"),
        StringLengthAttribute { MinimumLength: > 0 } length => Texts.Format(locale, "Validation.LengthBetween", length.MinimumLength, length.MaximumLength),
        StringLengthAttribute length => Texts.Format(locale, "Validation.MaxLength", length.MaximumLength),
        MaxLengthAttribute max when value is not string => Texts.Format(locale, "Validation.MaxItems", max.Length),
        MaxLengthAttribute max => Texts.Format(locale, "Validation.MaxLength", max.Length),
        MinLengthAttribute min when value is not string => Texts.Format(locale, "Validation.MinItems", min.Length),
        MinLengthAttribute min => Texts.Format(locale, "Validation.MinLength", min.Length),
        RangeAttribute range => Texts.Format(locale, "Validation.Range", range.Minimum, range.Maximum),
        AllowedValuesAttribute allowed => Texts.Format(locale, "Validation.OneOf",
            string.Join(", ", allowed.Values.OfType<string>().Where(v => v.Length > 0))),
        _ => Texts.Get(locale, "Validation.Invalid"),
    };

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

/// <summary>A validation attribute of ours whose message comes from the catalog.</summary>
internal interface ICatalogRule
{
    /// <summary>What the rule asks for, in the locale's words.</summary>
    string Describe(string locale);
}
