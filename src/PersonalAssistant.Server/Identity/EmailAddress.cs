using System.Globalization;
using PersonalAssistant.Server.Localization;

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

    /// <summary>
    /// The stored form of <paramref name="input"/>, or the catalog key of the reason it is refused (for the
    /// <c>email</c> field; <see cref="Describe"/> writes it in a language).
    /// </summary>
    public static bool TryNormalize(string? input, out string address, out string error)
    {
        address = string.Empty;
        var trimmed = (input ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > MaxLength)
        {
            error = "Address.TooLong";
            return false;
        }

        if (trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format))
        {
            error = "Address.Invisible";
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            error = "Address.Shape";
            return false;
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (local.StartsWith('"') || local.Contains('@', StringComparison.Ordinal))
        {
            error = "Address.Quoted";
            return false;
        }

        if (domain.StartsWith('['))
        {
            error = "Address.IpLiteral";
            return false;
        }

        if (local.Length > MaxLocalLength || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            error = "Address.Mailbox";
            return false;
        }

        if (local.Any(c => !char.IsAscii(c)))
        {
            error = "Address.Alphabet";
            return false;
        }

        if (!local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSymbols.Contains(c, StringComparison.Ordinal)))
        {
            error = "Address.Mailbox";
            return false;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            error = "Address.Domain";
            return false;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || labels.Any(label => label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-'))
            || labels[^1].All(char.IsAsciiDigit))
        {
            error = "Address.DomainDot";
            return false;
        }

        address = $"{local}@{ascii}";
        if (address.Length > MaxLength)
        {
            error = "Address.TooLong";
            address = string.Empty;
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>The form to look an account up by: the stored form when the input is valid, else the trimmed input.</summary>
    public static string LookupForm(string? input) => TryNormalize(input, out var address, out _) ? address : (input ?? string.Empty).Trim();

    /// <summary>The refusal <paramref name="errorKey"/> from <see cref="TryNormalize"/> in <paramref name="locale"/>.</summary>
    public static string Describe(string locale, string errorKey) => Texts.Format(locale, errorKey, MaxLength);
}
