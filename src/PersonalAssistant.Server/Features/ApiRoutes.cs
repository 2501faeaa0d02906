using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Features.Admin;
using PersonalAssistant.Server.Features.Assistant;
using PersonalAssistant.Server.Features.Auth;
using PersonalAssistant.Server.Features.Briefings;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Expenses;
using PersonalAssistant.Server.Features.Exports;
using PersonalAssistant.Server.Features.Lists;
using PersonalAssistant.Server.Features.Memories;
using PersonalAssistant.Server.Features.Meta;
using PersonalAssistant.Server.Features.Mfa;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Privacy;
using PersonalAssistant.Server.Features.Profile;
using PersonalAssistant.Server.Features.Push;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Sessions;
using PersonalAssistant.Server.Features.Sms;
using PersonalAssistant.Server.Features.Sms.Allowances;
using PersonalAssistant.Server.Features.Sms.Numbers;
using PersonalAssistant.Server.Features.Sms.Usage;
using PersonalAssistant.Server.Features.Tasks;

namespace PersonalAssistant.Server.Features;

/// <summary>
/// The versioned API: every feature maps its own route group under <c>/api/v1</c>. The group requires an
/// authenticated caller; a feature opts out per endpoint with <c>AllowAnonymous</c>, which the architecture tests
/// check against an explicit allowlist.
/// </summary>
internal static class ApiRoutes
{
    public const string Root = "/api";
    public const string Prefix = "/api/v1";

    public static void MapApi(this IEndpointRouteBuilder app)
    {
        // Every API operation can fail with a problem (RFC 9457); declaring it once puts the schema in the document.
        var api = app.MapGroup(Prefix)
            .RequireAuthorization()
            .AddEndpointFilterFactory(RequestValidationFilter.Create)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        api.MapMetaEndpoints();
        api.MapAuthEndpoints();
        api.MapPasswordEndpoints();
        api.MapSessionEndpoints();
        api.MapProfileEndpoints();
        api.MapPrivacyEndpoints();
        api.MapPhoneNumberEndpoints();
        api.MapPreferencesEndpoints();
        api.MapMfaEndpoints();
        api.MapAdminEndpoints();
        api.MapTaskEndpoints();
        api.MapReminderEndpoints();
        api.MapNotificationEndpoints();
        api.MapBriefingEndpoints();
        api.MapPushEndpoints();
        api.MapSmsEndpoints();
        api.MapSmsUsageEndpoints();
        api.MapSmsAllowanceEndpoints();
        api.MapSmsNumberEndpoints();
        api.MapListEndpoints();
        api.MapExpenseEndpoints();
        api.MapMemoryEndpoints();
        api.MapNoteEndpoints();
        api.MapEventEndpoints();
        api.MapConversationEndpoints();
        api.MapUnderstandEndpoints();
        api.MapExportEndpoints();
    }
}
