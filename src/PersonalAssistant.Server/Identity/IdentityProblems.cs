using Microsoft.AspNetCore.Identity;

namespace PersonalAssistant.Server.Identity;

/// <summary>Turns Identity's errors into the field errors of a validation problem.</summary>
internal static class IdentityProblems
{
    public static Dictionary<string, string[]> ToFieldErrors(IdentityResult result, string passwordField)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors
            .GroupBy(error => error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                _ when error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) => "email",
                "InvalidToken" => "token",
                _ => "request",
            })
            .ToDictionary(group => group.Key, group => group.Select(error => error.Description).ToArray());
    }
}
