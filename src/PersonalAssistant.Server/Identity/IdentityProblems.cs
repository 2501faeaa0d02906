using Microsoft.AspNetCore.Identity;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// ASP.NET Identity's failures as field errors in the request's language: each error code the product can meet has a
/// catalog sentence (Identity's own English descriptions never reach a person).
/// </summary>
internal static class IdentityProblems
{
    public static Dictionary<string, string[]> ToFieldErrors(IdentityResult result, string passwordField, string locale)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors
            .Select(error => (Field: FieldOf(error.Code, passwordField), Text: Describe(error.Code, passwordField, locale)))
            .GroupBy(error => error.Field)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Text).Distinct().ToArray());
    }

    private static string FieldOf(string code, string passwordField) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
        _ when code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) => "email",
        nameof(IdentityErrorDescriber.InvalidToken) => "token",
        _ => "request",
    };

    private static string Describe(string code, string passwordField, string locale) => code switch
    {
        PasswordPolicy.TooShort => Texts.Format(locale, "Password.TooShort", PasswordPolicy.MinLength),
        PasswordPolicy.TooLong => Texts.Format(locale, "Password.TooLong", PasswordPolicy.MaxLength),
        PasswordPolicy.TooGuessable => Texts.Get(locale, "Password.TooGuessable"),
        nameof(IdentityErrorDescriber.InvalidToken) => Texts.Get(locale, "Auth.ResetLinkInvalid.Detail"),
        _ when code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) => Texts.Get(locale, "Address.Shape"),
        _ when FieldOf(code, passwordField) == passwordField => Texts.Get(locale, "Password.Rejected"),
        _ => Texts.Get(locale, "Problem.Invalid.Detail"),
    };
}
