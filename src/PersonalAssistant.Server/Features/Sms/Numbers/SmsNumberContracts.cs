using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace PersonalAssistant.Server.Features.Sms.Numbers;

/// <summary>Where to look for numbers to buy.</summary>
internal sealed record AvailableSmsNumbersQuery
{
    /// <summary>ISO 3166 country code (e.g. US, CA).</summary>
    [FromQuery(Name = "country")]
    [Required]
    [RegularExpression("^[A-Za-z]{2}$")]
    public string Country { get; init; } = string.Empty;

    /// <summary>An area code (e.g. 514); any when absent.</summary>
    [FromQuery(Name = "areaCode")]
    [Range(100, 999)]
    public int? AreaCode { get; init; }
}

/// <summary>A number Twilio offers.</summary>
/// <param name="PhoneNumber">E.164.</param>
/// <param name="FriendlyName">Twilio's display form.</param>
/// <param name="Locality">Its city, when Twilio knows it.</param>
/// <param name="Region">Its state or province.</param>
/// <param name="Country">ISO 3166 country code.</param>
internal sealed record AvailableSmsNumberResponse(string PhoneNumber, string? FriendlyName, string? Locality, string? Region, string? Country);

/// <summary>A number to buy.</summary>
/// <param name="PhoneNumber">E.164, one of the available numbers.</param>
/// <param name="AssignTo">The account to give it to (dedicated mode); unassigned when absent.</param>
internal sealed record BuySmsNumberRequest(
    [property: Required, RegularExpression(@"^\+[1-9][0-9]{7,14}$")] string PhoneNumber,
    Guid? AssignTo = null);

/// <summary>Who holds a number.</summary>
/// <param name="AssignTo">The account; null unassigns it.</param>
internal sealed record AssignSmsNumberRequest(Guid? AssignTo = null);

/// <summary>A number of the instance.</summary>
/// <param name="Id">Its id.</param>
/// <param name="PhoneNumber">E.164.</param>
/// <param name="TwilioSid">Twilio's id ("PN…"); null for a number not bought here.</param>
/// <param name="AssignedTo">The account it is given to; null when unassigned.</param>
/// <param name="SmsUrl">Where Twilio should post texts to it.</param>
/// <param name="StatusUrl">Where Twilio should post delivery statuses.</param>
/// <param name="LastVerifiedAt">When Twilio was last asked (UTC); null before.</param>
/// <param name="PointsHere">Whether Twilio's URLs were this instance's at that check.</param>
/// <param name="CreatedAt">When it was added (UTC).</param>
internal sealed record SmsNumberResponse(
    Guid Id, string PhoneNumber, string? TwilioSid, Guid? AssignedTo, string? SmsUrl, string? StatusUrl, DateTimeOffset? LastVerifiedAt, bool? PointsHere, DateTimeOffset CreatedAt);

/// <summary>Twilio refused or could not take a number request (mapped to 422 or 503 by the endpoints).</summary>
internal sealed class TwilioNumberException : Exception
{
    public TwilioNumberException()
    {
    }

    public TwilioNumberException(string message)
        : base(message)
    {
    }

    public TwilioNumberException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TwilioNumberException(int code, bool transient, string message, Exception innerException)
        : base(message, innerException) => (Code, Transient) = (code, transient);

    /// <summary>Twilio's error code, 0 without one (a timeout, a refused connection).</summary>
    public int Code { get; }

    /// <summary>Worth trying again later (429, 5xx, unreachable).</summary>
    public bool Transient { get; }
}
