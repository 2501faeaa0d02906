using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PersonalAssistant.Server.Host;

/// <summary>Examples shown in the API reference for the requests and answers people use first.</summary>
internal static class ApiExamples
{
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["RegisterRequest"] = """{"email":"sam@example.org","password":"maple orbit lantern 47","displayName":"Sam","timeZone":"America/Toronto","locale":"en"}""",
        ["LoginRequest"] = """{"email":"sam@example.org","password":"maple orbit lantern 47","tokenDelivery":"cookie"}""",
        ["LoginResponse"] = """{"mfaRequired":false,"accessToken":"eyJhbGciOiJIUzI1NiIsImtpZCI6InBhLTEiLCJ0eXAiOiJKV1QifQ…","tokenType":"Bearer","expiresIn":900}""",
        ["MfaLoginRequest"] = """{"mfaToken":"pZ3c0m1q-6v8…","method":"totp","code":"492039"}""",
        ["RefreshRequest"] = """{"refreshToken":null}""",
        ["EmailRequest"] = """{"email":"sam@example.org"}""",
        ["ResetPasswordRequest"] = """{"email":"sam@example.org","token":"CfDJ8…","newPassword":"harbor velvet compass 93"}""",
        ["ChangePasswordRequest"] = """{"currentPassword":"maple orbit lantern 47","newPassword":"harbor velvet compass 93"}""",
        ["UserProfile"] = """{"id":"0193a5c2-8f2d-7d0a-8fac-1a380e54bbff","email":"sam@example.org","emailConfirmed":true,"displayName":"Sam","timeZone":"America/Toronto","locale":"en","roles":["user"],"mfaEnabled":true,"isActive":true,"createdAt":"2026-11-25T14:03:00+00:00"}""",
        ["UpdateProfileRequest"] = """{"displayName":"Sam","timeZone":"Europe/Paris","locale":"fr"}""",
        ["SessionResponse"] = """{"id":"0193a5c2-93b1-7a87-83bf-2adb1115bee5","device":"Firefox on Windows","ipAddress":"203.0.113.7","createdAt":"2026-11-25T14:03:00+00:00","lastSeenAt":"2026-11-25T15:40:12+00:00","current":true}""",
        ["MfaStatusResponse"] = """{"totpEnabled":true,"smsEnabled":false,"recoveryCodesRemaining":9,"methods":["totp","recovery"]}""",
        ["MfaCodeRequest"] = """{"code":"492039"}""",
        ["MfaProofRequest"] = """{"method":"totp","code":"492039"}""",
        ["DisableMfaRequest"] = """{"password":"maple orbit lantern 47","method":"recovery","code":"k7m2p-x9q4r"}""",
        ["RecoveryCodesResponse"] = """{"recoveryCodes":["k7m2p-x9q4r","b3n8t-w2z6h","…"]}""",
        ["AddPhoneNumberRequest"] = """{"number":"06 12 34 56 78","region":"FR"}""",
        ["PhoneNumberResponse"] = """{"id":"0193a5c3-0a11-7c4e-9d2f-5b8e6a1f0c3d","number":"+33612345678","verified":true,"primary":true,"createdAt":"2026-11-25T14:10:00+00:00","optedOut":false}""",
        ["PhoneCodeRequest"] = """{"code":"381920"}""",
        ["PreferencesDto"] = """{"quietHoursStart":"22:00","quietHoursEnd":"08:00","dailyNudgeCap":6,"preferredChannels":["sms","web"],"replyStyle":"brief","morningBriefingTime":"08:30","eveningReviewTime":null,"defaultCurrency":"CAD","missesBeforeBreakdown":3}""",
        ["GrantRoleRequest"] = """{"role":"premium"}""",
        ["AdminUpdateUserRequest"] = """{"isActive":false}""",
    };

    public static Task AddExample(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (Examples.TryGetValue(context.JsonTypeInfo.Type.Name, out var json))
        {
            schema.Examples = [JsonNode.Parse(json)!];
        }

        return Task.CompletedTask;
    }
}
