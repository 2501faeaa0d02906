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
            .AddOperationTransformer(DescribeCsvAlternative)
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

    /// <summary>
    /// Marks an endpoint whose 200 answer is also CSV (<c>?format=csv</c>): a second <c>Produces</c> for the same status would
    /// replace the JSON description, so the CSV form is added to it instead.
    /// </summary>
    public static RouteHandlerBuilder ProducesCsvToo(this RouteHandlerBuilder builder) => builder.WithMetadata(new CsvAlternative());

    private static Task DescribeCsvAlternative(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<CsvAlternative>().Any()
            && operation.Responses?.TryGetValue("200", out var answer) == true && answer is OpenApiResponse ok)
        {
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        return Task.CompletedTask;
    }

    private sealed record CsvAlternative;

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
