using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Privacy;

/// <summary>
/// Consents (ADR 0019): what a person agreed to, with the words they saw, and the gate every proactive sender asks
/// before writing unasked on a channel. A channel needs both: turned on in the preferences (the order of channels) and
/// the newest consent of its kind granted. Turning a channel on in the settings grants its consent with the words shown
/// there; turning it off, or withdrawing here, withdraws it; STOP and START texted to the assistant do the same for SMS.
/// While an account waits for its deletion nothing proactive reaches it.
/// </summary>
internal sealed class ConsentService(AppDbContext db, ProfileCache profiles, TimeProvider time)
{
    /// <summary>The current answer and the words of each kind, and the whole history, newest first.</summary>
    public async Task<ConsentsResponse> ListAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var history = await db.Set<Consent>().AsNoTracking().Where(c => c.UserId == person.UserId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        var current = ConsentKinds.All.Select(kind =>
        {
            var newest = history.FirstOrDefault(c => c.Kind == kind);
            return new ConsentStateResponse(kind, newest?.Granted ?? false, newest?.At, newest?.Version,
                Texts.Get(person.Locale, ConsentKinds.TextKey(kind)), ConsentKinds.Version, ConsentKinds.Channels.Contains(kind));
        }).ToList();
        return new ConsentsResponse(current, history.Select(ConsentRecordResponse.From).ToList());
    }

    /// <summary>
    /// The person agrees or withdraws on the privacy page. A channel follows its consent: agreeing turns it on (last in
    /// the order), withdrawing turns it off at once. The terms cannot be withdrawn here: that is deleting the account.
    /// </summary>
    public async Task<Outcome<ConsentsResponse>> SetAsync(PersonNow person, string kind, ConsentChangeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var granted = request.Granted!.Value;
        kind = kind.Trim().ToLowerInvariant();
        if (!ConsentKinds.All.Contains(kind))
        {
            return Failure.NotFound(person.Locale, "Consent.UnknownKind");
        }

        if (kind == ConsentKinds.Terms && !granted)
        {
            return Failure.Conflict(person.Locale, "Consent.TermsNeeded.Title", "Consent.TermsNeeded.Detail");
        }

        var user = await db.Users.SingleAsync(u => u.Id == person.UserId, cancellationToken);
        if (kind == ConsentKinds.Sms && granted
            && !await db.PhoneNumbers.AnyAsync(p => p.UserId == person.UserId && p.VerifiedAt != null, cancellationToken))
        {
            return Failure.Invalid(person.Locale, "granted", "Preferences.SmsNeedsPhone");
        }

        if (ConsentKinds.Channels.Contains(kind))
        {
            var channels = user.Preferences.PreferredChannels.Where(c => c != kind).ToList();
            if (granted)
            {
                channels.Add(kind);
            }

            user.Preferences.PreferredChannels = channels.Count == 0 ? [Channels.Web] : channels;
        }

        await StageAsync(user.Id, person.Locale, [(kind, granted)], ConsentSources.Settings, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        profiles.Forget(user.Id);
        return await ListAsync(person, cancellationToken);
    }

    /// <summary>
    /// Adds a record for each decision that changes the person's current answer (the same answer again adds nothing),
    /// in the caller's unit of work: the caller saves, so the decision and what it changes are stored together.
    /// </summary>
    private async Task StageAsync(Guid userId, string locale, List<(string Kind, bool Granted)> decisions, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (decisions.Count == 0)
        {
            return;
        }

        var current = await CurrentAsync(userId, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var (kind, granted) in decisions)
        {
            if (current.GetValueOrDefault(kind) == granted && current.ContainsKey(kind))
            {
                continue;
            }

            db.Set<Consent>().Add(new Consent
            {
                UserId = userId,
                Kind = kind,
                Granted = granted,
                Version = ConsentKinds.Version,
                Text = Texts.Get(locale, ConsentKinds.TextKey(kind)),
                Locale = locale,
                Source = source,
                At = now,
            });
        }
    }

    /// <summary>The terms, agreed to by creating the account (the sign-up form shows their words next to its button).</summary>
    public async Task RecordSignUpAsync(Guid userId, string locale, CancellationToken cancellationToken)
    {
        await StageAsync(userId, locale, [(ConsentKinds.Terms, true)], ConsentSources.SignUp, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>STOP (withdrawn) or START (agreed) texted to the assistant from the person's number.</summary>
    public async Task RecordSmsKeywordAsync(Guid userId, string locale, bool granted, CancellationToken cancellationToken)
    {
        await StageAsync(userId, locale, [(ConsentKinds.Sms, granted)], ConsentSources.SmsKeyword, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The person changed which channels are on in the settings, where each channel's consent words are shown: one
    /// turned on is agreed to, one turned off withdrawn. Staged in the caller's unit of work, with the preferences.
    /// </summary>
    public Task StageChannelChangesAsync(Guid userId, string locale, IReadOnlyCollection<string> before, IReadOnlyCollection<string> after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var decisions = ConsentKinds.Channels.Where(c => before.Contains(c) != after.Contains(c)).Select(c => (c, after.Contains(c))).ToList();
        return StageAsync(userId, locale, decisions, ConsentSources.Settings, cancellationToken);
    }

    /// <summary>
    /// The channels the assistant may write on unasked to this person now: among the channels the person turned on
    /// (<paramref name="preferredChannels"/>), the ones consented to; none while the account waits for its deletion
    /// (<paramref name="deletionDueAt"/>) or an administrator has deactivated it (<paramref name="isActive"/> false: the
    /// reminders stay in the app, where the person finds them if the account comes back). Every proactive sender asks
    /// this right before it sends, with the preferences, deletion date and state it has just read.
    /// </summary>
    public async Task<IReadOnlySet<string>> ProactiveChannelsAsync(
        Guid userId, IEnumerable<string> preferredChannels, DateTimeOffset? deletionDueAt, bool isActive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferredChannels);
        if (deletionDueAt is not null || !isActive)
        {
            return new HashSet<string>();
        }

        var consented = await CurrentAsync(userId, cancellationToken);
        return preferredChannels.Where(c => ConsentKinds.Channels.Contains(c) && consented.GetValueOrDefault(c)).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, bool>> CurrentAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Consent>().AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new { c.Kind, c.Granted, c.At, c.Id }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).First().Granted, StringComparer.Ordinal);
    }
}
