using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database (and Redis when configured) too; the
/// checks, their timings and failures are shown to operations networks only (<see cref="OperationsOptions"/>), the
/// overall status to everyone (a load balancer needs no more).
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = WriteReportAsync,
        }).AllowAnonymous().WithName("HealthLive");

        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteReportAsync,
        }).AllowAnonymous().WithName("HealthReady");
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (!context.RequestServices.GetRequiredService<OperationsAccess>().Allows(context))
        {
            return JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString() }, HealthJson.Options,
                context.RequestAborted);
        }

        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = entry.Value.Status.ToString(),
                    durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                    // Descriptions are ours; exception messages could carry connection details, so only the type.
                    description = entry.Value.Description ?? entry.Value.Exception?.GetType().Name,
                }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Options, context.RequestAborted);
    }

    private static class HealthJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
