using Microsoft.AspNetCore.Http.HttpResults;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Common;

/// <summary>Why a feature service did not do what it was asked; the texts are already in the person's language.</summary>
internal enum FailureKind
{
    /// <summary>Input breaks a rule; <see cref="Failure.Errors"/> names each field (HTTP 400).</summary>
    Invalid,

    /// <summary>Nothing of the person's has that id (HTTP 404: another person's item is not found either).</summary>
    NotFound,

    /// <summary>The request clashes with what is stored: a duplicate name, a full list (HTTP 409).</summary>
    Conflict,

    /// <summary>The person may not do this now, e.g. before confirming their email (HTTP 403).</summary>
    Forbidden,

    /// <summary>It existed and is gone for good: a download already taken or expired (HTTP 410).</summary>
    Gone,

    /// <summary>Asked too often; <see cref="Failure.RetryAfter"/> says when to try again (HTTP 429).</summary>
    TooMany,
}

/// <summary>A service's refusal: its kind, a title and a detail for people, and for <see cref="FailureKind.Invalid"/> the field errors.</summary>
internal sealed record Failure(FailureKind Kind, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>For <see cref="FailureKind.TooMany"/>: how long until the limit lets the person in again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>One line for a chat reply or a text message: the field errors, or the detail.</summary>
    public string Summary => Errors is { Count: > 0 } errors ? string.Join(" ", errors.SelectMany(e => e.Value)) : Detail;

    /// <summary>Nothing of the person's has that id; <paramref name="detailKey"/> says what was looked for.</summary>
    public static Failure NotFound(string locale, string detailKey) =>
        new(FailureKind.NotFound, Texts.Get(locale, "Problem.NotFound.Title"), Texts.Get(locale, detailKey));

    /// <summary>One field breaks a rule.</summary>
    public static Failure Invalid(string locale, string field, string key, params object?[] values) =>
        Invalid(locale, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [Texts.Format(locale, key, values)] });

    /// <summary>Fields break rules (messages already in the locale's words).</summary>
    public static Failure Invalid(string locale, IReadOnlyDictionary<string, string[]> errors) =>
        new(FailureKind.Invalid, Texts.Get(locale, "Problem.Invalid.Title"), Texts.Get(locale, "Problem.Invalid.Detail"), errors);

    /// <summary>The data-annotation rules of a request, checked the way the endpoints check them; null when it is valid.</summary>
    public static Failure? Check(object request, string locale) =>
        RequestValidationFilter.Check(request, locale) is { } errors ? Invalid(locale, errors) : null;

    /// <summary>The request clashes with what is stored.</summary>
    public static Failure Conflict(string locale, string titleKey, string detailKey, params object?[] values) =>
        new(FailureKind.Conflict, Texts.Get(locale, titleKey), Texts.Format(locale, detailKey, values));

    /// <summary>What was asked for existed and is gone for good.</summary>
    public static Failure Gone(string locale, string titleKey, string detailKey, params object?[] values) =>
        new(FailureKind.Gone, Texts.Get(locale, titleKey), Texts.Format(locale, detailKey, values));

    /// <summary>Asked too often: the standard 429 words, with when to try again.</summary>
    public static Failure TooMany(string locale, TimeSpan retryAfter) =>
        new(FailureKind.TooMany, Texts.Get(locale, "Problem.TooMany.Title"),
            Texts.Format(locale, "Problem.TooMany.Detail", RateLimiting.RateLimitDecision.RetryAfterSeconds(retryAfter)))
        { RetryAfter = retryAfter };

    /// <summary>The person may not do this now.</summary>
    public static Failure Forbidden(string locale, string titleKey, string detailKey, params object?[] values) =>
        new(FailureKind.Forbidden, Texts.Get(locale, titleKey), Texts.Format(locale, detailKey, values));
}

/// <summary>Marks a service call that succeeds with nothing to return (a delete).</summary>
internal readonly record struct Done;

