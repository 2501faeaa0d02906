using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace PersonalAssistant.Server.Host;

/// <summary>Structured logs with trace and request ids; OpenTelemetry metrics exposed for Prometheus at <c>/metrics</c>.</summary>
internal static class Observability
{
    public const string ServiceName = "personal-assistant-tdah";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        // The console formatter (json by default, simple in Development) comes from Logging:Console:FormatterName.
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: AppVersion.Current))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("System.Runtime", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics",
                    "Microsoft.AspNetCore.RateLimiting", "Microsoft.EntityFrameworkCore",
                    Features.Reminders.ReminderMetrics.MeterName, Jobs.JobMetrics.MeterName, Features.Push.ChannelMetrics.MeterName,
                    Features.Sms.SmsMetrics.MeterName, Features.Assistant.AssistantMetrics.MeterName)
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>The scrape answers operations networks only (<see cref="OperationsOptions"/>); anyone else gets a 404.</summary>
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().WithName("Metrics")
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.RequestServices.GetRequiredService<OperationsAccess>().Allows(context.HttpContext)
                    ? await next(context)
                    : TypedResults.NotFound());
}

internal static class AppVersion
{
    public static readonly string Current =
        typeof(AppVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
