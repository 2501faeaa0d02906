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

/// <summary>What this instance keeps about me, for how long, and where my words go.</summary>
/// <param name="Stored">Each kind of my data, as the export names its file, with how many rows there are now.</param>
/// <param name="Retention">Data that passes (conversations, notifications…) and the days it is kept; 0 keeps it until deleted.</param>
/// <param name="Services">The outside services this instance is configured to use: sms, email, model, push.</param>
/// <param name="DeletionGraceDays">Days between asking to delete the account and its erasure (0: at once).</param>
/// <param name="ExportHoursAvailable">Hours an export can be downloaded once it is ready.</param>
internal sealed record PrivacySummaryResponse(
    IReadOnlyList<StoredDataResponse> Stored,
    IReadOnlyList<RetentionResponse> Retention,
    IReadOnlyList<ExternalServiceResponse> Services,
    int DeletionGraceDays,
    int ExportHoursAvailable);

/// <summary>One kind of my data.</summary>
/// <param name="File">Its file in the export (tasks.json).</param>
/// <param name="Label">Its name in my language.</param>
/// <param name="Count">Rows stored now.</param>
internal sealed record StoredDataResponse(string File, string Label, int Count);

/// <summary>How long one kind of passing data is kept.</summary>
/// <param name="Kind">conversations, notifications, deliveries, outbox, audit or sessions.</param>
/// <param name="Label">Its name in my language.</param>
/// <param name="Days">Days kept; 0 means until deleted.</param>
internal sealed record RetentionResponse(string Kind, string Label, int Days);

/// <summary>An outside service, and whether my words reach it.</summary>
/// <param name="Kind">sms, email, model or push.</param>
/// <param name="LeavesServer">True when data goes to another machine for this.</param>
/// <param name="Host">The machine it goes to, when one is configured.</param>
/// <param name="Description">What goes where, in my language.</param>
internal sealed record ExternalServiceResponse(string Kind, bool LeavesServer, string? Host, string Description);

/// <summary>The words agreeing to the terms means (shown next to the sign-up button).</summary>
/// <param name="Version">Their version, recorded with the consent.</param>
/// <param name="Text">The words, in the language asked for.</param>
internal sealed record TermsResponse(string Version, string Text);
