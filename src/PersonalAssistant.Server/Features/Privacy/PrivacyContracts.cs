using System.ComponentModel.DataAnnotations;

namespace PersonalAssistant.Server.Features.Privacy;

/// <summary>The person's consents: the current answer of each kind, and every decision ever recorded.</summary>
/// <param name="Current">One entry per kind: terms, sms, email, push.</param>
/// <param name="History">Every decision, newest first, with the words shown at the time.</param>
internal sealed record ConsentsResponse(IReadOnlyList<ConsentStateResponse> Current, IReadOnlyList<ConsentRecordResponse> History);

/// <summary>The current answer for one kind of consent.</summary>
/// <param name="Kind">terms, sms, email or push.</param>
/// <param name="Granted">Whether the newest decision agreed (false when never asked).</param>
/// <param name="At">When the newest decision was made; null when never.</param>
/// <param name="Version">The version of the words agreed to or withdrawn; null when never.</param>
/// <param name="Text">The words that agreeing now means, in the person's language.</param>
/// <param name="CurrentVersion">The version of <paramref name="Text"/>; different from Version when the words changed since.</param>
/// <param name="IsChannel">True for a channel the assistant may write on unasked (sms, email, push).</param>
internal sealed record ConsentStateResponse(string Kind, bool Granted, DateTimeOffset? At, string? Version, string Text, string CurrentVersion, bool IsChannel);

/// <summary>One recorded decision.</summary>
/// <param name="Kind">terms, sms, email or push.</param>
/// <param name="Granted">Agreed (true) or withdrawn (false).</param>
/// <param name="At">When (UTC).</param>
/// <param name="Version">The version of the words.</param>
/// <param name="Text">The exact words shown.</param>
/// <param name="Locale">Their language.</param>
/// <param name="Source">Where: sign-up, settings, or sms-keyword (STOP/START).</param>
internal sealed record ConsentRecordResponse(string Kind, bool Granted, DateTimeOffset At, string Version, string Text, string Locale, string Source)
{
    public static ConsentRecordResponse From(Consent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return new ConsentRecordResponse(consent.Kind, consent.Granted, consent.At, consent.Version, consent.Text, consent.Locale, consent.Source);
    }
}

/// <summary>Agree to, or withdraw, one kind of consent.</summary>
/// <param name="Granted">True to agree, false to withdraw; required (a body without it changes nothing).</param>
internal sealed record ConsentChangeRequest([property: Required] bool? Granted);

/// <summary>Delete my account: the password, and a second factor when sign-in asks for one.</summary>
/// <param name="Password">The account's password.</param>
/// <param name="Method">totp, sms or recovery; only when a second factor is on.</param>
/// <param name="Code">The code of that method.</param>
internal sealed record DeleteAccountRequest(
    [property: Required, StringLength(128)] string Password,
    [property: StringLength(16)] string? Method,
    [property: StringLength(32)] string? Code);

/// <summary>The account's deletion is scheduled.</summary>
/// <param name="DeletesAt">When every row of the account goes (UTC). Signing in before then can cancel it.</param>
/// <param name="Deleted">True when it is already gone (no grace period configured).</param>
internal sealed record AccountDeletionResponse(DateTimeOffset DeletesAt, bool Deleted);
