using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Profile;
using PersonalAssistant.Server.Features.Sms.Allowances;
using PersonalAssistant.Server.Features.Sms.Numbers;
using PersonalAssistant.Server.Features.Sms.Usage;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.PersonalData;

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
        services.AddValidatedOptions<InboundSmsOptions, InboundSmsOptions.Validator>(InboundSmsOptions.Section);
        services.AddSingleton<InboundSmsQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<InboundSmsQueue>());
        services.AddScoped<SmsStatusService>();
        services.Replace(ServiceDescriptor.Scoped<ISmsSendLog, SmsMessageLog>()); // after the sender's no-op defaults
        services.AddScoped<SmsFailureService>();
        services.AddScoped<PersonalData.IAccountErasure, SmsErasure>();
        // The texts to and from the person's numbers, with their delivery status (the provider's idempotency key stays out).
        services.AddPersonalData("sms.json", "Exports.File.Sms", (db, userId) => db.Set<SmsMessage>().AsNoTracking()
            .Where(m => m.UserId == userId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Id,
                m.Direction,
                m.From,
                m.To,
                m.Body,
                m.Segments,
                m.Encoding,
                m.Status,
                m.ErrorCode,
                m.Price,
                m.PriceUnit,
                m.CreatedAt,
                m.UpdatedAt,
                m.Part,
            }));
        services.Replace(ServiceDescriptor.Scoped<ISmsFailures>(provider => provider.GetRequiredService<SmsFailureService>()));

        // The Profile feature's service for verified numbers: the SMS channel and the channel delivery ask it.
        services.AddScoped<PhoneNumberService>();

        // Usage and costs (Usage/).
        services.AddValidatedOptions<SmsPricesOptions, SmsPricesOptions.Validator>(SmsPricesOptions.Section);
        services.AddSingleton<SmsPriceList>();
        services.AddScoped<SmsUsageService>();

        // Allowances per role (Allowances/).
        services.AddValidatedOptions<SmsAllowanceOptions, SmsAllowanceOptions.Validator>(SmsAllowanceOptions.Section);
        services.AddScoped<SmsAllowanceService>();

        // The number manager (Numbers/): needs Twilio's HTTP client, registered with the sender when Twilio is configured.
        services.AddScoped<SmsNumberService>();
        return services;
    }
}
