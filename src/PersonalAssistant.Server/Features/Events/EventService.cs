using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Events;

/// <summary>
/// The events feature's public API, for its endpoints, the assistant's tools and undo alike: events, a date range with
/// repeating events expanded, skipped occurrences, .ics import and the private feed's secret. Every method takes the
/// person it acts for, checks its own input, scopes every statement to that person (another person's id is not found)
/// and answers an <see cref="Outcome{T}"/> whose texts are in the person's language.
/// </summary>
internal sealed class EventService(AppDbContext db, LanguageEngine engine, TimeProvider time)
{
    public const int MaxRangeDays = 366;
    public const int MaxOccurrences = 1000;

    /// <summary>Occurrences between two instants (by default the next 30 days), repeating events expanded.</summary>
    public async Task<Outcome<IReadOnlyList<OccurrenceResponse>>> ListAsync(
        PersonNow person, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        // checked before any date arithmetic: 9999-12-31 plus 30 days is beyond DateTimeOffset's range
        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
        {
            if (value is { } given && given.UtcDateTime.Year is < TimeInput.MinYear or > TimeInput.MaxYear)
            {
                return Failure.Invalid(person.Locale, new Dictionary<string, string[]>(StringComparer.Ordinal) { [name] = [TimeInput.OutOfRangeMessage(person.Locale)] });
            }
        }

        var start = (from ?? time.GetUtcNow()).ToUniversalTime();
        var end = (to ?? start.AddDays(30)).ToUniversalTime();
        if (end <= start || (end - start).TotalDays > MaxRangeDays)
        {
            return Failure.Invalid(person.Locale, "to", "Events.RangeTooLong", MaxRangeDays);
        }

        var events = await db.Events.AsNoTracking()
            .Where(e => e.UserId == person.UserId && e.StartAt < end && (e.RRule != null || e.EndAt > start))
            .OrderBy(e => e.StartAt).Take(MaxOccurrences).ToListAsync(cancellationToken);
        var occurrences = new List<OccurrenceResponse>();
        foreach (var item in events)
        {
            var length = item.EndAt - item.StartAt;
            if (item.RRule is null)
            {
                occurrences.Add(OccurrenceResponse.For(item, item.StartAt, length));
                continue;
            }

            var zone = Zone(item.TimeZone);
            var anchor = Recurrences.AnchorPattern.Parse(item.AnchorLocal).Value;
            var after = Instant.FromDateTimeOffset(start - length) - Duration.FromTicks(1);
            var excluded = item.ExcludedStarts.ToHashSet(StringComparer.Ordinal);
            var expansion = Recurrences.Expand(item.RRule, anchor, zone, after, MaxOccurrences + excluded.Count);
            foreach (var occurrence in expansion.Occurrences)
            {
                var at = occurrence.ToInstant().ToDateTimeOffset();
                if (at >= end || occurrences.Count >= MaxOccurrences)
                {
                    break;
                }

                if (expansion.RuleBroken || !excluded.Contains(ExclusionKey(occurrence)))
                {
                    occurrences.Add(OccurrenceResponse.For(item, at, length, expansion.RuleBroken));
                }
            }
        }

        return occurrences.OrderBy(o => o.Start).Take(MaxOccurrences).ToList();
    }

    public async Task<Outcome<EventResponse>> CreateAsync(PersonNow person, EventRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var zone = request.TimeZone is null ? person.Zone : DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone);
        if (zone is null)
        {
            return Failure.Invalid(person.Locale, "timeZone", "Time.ZoneUnknown");
        }

        var parsed = ReadStart(request.Start, zone, person, errors);
        var rule = request.RRule is { Length: > 0 } r ? Recurrences.Normalize(r) : parsed?.Rule;
        if (rule is not null && parsed is { } first && Recurrences.Validate(rule, first.Start.LocalDateTime, person.Locale) is { } ruleError)
        {
            errors["rrule"] = [ruleError];
        }

        if (parsed is not { } start || errors.Count > 0)
        {
            return Failure.Invalid(person.Locale, errors);
        }

