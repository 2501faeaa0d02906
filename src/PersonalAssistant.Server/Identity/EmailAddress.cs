using System.Globalization;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// The one rule for an account's email address, used wherever an address is stored (registration, the
/// <c>users create-admin</c> command). Accepts what mail servers deliver to: a plain local part and a domain
/// name with a dot. The domain is stored in its ASCII (punycode) form through <see cref="IdnMapping"/>, so
/// <c>bücher.test</c> and <c>xn--bcher-kva.test</c> are one address for Identity's normalised (upper-case) unique
/// email. Refused: control characters and spaces, quoted local parts, IP-literal domains, and local parts with
/// letters outside ASCII (mixed-script look-alikes such as a Cyrillic "о" in "bob"; SMTP servers without SMTPUTF8
/// cannot deliver them anyway).
/// </summary>
internal static class EmailAddress
{
    public const int MaxLength = 254;
    private const int MaxLocalLength = 64;
    private const string LocalSymbols = "!#$%&'*+-/=?^_`{|}~.";
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The stored form of <paramref name="input"/>, or the reason it is refused (for the <c>email</c> field).</summary>
    public static bool TryNormalize(string? input, out string address, out string error)
    {
        address = string.Empty;
        var trimmed = (input ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > MaxLength)
        {
            error = $"Enter an email address of at most {MaxLength} characters.";
            return false;
        }

        if (trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format))
        {
            error = "An email address cannot contain spaces or invisible characters.";
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            error = "Enter an email address such as name@example.com.";
            return false;
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (local.StartsWith('"') || local.Contains('@', StringComparison.Ordinal))
        {
            error = "Quoted addresses (\"...\"@) are not accepted. Use a plain address such as name@example.com.";
            return false;
        }

        if (domain.StartsWith('['))
        {
            error = "Use an address at a domain name, not at an IP address.";
            return false;
        }

        if (local.Length > MaxLocalLength || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            error = "The part before @ is not a valid mailbox name.";
            return false;
        }

        if (local.Any(c => !char.IsAscii(c)))
        {
            error = "Use only plain letters (a-z), digits and . _ - + before the @: other alphabets can imitate another person's address.";
            return false;
        }

        if (!local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSymbols.Contains(c, StringComparison.Ordinal)))
        {
            error = "The part before @ is not a valid mailbox name.";
            return false;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            error = "The part after @ is not a valid domain name.";
            return false;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || labels.Any(label => label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-'))
            || labels[^1].All(char.IsAsciiDigit))
        {
            error = "The part after @ must be a domain name with a dot, such as example.com.";
            return false;
        }

        address = $"{local}@{ascii}";
        if (address.Length > MaxLength)
        {
            error = $"Enter an email address of at most {MaxLength} characters.";
            address = string.Empty;
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>The form to look an account up by: the stored form when the input is valid, else the trimmed input.</summary>
    public static string LookupForm(string? input) => TryNormalize(input, out var address, out _) ? address : (input ?? string.Empty).Trim();
}
