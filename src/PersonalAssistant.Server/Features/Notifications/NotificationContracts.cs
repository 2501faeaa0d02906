using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Notifications;

internal sealed record NotificationQuery : IPaged
{
    /// <summary>true for the unread ones only.</summary>
    [FromQuery(Name = "unread")]
    public bool? Unread { get; init; }

    [FromQuery(Name = "page")]
    [Range(1, PagingLimits.MaxPage)]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    [PageSize]
    public int? PageSize { get; init; }
}

/// <summary>Something the assistant told the person in the app.</summary>
/// <param name="Id">The notification's id.</param>
/// <param name="Kind">What it is about: reminder (a nudge), nudges-paused (the assistant stopped nudging about an ignored reminder), briefing, review, sms-undelivered (texts to one of my numbers could not be delivered), or export-ready (a copy of my data is ready in Settings, Privacy).</param>
/// <param name="Text">The words shown, in the person's language.</param>
/// <param name="ReminderId">The reminder it came from, if any (null once that reminder is deleted).</param>
/// <param name="Occurrence">The reminder's occurrence it is about (UTC).</param>
/// <param name="Late">It went out after its time.</param>
/// <param name="CreatedAt">When it was sent (UTC).</param>
/// <param name="ReadAt">When it was marked read (UTC); null while unread.</param>
internal sealed record NotificationResponse(
    Guid Id,
    string Kind,
    string Text,
    Guid? ReminderId,
    DateTimeOffset? Occurrence,
    bool Late,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);

/// <summary>A notification to add for a person, from another feature (the reminder dispatcher).</summary>
internal sealed record NotificationDraft(Guid UserId, string Kind, string Text, Guid? ReminderId, DateTimeOffset? Occurrence, bool Late);
