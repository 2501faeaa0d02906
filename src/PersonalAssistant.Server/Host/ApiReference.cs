using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace PersonalAssistant.Server.Host;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference (Scalar) at <c>/docs</c>.</summary>
internal static class ApiReference
{
    public const string Path = "/docs";
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddSchemaTransformer(DescribeProblemExtensions).AddSchemaTransformer(ApiExamples.AddExample)
            .AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Personal Assistant TDAH API";
            document.Info.Version = AppVersion.Current;
            document.Info.Description =
                "The REST API of Personal Assistant TDAH. Errors are RFC 9457 problem details with a traceId; " +
                "every response carries an X-Request-Id header.";
            // No absolute server: the reference and clients use the origin they were loaded from.
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The accessToken from POST /api/v1/auth/login (valid 15 minutes).",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
            return Task.CompletedTask;
        }));

    /// <summary>Every problem carries the trace and request ids (see Program's problem details customisation).</summary>
    private static Task DescribeProblemExtensions(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(ProblemDetails) || context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "W3C trace id of the request." };
            schema.Properties["requestId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The X-Request-Id of the request." };
        }

        return Task.CompletedTask;
    }

    public static void MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(Path, options => options
                .WithTitle("Personal Assistant TDAH API")
                .WithOpenApiRoutePattern(DocumentPath)
                .DisableDefaultFonts())
            .AllowAnonymous();
    }
}
