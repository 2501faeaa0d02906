using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// The one place exceptions become RFC 9457 problem details. Bad requests (malformed JSON, wrong content type,
/// oversized body, unreadable parameters) are the client's to fix and get a 4xx naming the problem; anything else
/// is logged and answered with a 500 that reveals nothing of the internals.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side.",
                Detail = "The error has been logged. Try again in a moment.",
            },
        };

        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        var endpoint = httpContext.GetEndpoint()?.DisplayName ?? "(no endpoint)";
        if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, endpoint);
        }
        else
        {
            LogRejected(logger, httpContext.Request.Method, endpoint, status);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Endpoint}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a bad request on {Method} {Endpoint}: {Status}")]
    private static partial void LogRejected(ILogger logger, string method, string endpoint, int status);

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        var status = exception.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status413PayloadTooLarge => ("The request body is too large.",
                "Send a smaller body; the limit is set by Http:MaxRequestBodyBytes."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported content type.",
                "Send the body as JSON with the header 'Content-Type: application/json'."),
            _ when FindJsonError(exception) is NulCharacterException nul => ("The request contains a NUL character.",
                $"The text at '{nul.FieldPath}' contains U+0000, which cannot be stored; remove it."),
            _ when FindJsonError(exception) is { } json => ("The request body is not valid JSON.", DescribeJsonError(json)),
            _ => ("The request is not valid.", exception.Message),
        };
        return new ProblemDetails { Status = status, Title = title, Detail = detail };
    }

    private static JsonException? FindJsonError(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    // The position is enough to fix the body; the raw message would name .NET types.
    private static string DescribeJsonError(JsonException json) =>
        json.Path is { Length: > 0 } path
            ? $"The value at '{path}' (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}) could not be read."
            : "The body could not be read as JSON.";
}
