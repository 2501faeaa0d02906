using Microsoft.AspNetCore.Identity;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// NIST SP 800-63B: 10 to 128 characters, no composition rules, and not guessable. Guessability is judged by
/// zxcvbn (its frequency lists hold the common and breached passwords, names and words, plus keyboard patterns,
/// dates, repeats and l33t substitutions), with the person's own email and name counted as known words.
/// </summary>
internal sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    /// <summary>The error codes this policy answers; <see cref="IdentityProblems"/> words them in the person's language.</summary>
    public const string TooShort = "PasswordTooShort";
    public const string TooLong = "PasswordTooLong";
    public const string TooGuessable = "PasswordTooGuessable";

    /// <summary>zxcvbn score 3: "safely unguessable", resists an offline attack on a slow hash.</summary>
    private const int MinScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (password is null || password.Length < MinLength)
        {
            return Fail(TooShort);
        }

        if (password.Length > MaxLength)
        {
            return Fail(TooLong);
        }

        var known = new List<string>();
        if (user.Email is { } email)
        {
            known.Add(email);
            known.AddRange(email.Split('@', '.', '+', '_', '-').Where(part => part.Length > 2));
        }

        known.AddRange(user.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, known);
        if (result.Score < MinScore)
        {
            return Fail(TooGuessable);
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static Task<IdentityResult> Fail(string code) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = code }));
}
