using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PersonalAssistant.Server.Common;

/// <summary>
/// Redis is optional (<c>ConnectionStrings:Redis</c>). When set, one shared multiplexer serves every feature and
/// <c>/health/ready</c> checks it; when empty, features use their local fallbacks.
/// </summary>
internal static class RedisRegistration
{
    public static IServiceCollection AddRedisWhenConfigured(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException)
        {
            throw new OptionsValidationException("Redis", typeof(ConfigurationOptions),
                ["ConnectionStrings:Redis: is not a valid Redis connection string."]);
        }

        // Start even while Redis is down; readiness reports it and the client reconnects by itself.
        options.AbortOnConnectFail = false;
        options.ClientName ??= "personal-assistant";
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddHealthChecks().AddRedis(
            provider => provider.GetRequiredService<IConnectionMultiplexer>(), "redis", tags: [HealthTags.Ready]);
        return services;
    }
}
