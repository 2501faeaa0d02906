using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Sms.Allowances;

/// <summary>
/// Texts a person may be sent, in segments, per role (section <c>Sms:Allowances</c>: <c>Sms:Allowances:user:Daily</c>,
/// <c>Sms:Allowances:premium:Monthly</c>…). Administrators are unlimited. An administrator's override in the database
/// (<c>PUT /api/v1/admin/sms/allowances</c>) wins over these.
/// </summary>
internal sealed class SmsAllowanceOptions
{
    public const string Section = "Sms:Allowances";

    public SmsRoleAllowance User { get; set; } = new() { Daily = 20, Monthly = 300 };

    public SmsRoleAllowance Premium { get; set; } = new() { Daily = 100, Monthly = 1500 };

    internal sealed class Validator : IValidateOptions<SmsAllowanceOptions>
    {
        public ValidateOptionsResult Validate(string? name, SmsAllowanceOptions options)
        {
            var failures = new OptionsFailures();
            foreach (var (role, allowance) in new[] { ("user", options.User), ("premium", options.Premium) })
            {
                if (allowance.Daily is < 0 or > SmsAllowanceService.MaxSegments || allowance.Monthly is < 0 or > SmsAllowanceService.MaxSegments)
                {
                    failures.Add($"Sms:Allowances:{role}", $"Daily and Monthly must be between 0 and {SmsAllowanceService.MaxSegments}.");
                }
            }

            return failures.ToResult();
        }
    }
}

/// <summary>A role's allowance in segments.</summary>
internal sealed class SmsRoleAllowance
{
    public int Daily { get; set; }

    public int Monthly { get; set; }
}
