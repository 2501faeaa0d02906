using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Identity;

/// <summary>ASP.NET Core Identity, JWT bearer authentication with session checks, and permission policies.</summary>
internal static class AccountsRegistration
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptions.Validator>(AuthOptions.Section);
        services.AddValidatedOptions<SecurityOptions, SecurityOptions.Validator>(ServerSecrets.Section);
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = string.Empty;
                options.Password.RequiredLength = 1; // PasswordPolicy checks the length, with a kinder message
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // LockoutEnd is the administrator's lock only; failed attempts are counted per account and address by
                // SignInGuard, so a stranger cannot lock the owner out (AccessFailedAsync is never called).
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedEmail = auth.RequireVerifiedEmail;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ClockedTokenProvider>(TokenOptions.DefaultProvider)
            .AddPasswordValidator<PasswordPolicy>();
        // Reset and email-confirmation tokens: single use (tied to the security stamp), valid one hour by default.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromSeconds(auth.EmailTokenLifetimeSeconds));

        services.AddMemoryCache();
        services.AddSingleton<ServerSecrets>();
        services.AddSingleton<SecretHasher>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SessionRevocation>();
        services.AddSingleton<SessionConnections>();
        services.AddHostedService<SessionConnectionsWatcher>();
        services.AddSingleton<TotpService>();
        services.AddSingleton<ProfileCache>();
        services.AddScoped<PersonClock>();
        services.AddScoped<SessionService>();
        services.AddScoped<RecoveryCodes>();
        services.AddScoped<VerificationCodes>();
        services.AddScoped<SecondFactors>();
        services.AddSingleton<SignInGuard>();
        services.AddScoped<AuditLog>();
        services.AddRetainedRows<Audit.AuditEvent>(RetainedKinds.Audit, e => e.OccurredAt);
        services.AddScoped<Jobs.IRetainedData, SessionRetention>();
        services.AddScoped<IAccountErasure, Audit.AuditErasure>();
        services.AddAccountPersonalData();
        services.AddHttpContextAccessor();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenIssuer, Microsoft.Extensions.Caching.Memory.IMemoryCache, TimeProvider>((options, issuer, cache, time) =>
            {
                options.MapInboundClaims = false;
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new CachingTokenHandler(cache, time));
                options.TokenValidationParameters = issuer.ValidationParameters();
                // The challenge says the token was refused (RFC 6750 "invalid_token", so clients refresh) but not
                // which check failed: no oracle for someone crafting tokens.
                options.IncludeErrorDetails = false;
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = CheckSessionAsync,
                    OnMessageReceived = ReadHubToken,
                    OnChallenge = context =>
                    {
                        if (context.AuthenticateFailure is not null)
                        {
                            context.Error = "invalid_token";
                        }

                        return Task.CompletedTask;
                    },
                };
            });

        services.AddAuthorizationBuilder().AddPermissionPolicies();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        return services;
    }

    /// <summary>
    /// Browsers cannot set headers on a WebSocket, so SignalR sends the access token as <c>access_token</c> in the
    /// query; it is read from there for the hub paths only.
    /// </summary>
    private static Task ReadHubToken(MessageReceivedContext context)
    {
        if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>A signature and lifetime are not enough: the session behind the token must still be live.</summary>
    private static async Task CheckSessionAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var token = context.SecurityToken as JsonWebToken;
        if (!Guid.TryParse(principal.FindFirst(CurrentUser.SessionIdClaim)?.Value, out var sessionId) || token is null)
        {
            context.Fail("The token has no session.");
            return;
        }

        var revocation = context.HttpContext.RequestServices.GetRequiredService<SessionRevocation>();
        if (!await revocation.AllowsAsync(sessionId, principal.TokenIssuedAt(), context.HttpContext.RequestAborted))
        {
            context.Fail("The session has ended.");
        }
    }

    private static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (permission, _) in Permissions.All)
        {
            builder.AddPolicy(Permissions.Policy(permission), policy =>
                policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }

        return builder;
    }
}

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Grants a permission when one of the caller's roles (with the roles it inherits) holds it.</summary>
internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var roles = context.User.FindAll(CurrentUser.RoleClaim).Select(claim => claim.Value);
        if (AppRoles.PermissionsOf(roles).Contains(requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Records every "forbidden" in the audit trail, then answers as usual (a 403 problem).</summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var audit = context.RequestServices.GetRequiredService<AuditLog>();
            var actor = context.User.UserIdOrNull();
            await audit.RecordAsync(AuditActions.PermissionDenied, AuditOutcome.Denied, ClientInfo.From(context), actor, actor,
                AuditDetail.Of(AuditDetails.Request, context.Request.Method, context.Request.Path.Value ?? "/"), context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
