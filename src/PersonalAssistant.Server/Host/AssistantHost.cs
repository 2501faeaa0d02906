using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Features;
using PersonalAssistant.Server.Features.Assistant;
using PersonalAssistant.Server.Features.Briefings;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Expenses;
using PersonalAssistant.Server.Features.Exports;
using PersonalAssistant.Server.Features.Lists;
using PersonalAssistant.Server.Features.Memories;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Privacy;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.LanguageModels;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Host;

/// <summary>Composes the host: services, then the request pipeline. Features register themselves through <see cref="ApiRoutes"/>.</summary>
internal static class AssistantHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot() });
        builder.AddObservability();
        AddServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    /// <summary>
    /// The working directory when it holds the settings (<c>dotnet run</c>, a published app started from its folder),
    /// otherwise the binary's folder, so that <c>dotnet path/to/PersonalAssistant.Server.dll</c> still reads them.
    /// </summary>
    private static string ContentRoot()
    {
        var workingDirectory = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(workingDirectory, "appsettings.json")) ? workingDirectory : AppContext.BaseDirectory;
    }

    private static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddValidatedOptions<StorageOptions, StorageOptions.Validator>(StorageOptions.Section);
        services.AddValidatedOptions<HttpLimitsOptions, HttpLimitsOptions.Validator>(HttpLimitsOptions.Section);
        services.AddValidatedOptions<OperationsOptions, OperationsOptions.Validator>(OperationsOptions.Section);
        services.AddValidatedOptions<ProxyOptions, ProxyOptions.Validator>(ProxyOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) => proxy.Value.ApplyTo(forwarded));
        services.AddSingleton<OperationsAccess>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
        });

        services.AddDatabase(configuration);
        services.AddRedisWhenConfigured(configuration);
        services.AddAccounts(configuration);
        services.AddMessaging(configuration);
        services.AddRateLimits();
        services.AddSingleton(LanguageEngine.CreateDefault());
        services.AddLanguageModel();
        services.AddTasks();
        services.AddReminders();
        services.AddNotifications();
        services.AddBriefings();
        services.AddChannels();
        services.AddSms();
        services.AddPrivacy();
        services.AddSingleton<IPersonEvents, HubPersonEvents>();
        services.AddBackgroundJobs(configuration);
        services.AddEvents();
        services.AddNotes();
        services.AddLists();
        services.AddExpenses();
        services.AddMemories();
        services.AddExports();
        services.AddAssistant(configuration);
        services.AddDataProtection()
            .SetApplicationName("PersonalAssistantTDAH")
            .PersistKeysToDbContext<AppDbContext>();
        services.EncryptKeyRingAtRest();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            context.ProblemDetails.Extensions["traceId"] =
                System.Diagnostics.Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
            context.ProblemDetails.Extensions["requestId"] = http.TraceIdentifier;
            context.ProblemDetails.Instance ??= http.Request.Path;
            var locale = RequestLocale.Of(http);
            if (context.ProblemDetails.Status == StatusCodes.Status404NotFound && context.ProblemDetails.Detail is null
                && http.Request.Path.StartsWithSegments(ApiRoutes.Root))
            {
                context.ProblemDetails.Title = Texts.Get(locale, "Problem.NotFound.Title");
                context.ProblemDetails.Detail = Texts.Get(locale, "Problem.NoEndpoint");
            }

            // The framework's bare status answers (a missing or refused token, a wrong method) get words too.
            var plain = context.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => "Problem.Unauthorized",
                StatusCodes.Status403Forbidden => "Problem.Forbidden",
                StatusCodes.Status405MethodNotAllowed => "Problem.MethodNotAllowed",
                _ => null,
            };
            if (plain is not null && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Title = Texts.Get(locale, plain + ".Title");
                context.ProblemDetails.Detail = Texts.Get(locale, plain + ".Detail");
            }
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Bad requests reach the exception handler, which names the problem, instead of ending as bare 400s.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(NulFreeText.AddCheck);
        });

        // Deny by default is declared on the /api/v1 route group (see ApiRoutes), not as a fallback policy: a
        // fallback policy also covers routing's own 405 endpoint and would turn a wrong method into a 401.
        // The architecture tests fail any endpoint that is anonymous without being on their allowlist.
        // Authentication and permission policies are registered by AddAccounts.

        services.AddApiReference();
        services.AddWebApp();
        services.AddHostedService<HostLifecycle>();
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseForwardedHeaders(); // first: everything after sees the client's address, scheme and host (ProxyOptions)
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseMiddleware<NulQueryGuard>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseStatusCodePages();
        app.UseWebAppFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<RequestLocale.Middleware>();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapApiReference();
        app.MapApi();
        app.MapCalendarFeed();
        app.MapTwilioWebhooks();
        // The bearer handler records the token's expiry; SignalR closes the connection then (SessionConnections also
        // does, by the injected clock, and on revocation).
        app.MapJobsDashboard();
        app.MapHub<AssistantHub>(AssistantHub.Path, options => options.CloseOnAuthenticationExpiration = true);
        app.MapWebApp();
    }
}