        var minutes = request.DurationMinutes ?? parsed.Value.DurationMinutes ?? 60;
        var now = time.GetUtcNow();
        var item = new EventItem
        {
            UserId = person.UserId,
            Title = request.Title.Trim(),
            StartAt = start.Start.ToInstant().ToDateTimeOffset(),
            EndAt = start.Start.ToInstant().Plus(Duration.FromMinutes(minutes)).ToDateTimeOffset(),
            TimeZone = zone.Id,
            AnchorLocal = Recurrences.AnchorPattern.Format(start.Start.LocalDateTime),
            Location = request.Location?.Trim(),
            Notes = request.Notes,
            RRule = rule,
            Uid = $"{Guid.NewGuid():N}@personal-assistant",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Events.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return EventResponse.From(item);
    }

    public async Task<Outcome<EventResponse>> GetAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var item = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.UserId == person.UserId, cancellationToken);
        return item is null ? NotFound(person) : EventResponse.From(item);
    }

    public async Task<Outcome<EventResponse>> UpdateAsync(PersonNow person, Guid id, UpdateEventRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var item = await db.Events.SingleOrDefaultAsync(e => e.Id == id && e.UserId == person.UserId, cancellationToken);
        if (item is null)
        {
            return NotFound(person);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var zone = Zone(item.TimeZone);
        var length = item.EndAt - item.StartAt;
        if (request.Start is { } startText && ReadStart(startText, zone, person, errors) is { } start)
        {
            item.StartAt = start.Start.ToInstant().ToDateTimeOffset();
            var anchorLocal = Recurrences.AnchorPattern.Format(start.Start.LocalDateTime);
            if (anchorLocal != item.AnchorLocal)
            {
                // skipped occurrences are wall-clock starts of the old schedule; a moved series starts afresh
                item.ExcludedStarts = [];
            }

            item.AnchorLocal = anchorLocal;
        }

        if (request.RRule is { } rule)
        {
            item.RRule = rule.Length == 0 ? null : Recurrences.Normalize(rule);
        }

        // a rule is checked against the start it repeats from, so a new start re-checks the rule it keeps
        if ((request.RRule is not null || request.Start is not null) && item.RRule is { } finalRule && !errors.ContainsKey("start")
            && Recurrences.Validate(finalRule, Recurrences.AnchorPattern.Parse(item.AnchorLocal).Value, person.Locale) is { } ruleError)
        {
            errors["rrule"] = [ruleError];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(person.Locale, errors);
        }

        item.EndAt = item.StartAt + (request.DurationMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : length);
        item.Title = request.Title?.Trim() ?? item.Title;
        item.Location = request.Location is { } location ? (location.Length == 0 ? null : location.Trim()) : item.Location;
        item.Notes = request.Notes is { } notes ? (notes.Length == 0 ? null : notes) : item.Notes;
        item.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return EventResponse.From(item);
    }

    /// <summary>Deletes an event (a repeating one with all its occurrences).</summary>
    public async Task<Outcome<Done>> DeleteAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var deleted = await db.Events.Where(e => e.Id == id && e.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(person) : default(Done);
    }

    /// <summary>Skips one occurrence of a repeating event (an EXDATE), given by its start as listed.</summary>
    public async Task<Outcome<Done>> SkipOccurrenceAsync(PersonNow person, Guid id, string start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(start);
        if (ReadInstant(start) is not { } at)
        {
            return Failure.Invalid(person.Locale, "start", "Events.OccurrenceUnreadable");
        }

        var item = await db.Events.SingleOrDefaultAsync(e => e.Id == id && e.UserId == person.UserId, cancellationToken);
        if (item?.RRule is null)
        {
            return NotFound(person);
        }

        var anchor = Recurrences.AnchorPattern.Parse(item.AnchorLocal).Value;
        var occurrence = Recurrences.Upcoming(item.RRule, anchor, Zone(item.TimeZone), at - Duration.FromTicks(1), 1) is [var next] && next.ToInstant() == at ? next : (ZonedDateTime?)null;
        var key = occurrence is { } found ? ExclusionKey(found) : null;
        if (key is null || item.ExcludedStarts.Contains(key, StringComparer.Ordinal))
        {
            return Failure.NotFound(person.Locale, "Events.NoSuchOccurrence");
        }

        if (item.ExcludedStarts.Count >= EventItemConfiguration.MaxExcludedStarts)
        {
            return Failure.Invalid(person.Locale, "start", "Events.TooManySkipped", EventItemConfiguration.MaxExcludedStarts);
        }

        item.ExcludedStarts = [.. item.ExcludedStarts, key];
        item.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return default(Done);
    }

    /// <summary>
    /// Imports the events of an .ics file (<paramref name="calendar"/> is null when none was sent); events already
    /// imported (same UID) are skipped.
    /// </summary>
    public async Task<Outcome<ImportResponse>> ImportAsync(PersonNow person, string? calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (calendar is null)
        {
            return Failure.Invalid(person.Locale, "file", "Events.Import.NotCalendar");
        }

        var read = IcsImport.Read(calendar, person.Zone, person.Locale);
        if (read.Error is { } error)
        {
            return Failure.Invalid(person.Locale, new Dictionary<string, string[]>(StringComparer.Ordinal) { ["file"] = [error] });
        }

        var uids = read.Events.Select(e => e.Uid).ToList();
        var known = (await db.Events.Where(e => e.UserId == person.UserId && uids.Contains(e.Uid)).Select(e => e.Uid).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var item in read.Events.Where(e => !known.Contains(e.Uid)).DistinctBy(e => e.Uid))
        {
            item.UserId = person.UserId;
            item.CreatedAt = now;
            item.UpdatedAt = now;
            db.Events.Add(item);
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ImportResponse(added, read.Events.Count - added, read.Skipped);
    }

    /// <summary>Whether the person's private calendar feed is on, and since when.</summary>
    public async Task<FeedStatusResponse> FeedAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.UserId == person.UserId, cancellationToken);
        return new FeedStatusResponse(feed is not null, feed?.CreatedAt);
    }

    /// <summary>Turns the private feed on or replaces its secret; answers the feed's path, the one time it is known.</summary>
    public async Task<string> RotateFeedAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var secret = SecretHasher.NewToken();
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == person.UserId, cancellationToken);
        if (feed is null)
        {
            db.CalendarFeeds.Add(new CalendarFeed { UserId = person.UserId, SecretHash = SecretHasher.HashToken(secret), CreatedAt = time.GetUtcNow() });
        }
        else
        {
            feed.SecretHash = SecretHasher.HashToken(secret);
            feed.CreatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        return $"/calendar/{secret}.ics";
    }

    /// <summary>Turns the private feed off (off already is fine).</summary>
    public async Task DeleteFeedAsync(PersonNow person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        await db.CalendarFeeds.Where(f => f.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken);
    }

    internal static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? DateTimeZone.Utc;

    /// <summary>How a skipped occurrence is kept: its local wall-clock start (see <see cref="EventItem.ExcludedStarts"/>).</summary>
    internal static string ExclusionKey(ZonedDateTime occurrence) => Recurrences.AnchorPattern.Format(occurrence.LocalDateTime);

    /// <summary>An instant written with its offset or in UTC; a local time without one is refused (it would be ambiguous).</summary>
    private static Instant? ReadInstant(string text)
    {
        if (text.Length > 64)
        {
            return null;
        }

        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (withOffset.Success)
        {
            return withOffset.Value.ToInstant();
        }

        var utc = InstantPattern.ExtendedIso.Parse(text);
        return utc.Success ? utc.Value : null;
    }

    private readonly record struct ParsedStart(ZonedDateTime Start, string? Rule, int? DurationMinutes);

    private ParsedStart? ReadStart(string text, DateTimeZone zone, PersonNow person, Dictionary<string, string[]> errors)
    {
        var reading = TimeInput.Interpret(text, zone, person.Now.ToInstant(), engine, person.Locale);
        if (reading is { Time: { When.Instant: { } start } parsed })
        {
            return new ParsedStart(start, parsed.RRule, parsed.DurationMinutes);
        }

        errors["start"] = [reading.OutOfRange ? TimeInput.OutOfRangeMessage(person.Locale) : Texts.Get(person.Locale, "Events.StartUnreadable")];
        return null;
    }

    private static Failure NotFound(PersonNow person) => Failure.NotFound(person.Locale, "Events.NotFound");
}

internal static class EventsRegistration
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddScoped<EventService>();
        services.AddPersonalData("events.json", "Exports.File.Events", (db, userId) => db.Events.AsNoTracking()
            .Where(e => e.UserId == userId).OrderBy(e => e.StartAt).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Title, e.StartAt, e.EndAt, e.TimeZone, e.AnchorLocal, e.Location, e.Notes, e.RRule, e.ExcludedStarts, e.Uid, e.CreatedAt, e.UpdatedAt }));
        services.AddScoped<IPersonalDataFiles, EventCalendarExport>();
        return services;
    }
}
