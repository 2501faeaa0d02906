using Microsoft.AspNetCore.SignalR;

namespace PersonalAssistant.Server.Features.Assistant;

internal static class AssistantRegistration
{
    public static IServiceCollection AddAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ChatEngines>();
        services.AddScoped<AssistantUndo>();
        services.AddSingleton<CapturePreview>();
        services.AddScoped<Jobs.IRetainedData, ConversationRetention>();
        services.AddScoped<PersonalData.IPersonalDataExport, ConversationExport>();
        services.AddScoped<AssistantTurn>();
        services.AddSingleton<AssistantMetrics>();
        services.AddScoped<SmsConversationService>();
        services.AddScoped<Sms.ISmsTurns>(provider => provider.GetRequiredService<SmsConversationService>());
        services.AddSingleton<AssistantTurnQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<AssistantTurnQueue>());
        services.AddSingleton<TurnRecovery>();
        services.AddHostedService(provider => provider.GetRequiredService<TurnRecovery>());
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();

        // With Redis, replies reach the person's sessions whichever replica they are connected to.
        var signalR = services.AddSignalR();
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("pa:signalr"));
        }

        return services;
    }
}
