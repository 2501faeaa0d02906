using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Messaging.Sms;

internal static class SmsRegistration
{
    /// <summary>Twilio when it is configured; otherwise the outbox (simulator mode).</summary>
    public static IServiceCollection AddSmsSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TwilioOptions, TwilioOptions.Validator>(TwilioOptions.Section);
        services.AddScoped<ISmsSendLog, NoSmsSendLog>();
        services.AddScoped<ISmsFailures, NoSmsFailures>();
        var twilio = configuration.ReadValidated(TwilioOptions.Section, new TwilioOptions.Validator());
        if (twilio.IsConfigured)
        {
            services.AddTransient<TwilioBaseUrlHandler>();
            services.AddHttpClient(TwilioSmsSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(twilio.TimeoutSeconds))
                .AddHttpMessageHandler<TwilioBaseUrlHandler>();
            services.AddScoped<TwilioSmsSender>();
            services.AddScoped<ISmsSender>(provider => provider.GetRequiredService<TwilioSmsSender>());
        }
        else
        {
            services.AddScoped<ISmsSender>(provider => provider.GetRequiredService<OutboxSender>());
        }

        return services;
    }
}