/// <summary>
/// What a feature service answers: the value, or a <see cref="Failure"/>. Endpoints turn it into HTTP
/// (<see cref="OutcomeResults"/>); the assistant's tools, undo, jobs and SMS commands into their own answers. A
/// service never returns an HTTP type.
/// </summary>
internal readonly record struct Outcome<T>
{
    private Outcome(T? value, Failure? failure) => (Value, Failure) = (value, failure);

    public T? Value { get; }

    public Failure? Failure { get; }

    public bool Succeeded => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure ?? throw new ArgumentNullException(nameof(failure)));
}

/// <summary>
/// The one translation of a service outcome into an HTTP answer: every failure is a problem-details response with
/// its status (field errors as a validation problem, status 400). The unions keep each endpoint's declared responses.
/// </summary>
internal static class OutcomeResults
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToOk<T>(this Outcome<T> outcome) =>
        outcome.Failure is { } failure ? Problem(failure) : TypedResults.Ok(outcome.Value);

    public static Results<Ok<T>, ProblemHttpResult> ToFound<T>(this Outcome<T> outcome) =>
        outcome.Failure is { } failure ? Problem(failure) : TypedResults.Ok(outcome.Value);

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreated<T>(this Outcome<T> outcome, Func<T, string> location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return outcome.Failure is { } failure ? Problem(failure) : TypedResults.Created(location(outcome.Value!), outcome.Value);
    }

    public static Results<NoContent, ProblemHttpResult> ToNoContent(this Outcome<Done> outcome) =>
        outcome.Failure is { } failure ? Problem(failure) : TypedResults.NoContent();

    /// <summary>For an endpoint whose only refusal is invalid input (its union declares no other problem).</summary>
    public static Results<Ok<T>, ValidationProblem> ToOkOrInvalid<T>(this Outcome<T> outcome) =>
        outcome.Failure is { } failure ? Invalid(failure) : TypedResults.Ok(outcome.Value);

    /// <summary>For a create endpoint whose only refusal is invalid input.</summary>
    public static Results<Created<T>, ValidationProblem> ToCreatedOrInvalid<T>(this Outcome<T> outcome, Func<T, string> location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return outcome.Failure is { } failure ? Invalid(failure) : TypedResults.Created(location(outcome.Value!), outcome.Value);
    }

    /// <summary>For a delete endpoint that also refuses invalid input.</summary>
    public static Results<NoContent, ValidationProblem, ProblemHttpResult> ToNoContentOrProblem(this Outcome<Done> outcome) =>
        outcome.Failure is { } failure ? Problem(failure) : TypedResults.NoContent();

    /// <summary>A refusal of input as a validation problem (its title, detail and field errors).</summary>
    private static ValidationProblem Invalid(Failure failure) => failure.Kind == FailureKind.Invalid
        ? TypedResults.ValidationProblem(failure.Errors ?? new Dictionary<string, string[]>(StringComparer.Ordinal), failure.Detail, title: failure.Title)
        : throw new InvalidOperationException($"A {failure.Kind} failure has no place in a union that declares invalid input only.");

    /// <summary>
    /// The value, for an endpoint that declares no refusal because the request filter checks, before the handler runs,
    /// every rule the service checks: a failure here is a defect, and the exception handler answers it.
    /// </summary>
    public static T Checked<T>(this Outcome<T> outcome) =>
        outcome.Failure is { } failure ? throw new InvalidOperationException($"A request the filter had accepted was refused: {failure.Kind}.") : outcome.Value!;

    /// <summary>A failure as a problem: field errors as a validation problem, the rest with their status.</summary>
    public static ProblemHttpResult Problem(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var status = failure.Kind switch
        {
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Conflict => StatusCodes.Status409Conflict,
            FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            FailureKind.Gone => StatusCodes.Status410Gone,
            FailureKind.TooMany => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        };
        var problem = failure.Errors is { Count: > 0 } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary(StringComparer.Ordinal))
            : new Microsoft.AspNetCore.Mvc.ProblemDetails();
        problem.Status = status;
        problem.Title = failure.Title;
        problem.Detail = failure.Detail;
        return TypedResults.Problem(problem);
    }
}
