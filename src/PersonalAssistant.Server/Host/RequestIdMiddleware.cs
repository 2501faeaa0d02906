using System.Buffers;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// Gives every request an id, echoed in <c>X-Request-Id</c> and carried by every log line of the request. A caller's
/// id is kept when it is a sane token (so a proxy's id correlates end to end) and replaced otherwise, so that a
/// hostile header never reaches the logs.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-Id";
    private const int MaxLength = 64;
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:");

    public async Task InvokeAsync(HttpContext context)
    {
        var supplied = context.Request.Headers[HeaderName];
        var requestId = supplied.Count == 1 && IsSaneToken(supplied[0]) ? supplied[0]! : Ids.NewV7().ToString("N");
        context.TraceIdentifier = requestId;

        // OnStarting survives the exception handler clearing the response, so error responses carry it too.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId }))
        {
            await next(context);
        }
    }

    internal static bool IsSaneToken(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && !value.AsSpan().ContainsAnyExcept(TokenCharacters);
}
