using System.ComponentModel.DataAnnotations;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Sms.Allowances;

/// <summary>A role's SMS allowance.</summary>
/// <param name="Role">user, premium or administrator.</param>
/// <param name="Daily">Segments a day (the person's local day); null when unlimited.</param>
/// <param name="Monthly">Segments a calendar month (local); null when unlimited.</param>
/// <param name="Source">"configuration", "override" (set by an administrator) or "unlimited".</param>
internal sealed record SmsAllowanceResponse(string Role, int? Daily, int? Monthly, string Source);

/// <summary>New allowances in segments; a role whose two limits are left out goes back to the configured one.</summary>
/// <param name="UserDaily">The user role's daily allowance, 0 to 100,000.</param>
/// <param name="UserMonthly">The user role's monthly allowance, 0 to 100,000.</param>
/// <param name="PremiumDaily">The premium role's daily allowance.</param>
/// <param name="PremiumMonthly">The premium role's monthly allowance.</param>
internal sealed record UpdateSmsAllowancesRequest(
    [property: Range(0, SmsAllowanceService.MaxSegments)] int? UserDaily = null,
    [property: Range(0, SmsAllowanceService.MaxSegments)] int? UserMonthly = null,
    [property: Range(0, SmsAllowanceService.MaxSegments)] int? PremiumDaily = null,
    [property: Range(0, SmsAllowanceService.MaxSegments)] int? PremiumMonthly = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var locale = RequestValidationFilter.LocaleOf(validationContext);
        if (UserDaily is null != UserMonthly is null)
        {
            yield return new ValidationResult(Texts.Get(locale, "Sms.Allowance.BothLimits"), [UserDaily is null ? nameof(UserDaily) : nameof(UserMonthly)]);
        }

        if (PremiumDaily is null != PremiumMonthly is null)
        {
            yield return new ValidationResult(Texts.Get(locale, "Sms.Allowance.BothLimits"), [PremiumDaily is null ? nameof(PremiumDaily) : nameof(PremiumMonthly)]);
        }
    }
}

/// <summary>Where I stand with my SMS allowance.</summary>
/// <param name="Unlimited">True for administrators: nothing below limits them.</param>
/// <param name="Daily">My daily allowance in segments (null when unlimited).</param>
/// <param name="UsedToday">Segments sent to me today (my local day).</param>
/// <param name="LeftToday">Segments left today (null when unlimited).</param>
/// <param name="Monthly">My monthly allowance (null when unlimited).</param>
/// <param name="UsedThisMonth">Segments sent to me this month.</param>
/// <param name="LeftThisMonth">Segments left this month (null when unlimited).</param>
internal sealed record SmsAllowanceStatusResponse(bool Unlimited, int? Daily, int UsedToday, int? LeftToday, int? Monthly, int UsedThisMonth, int? LeftThisMonth)
{
    /// <summary>Nothing more may be sent (today or this month).</summary>
    public bool IsExhausted => !Unlimited && (LeftToday <= 0 || LeftThisMonth <= 0);
}
