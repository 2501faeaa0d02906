using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Profile;

namespace PersonalAssistant.Server.Features.Sms;

internal static class SmsRegistration
{
    public static IServiceCollection AddSms(this IServiceCollection services)
    {
        services.AddValidatedOptions<TwilioOptions, TwilioOptions.Validator>(TwilioOptions.Section);
        services.AddSingleton<TwilioSignatureValidator>();
        services.AddSingleton<SmsMetrics>();
        services.AddScoped<InboundSmsJob>();

        // The Profile feature's service for verified numbers: the SMS channel and the channel delivery ask it.
        services.AddScoped<PhoneNumberService>();
        return services;
    }
}
