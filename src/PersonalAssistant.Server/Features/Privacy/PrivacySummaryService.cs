using System.Net;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Features.Exports;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.LanguageModels;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Privacy;

/// <summary>
/// The privacy page's facts (ADR 0019): how many rows of each kind the instance holds about the person (the same parts
/// the export writes, so the page and the archive cannot disagree), how long each kind of passing data is kept, and
/// which outside services this instance is configured to use, so the person knows where their words go.
/// </summary>
internal sealed class PrivacySummaryService(
    IEnumerable<IPersonalDataExport> parts,
    IOptions<RetentionOptions> retention,
    IOptions<PrivacyOptions> privacy,
    DataExportService exports,
    IOptions<TwilioOptions> twilio,
    IOptions<EmailOptions> email,
    IOptions<AssistantOptions> assistant)
{
    public async Task<PrivacySummaryResponse> SummarizeAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var stored = new List<StoredDataResponse>();
        // One part at a time: they share the request's DbContext.
        foreach (var part in parts.OrderBy(p => p.FileName, StringComparer.Ordinal))
        {
            var count = await part.CountAsync(person.UserId, cancellationToken);
            stored.Add(new StoredDataResponse(part.FileName, Texts.Get(person.Locale, part.DescriptionKey + ".Label"), count));
        }

        var kept = RetainedKinds.All
            .Select(kind => new RetentionResponse(kind.ToLowerInvariant(), Texts.Get(person.Locale, "Privacy.Retention." + kind), retention.Value.DaysFor(kind)))
            .ToList();
        return new PrivacySummaryResponse(stored, kept, Services(person.Locale), privacy.Value.DeletionGraceDays, exports.HoursAvailable);
    }

    /// <summary>The words agreeing to the terms means, for the sign-up form, in <paramref name="locale"/>.</summary>
    public static TermsResponse Terms(string locale) => new(ConsentKinds.Version, Texts.Get(locale, ConsentKinds.TextKey(ConsentKinds.Terms)));

    private List<ExternalServiceResponse> Services(string locale)
    {
        var services = new List<ExternalServiceResponse>();

        var sms = twilio.Value;
        services.Add(sms.IsConfigured
            ? Leaves(locale, ExternalServiceKinds.Sms, HostOf(sms.ApiBaseUrl), "Privacy.Service.Sms.Twilio")
            : Stays(locale, ExternalServiceKinds.Sms, null, "Privacy.Service.Sms.None"));

        var mail = email.Value;
        services.Add(mail.IsConfigured
            ? Leaves(locale, ExternalServiceKinds.Email, mail.SmtpHost, "Privacy.Service.Email.Smtp")
            : Stays(locale, ExternalServiceKinds.Email, null, "Privacy.Service.Email.None"));

        services.Add(assistant.Value.Endpoint?.Host switch
        {
            null => Stays(locale, ExternalServiceKinds.Model, null, "Privacy.Service.Model.Offline"),
            var host when IsThisMachine(host) => Stays(locale, ExternalServiceKinds.Model, host, "Privacy.Service.Model.Local"),
            var host => Leaves(locale, ExternalServiceKinds.Model, host, "Privacy.Service.Model.Remote"),
        });

        // Web Push always passes through the browser maker's service; the payload is encrypted for the browser (RFC 8291).
        services.Add(Leaves(locale, ExternalServiceKinds.Push, null, "Privacy.Service.Push"));
        return services;
    }

    private static ExternalServiceResponse Leaves(string locale, string kind, string? host, string key) =>
        new(kind, LeavesServer: true, host, Texts.Format(locale, key, host));

    private static ExternalServiceResponse Stays(string locale, string kind, string? host, string key) =>
        new(kind, LeavesServer: false, host, Texts.Format(locale, key, host));

    private static string? HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;

    private static bool IsThisMachine(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}

internal static class ExternalServiceKinds
{
    public const string Sms = "sms";
    public const string Email = "email";
    public const string Model = "model";
    public const string Push = "push";
}
