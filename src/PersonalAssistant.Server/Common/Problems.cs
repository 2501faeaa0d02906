using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Common;

/// <summary>Problem-details answers whose texts come from the message catalog in the request's language (ADR 0010).</summary>
internal static class Problems
{
    /// <summary>A problem with a catalog title and detail (the detail's placeholders filled with <paramref name="values"/>).</summary>
    public static ProblemHttpResult Of(string locale, int status, string titleKey, string detailKey, params object?[] values) =>
        TypedResults.Problem(title: Texts.Get(locale, titleKey), detail: Texts.Format(locale, detailKey, values), statusCode: status);

    /// <summary>One field breaks a rule: a validation problem with the catalog's title and detail.</summary>
    public static ValidationProblem Invalid(string locale, string field, string key, params object?[] values) =>
        Invalid(locale, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [Texts.Format(locale, key, values)] });

    /// <summary>Fields break rules (messages already in the locale's words).</summary>
    public static ValidationProblem Invalid(string locale, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, Texts.Get(locale, "Problem.Invalid.Detail"), title: Texts.Get(locale, "Problem.Invalid.Title"));
}
