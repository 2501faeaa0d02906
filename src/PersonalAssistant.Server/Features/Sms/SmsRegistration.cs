using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonalAssistant.Server.Features.Profile;
using PersonalAssistant.Server.Messaging.Sms;

namespace PersonalAssistant.Server.Features.Sms;

internal static class SmsRegistration
{
    public static IServiceCollection AddSms(this IServiceCollection services)
    {
        // TwilioOptions are registered with the sender (Messaging/Sms/SmsRegistration.cs): one class for both directions.
        services.AddSingleton<TwilioSignatureValidator>();
        services.AddSingleton<SmsMetrics>();
        services.AddScoped<SmsService>();
        services.AddScoped<InboundSmsJob>();
        services.AddScoped<SmsUpkeepJob>();
        services.AddScoped<SmsStatusService>();
        services.Replace(ServiceDescriptor.Scoped<ISmsSendLog, SmsMessageLog>()); // after the sender's no-op defaults
        services.AddScoped<SmsFailureService>();
        services.Replace(ServiceDescriptor.Scoped<ISmsFailures>(provider => provider.GetRequiredService<SmsFailureService>()));

        // The Profile feature's service for verified numbers: the SMS channel and the channel delivery ask it.
        services.AddScoped<PhoneNumberService>();
        return services;
    }
}
