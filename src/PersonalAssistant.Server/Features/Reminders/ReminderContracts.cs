using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Reminders;

/// <summary>A new reminder.</summary>
/// <param name="Text">What to be reminded of.</param>
/// <param name="When">The (first) time: ISO 8601 ("2026-03-11T15:00:00-04:00", or without offset in the zone) or words ("tomorrow at 9am", "every weekday at 8am", "dans 20 minutes"). A repeating phrase also sets the RRULE.</param>
/// <param name="RRule">RFC 5545 RRULE (daily or slower), without the "RRULE:" prefix.</param>
/// <param name="TimeZone">IANA zone of the schedule; the person's own by default.</param>
/// <param name="Channels">web, sms or email; the person's preferred channels by default.</param>
/// <param name="TaskId">A task of the person's to link.</param>
/// <param name="Urgent">Goes through quiet hours and the daily cap. By default a reminder whose time falls in the person's quiet hours is urgent (that moment was asked for), any other is not.</param>
internal sealed record CreateReminderRequest(
    [property: Required, StringLength(ReminderConfiguration.MaxTextLength, MinimumLength = 1)] string Text,
    [property: Required, StringLength(200, MinimumLength = 1)] string When,
    [property: StringLength(ReminderConfiguration.MaxRuleLength), JsonPropertyName("rrule")] string? RRule = null,
    [property: StringLength(64)] string? TimeZone = null,
    [property: MaxLength(3)] IReadOnlyList<string>? Channels = null,
    Guid? TaskId = null,
    bool? Urgent = null);

/// <summary>Changes to a reminder; absent fields stay. An empty <c>rrule</c> ("") makes it a one-off.</summary>
/// <param name="Text">What to be reminded of.</param>
/// <param name="When">A new (first) time, as for a new reminder.</param>
/// <param name="RRule">A new RRULE, or "" for none.</param>
/// <param name="Channels">Replaces the channels.</param>
/// <param name="Status">scheduled (reactivate) or cancelled.</param>
/// <param name="Urgent">Goes through quiet hours and the daily cap. A new time inside the person's quiet hours makes it urgent unless this says false.</param>
internal sealed record UpdateReminderRequest(
    [property: StringLength(ReminderConfiguration.MaxTextLength, MinimumLength = 1)] string? Text = null,
    [property: StringLength(200, MinimumLength = 1)] string? When = null,
    [property: StringLength(ReminderConfiguration.MaxRuleLength), JsonPropertyName("rrule")] string? RRule = null,
    [property: MaxLength(3)] IReadOnlyList<string>? Channels = null,
    [property: AllowedValues(null, ReminderStatuses.Scheduled, ReminderStatuses.Cancelled)] string? Status = null,
    bool? Urgent = null);

/// <param name="Minutes">1 to 1440.</param>
internal sealed record SnoozeRequest([property: Range(1, 24 * 60)] int Minutes);

internal sealed record ReminderQuery : IPaged
{
    /// <summary>
    /// One status (scheduled, delivered, acknowledged, snoozed, held or cancelled), or active for those still in play:
    /// scheduled, snoozed, held, and delivered but not yet acknowledged. All reminders when absent.
    /// </summary>
    [FromQuery(Name = "status")]
    [AllowedValues(null, ReminderStatuses.Active, ReminderStatuses.Scheduled, ReminderStatuses.Delivered, ReminderStatuses.Acknowledged, ReminderStatuses.Snoozed,
        ReminderStatuses.Held, ReminderStatuses.Cancelled)]
    public string? Status { get; init; }

    [FromQuery(Name = "page")]
    [Range(1, PagingLimits.MaxPage)]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    [PageSize]
    public int? PageSize { get; init; }
}

/// <summary>A reminder; times are shown in its zone with the offset in force then.</summary>
/// <param name="Id">The reminder's id.</param>
/// <param name="Text">What to be reminded of.</param>
/// <param name="When">The next occurrence in the reminder's zone, or null when none is left.</param>
/// <param name="NextAt">The same instant in UTC.</param>
/// <param name="TimeZone">IANA zone of the schedule.</param>
/// <param name="RRule">The RRULE, or null for a one-off.</param>
/// <param name="Channels">Where it is delivered.</param>
/// <param name="TaskId">The linked task, if any.</param>
/// <param name="Status">scheduled, delivered, acknowledged, snoozed, held (during quiet hours, until they end) or cancelled.</param>
/// <param name="Urgent">Goes through quiet hours and the daily cap.</param>
/// <param name="NudgesPaused">Its nudges are paused after three ignored in a row (it goes to the briefing) until the person acts on it.</param>
/// <param name="Upcoming">The next occurrences (up to 5), so a repeating schedule can be checked at a glance.</param>
/// <param name="Deliveries">The latest delivery attempts, newest first.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="RepeatBroken">Its stored RRULE cannot be expanded (saved before rules were checked): only its first time is shown, until the rule is changed.</param>
internal sealed record ReminderResponse(
    Guid Id,
    string Text,
    string? When,
    DateTimeOffset? NextAt,
    string TimeZone,
    [property: JsonPropertyName("rrule")] string? RRule,
    IReadOnlyList<string> Channels,
    Guid? TaskId,
    string Status,
    bool Urgent,
    bool NudgesPaused,
    IReadOnlyList<string> Upcoming,
    IReadOnlyList<DeliveryResponse> Deliveries,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool RepeatBroken);

/// <summary>What became of one occurrence.</summary>
/// <param name="At">When it was handled (UTC).</param>
/// <param name="Channel">Where it went (web: the in-app notifications).</param>
/// <param name="Outcome">sent, sent-late, skipped-to-briefing (older than the grace window), superseded (a later occurrence went instead), held-quiet-hours (sent when quiet hours ended), capped (beyond the daily cap: to the briefing) or held-ignored (nudges paused after three ignored: to the briefing).</param>
/// <param name="Occurrence">The occurrence it is about (UTC).</param>
/// <param name="LateBySeconds">How late it was handled, in seconds (0 when on time).</param>
internal sealed record DeliveryResponse(DateTimeOffset At, string Channel, string Outcome, DateTimeOffset Occurrence, long LateBySeconds);
