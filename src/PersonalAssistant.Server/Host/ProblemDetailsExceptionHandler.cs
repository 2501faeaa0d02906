using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Messaging.Sms;

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

        var locale = RequestLocale.Of(httpContext);
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad, locale),
            // The SMS provider failed while a request was sending a text (a verification code): say so, not "server error".
            SmsPermanentException => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = Texts.Get(locale, "Problem.SmsRefused.Title"),
                Detail = Texts.Get(locale, "Problem.SmsRefused.Detail"),
            },
            SmsTransientException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = Texts.Get(locale, "Problem.SmsUnavailable.Title"),
                Detail = Texts.Get(locale, "Problem.SmsUnavailable.Detail"),
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = Texts.Get(locale, "Problem.ServerError.Title"),
                Detail = Texts.Get(locale, "Problem.ServerError.Detail"),
            },
        };

        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        var endpoint = httpContext.GetEndpoint()?.DisplayName ?? "(no endpoint)";
        if (status >= 500 && exception is SmsTransientException)
        {
            LogSmsUnavailable(logger, httpContext.Request.Method, endpoint);
        }
        else if (status >= 500)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMS provider could not take a text sent by {Method} {Endpoint}")]
    private static partial void LogSmsUnavailable(ILogger logger, string method, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a bad request on {Method} {Endpoint}: {Status}")]
    private static partial void LogRejected(ILogger logger, string method, string endpoint, int status);

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception, string locale)
    {
        var status = exception.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status413PayloadTooLarge => (Texts.Get(locale, "Problem.TooLarge.Title"), Texts.Get(locale, "Problem.TooLarge.Detail")),
            StatusCodes.Status415UnsupportedMediaType => (Texts.Get(locale, "Problem.MediaType.Title"), Texts.Get(locale, "Problem.MediaType.Detail")),
            _ when exception is NulQueryException => (Texts.Get(locale, "Problem.Nul.Title"), Texts.Get(locale, "Problem.NulQuery.Detail")),
            _ when FindJsonError(exception) is NulCharacterException nul => (Texts.Get(locale, "Problem.Nul.Title"),
                Texts.Format(locale, "Problem.Nul.Detail", nul.FieldPath)),
            _ when FindJsonError(exception) is { } json => (Texts.Get(locale, "Problem.Json.Title"), DescribeJsonError(json, locale)),
            // The framework's own message names the parameter that could not be bound (in English: it comes from ASP.NET Core).
            _ => (Texts.Get(locale, "Problem.BadRequest.Title"), exception.Message),
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
    private static string DescribeJsonError(JsonException json, string locale) =>
        json.Path is { Length: > 0 } path
            ? Texts.Format(locale, "Problem.Json.At", path, json.LineNumber + 1, json.BytePositionInLine + 1)
            : Texts.Get(locale, "Problem.Json.Body");
}
