using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Common.RateLimiting;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Localization;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// Conversations with the assistant: list and search, create, rename, archive, delete; messages with cursor paging;
/// sending a message answers 202 at once and the reply streams over <see cref="AssistantHub"/>.
/// </summary>
internal static class ConversationEndpoints
{
    public const int MaxWaitSeconds = 30;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapConversationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/conversations").WithTags("Assistant").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListConversations).WithName("ListConversations").WithSummary("My conversations, latest first; q searches the messages").ProducesValidationProblem();
        group.MapPost("", CreateConversation).WithName("CreateConversation").WithSummary("Start a conversation").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetConversation).WithName("GetConversation").WithSummary("Read a conversation");
        group.MapPatch("/{id:guid}", UpdateConversation).WithName("UpdateConversation").WithSummary("Rename or archive a conversation").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteConversation).WithName("DeleteConversation").WithSummary("Delete a conversation and its messages");
        group.MapGet("/{id:guid}/messages", ListMessages).WithName("ListMessages")
            .WithSummary("Messages, newest page first, oldest first within a page")
            .WithDescription("Pass the page's `nextBefore` as `before` for the older page; new messages never shift a page.")
            .ProducesValidationProblem();
        group.MapPost("/{id:guid}/messages", SendMessage).WithName("SendMessage")
            .WithSummary("Say something to the assistant")
            .WithDescription("Answers 202 with the message id at once; the reply streams over the `/hubs/assistant` SignalR hub and can be read here once complete. "
                + "With `Prefer: wait=N` (N ≤ 30 seconds) the answer waits for the reply and returns both messages with 200.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    public static async Task<Ok<Paged<ConversationResponse>>> ListConversations(
        [AsParameters] ConversationQuery query, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var conversations = db.Conversations.AsNoTracking().Where(c => c.UserId == userId && c.Archived == (query.Archived ?? false));
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL (UPPER and a substring test) on both databases
            conversations = conversations.Where(c => (c.Title != null && c.Title.ToUpper().Contains(term))
                || db.ConversationMessages.Any(m => m.UserId == userId && m.ConversationId == c.Id && m.Text.ToUpper().Contains(term)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var found = await conversations.OrderByDescending(c => c.UpdatedAt).ToPagedAsync(query, cancellationToken, Paging.TotalFor(query.Q));
        return TypedResults.Ok(found.Map(ConversationResponse.From));
    }

    public static async Task<Created<ConversationResponse>> CreateConversation(
        CreateConversationRequest? request, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var conversation = new Conversation { UserId = user.UserId(), Title = request?.Title?.Trim() is { Length: > 0 } title ? title : null, CreatedAt = now, UpdatedAt = now };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Prefix}/conversations/{conversation.Id}", ConversationResponse.From(conversation));
    }

    public static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GetConversation(
        Guid id, AppDbContext db, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);
        return conversation is null ? NotFound(RequestLocale.Of(context)) : TypedResults.Ok(ConversationResponse.From(conversation));
    }

    public static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> UpdateConversation(
        Guid id, UpdateConversationRequest request, AppDbContext db, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);
        if (conversation is null)
        {
            return NotFound(RequestLocale.Of(context));
        }

        conversation.Title = request.Title?.Trim() is { Length: > 0 } title ? title : conversation.Title;
        conversation.Archived = request.Archived ?? conversation.Archived;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ConversationResponse.From(conversation));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteConversation(Guid id, AppDbContext db, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var deleted = await db.Conversations.Where(c => c.Id == id && c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(RequestLocale.Of(context)) : TypedResults.NoContent();
    }

    // Compiled once: a page of messages is a hot read (the web app's chat), and EF Core's per-call translation work
    // cost more than the statement (issue 21). A null "before" drops its condition from the SQL.
    private static readonly Func<AppDbContext, Guid, Guid, long?, int, IAsyncEnumerable<ConversationMessage>> MessagePageQuery = EF.CompileAsyncQuery(
        (AppDbContext db, Guid id, Guid userId, long? before, int take) => db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == id && m.UserId == userId && (before == null || m.Id < before))
            .OrderByDescending(m => m.Id).Take(take));

    public static async Task<Results<Ok<MessagePage>, ProblemHttpResult>> ListMessages(
        Guid id, [AsParameters] MessageQuery query, AppDbContext db, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var limit = query.Limit ?? 50;
        // One statement for a page with messages (they are the person's, so the conversation is); only an empty page
        // asks whether the conversation is theirs at all.
        var page = new List<ConversationMessage>(limit + 1);
        await foreach (var message in MessagePageQuery(db, id, userId, query.Before, limit + 1).WithCancellation(cancellationToken))
        {
            page.Add(message);
        }

        if (page.Count == 0 && !await db.Conversations.AnyAsync(c => c.Id == id && c.UserId == userId, cancellationToken))
        {
            return NotFound(RequestLocale.Of(context));
        }

        var hasOlder = page.Count > limit;
        var items = page.Take(limit).Reverse().Select(MessageResponse.From).ToList();
        return TypedResults.Ok(new MessagePage(items, hasOlder ? items[0].Id : null));
    }

    public static async Task<Results<Accepted<MessageAccepted>, Ok<TurnResponse>, ProblemHttpResult>> SendMessage(
        Guid id, SendMessageRequest request, AppDbContext db, AssistantTurnQueue turns, RateLimits limits, TimeProvider time, HttpContext context,
        CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);
        if (conversation is null)
        {
            return NotFound(RequestLocale.Of(context));
        }

        var decision = await limits.AcquireAsync(RateLimitKind.AssistantTurnsPerAccount, userId.ToString(), cancellationToken);
        if (!decision.IsAllowed)
        {
            return decision.ToProblem(context);
        }

        if (request.ReplyTo is { } replyTo && !await db.ConversationMessages.AnyAsync(m => m.Id == replyTo && m.ConversationId == id && m.UserId == userId, cancellationToken))
        {
            return Problems.Of(RequestLocale.Of(context), StatusCodes.Status404NotFound, "Problem.NotFound.Title", "Conversations.ReplyToNotFound.Detail");
        }

        var message = ConversationMessage.FromPerson(conversation, request.Text, request.ReplyTo, time.GetUtcNow());
        db.ConversationMessages.Add(message);
        conversation.Title ??= Titled(message.Text);
        await db.SaveChangesAsync(cancellationToken);

        var reply = turns.Enqueue(userId, id, message.Id);
        var accepted = new MessageAccepted(message.Id, id);
        var location = $"{ApiRoutes.Prefix}/conversations/{id}/messages";
        if (WaitSeconds(context.Request.Headers["Prefer"].ToString()) is not { } wait)
        {
            return TypedResults.Accepted(location, accepted);
        }

        try
        {
            var answer = await reply.WaitAsync(TimeSpan.FromSeconds(wait), cancellationToken);
            context.Response.Headers["Preference-Applied"] = $"wait={wait.ToString(CultureInfo.InvariantCulture)}";
            return answer is null ? TypedResults.Accepted(location, accepted) : TypedResults.Ok(new TurnResponse(MessageResponse.From(message), answer));
        }
        catch (TimeoutException)
        {
            return TypedResults.Accepted(location, accepted);
        }
    }

    /// <summary>The seconds of an RFC 7240 <c>Prefer: wait=N</c>, capped; null without one.</summary>
    public static int? WaitSeconds(string prefer)
    {
        foreach (var part in prefer.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("wait=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(part.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return Math.Clamp(seconds, 0, MaxWaitSeconds);
            }
        }

        return null;
    }

    private static string Titled(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 60 ? line : line[..59] + "…";
    }

    private static ProblemHttpResult NotFound(string locale) =>
        Problems.Of(locale, StatusCodes.Status404NotFound, "Problem.NotFound.Title", "Conversations.NotFound.Detail");

    internal static IReadOnlyList<ActionTaken> ActionsOf(ConversationMessage message) =>
        message.Actions is null ? [] : JsonSerializer.Deserialize<List<ActionTaken>>(message.Actions, Json) ?? [];
}

/// <param name="Title">Optional; the first message names the conversation otherwise.</param>
internal sealed record CreateConversationRequest([property: StringLength(ConversationConfiguration.MaxTitleLength)] string? Title = null);

/// <param name="Title">A new title.</param>
/// <param name="Archived">Archive (true) or bring back (false).</param>
internal sealed record UpdateConversationRequest(
    [property: StringLength(ConversationConfiguration.MaxTitleLength, MinimumLength = 1)] string? Title = null,
    bool? Archived = null);

/// <param name="Text">What the person says, 1 to 4000 characters.</param>
/// <param name="ReplyTo">The message of this conversation it answers (a thread).</param>
internal sealed record SendMessageRequest(
    [property: Required, StringLength(ConversationMessageConfiguration.MaxTextLength, MinimumLength = 1)] string Text,
    long? ReplyTo = null);

internal sealed record MessageAccepted(long MessageId, Guid ConversationId);

/// <summary>The person's message and the assistant's reply.</summary>
internal sealed record TurnResponse(MessageResponse Message, MessageResponse Reply);

/// <summary>A page of messages, oldest first; <c>nextBefore</c> fetches the older page (null at the start).</summary>
internal sealed record MessagePage(IReadOnlyList<MessageResponse> Items, long? NextBefore);

/// <summary>One message.</summary>
/// <param name="Id">Increasing in the order messages were added.</param>
/// <param name="ConversationId">Its conversation.</param>
/// <param name="Role">user or assistant.</param>
/// <param name="Channel">web or sms.</param>
/// <param name="Text">What was said.</param>
/// <param name="ReplyTo">The message it answers.</param>
/// <param name="Actions">What the assistant did in this turn.</param>
/// <param name="CreatedAt">When it was added (UTC).</param>
internal sealed record MessageResponse(long Id, Guid ConversationId, string Role, string Channel, string Text, long? ReplyTo, IReadOnlyList<ActionTaken> Actions, DateTimeOffset CreatedAt)
{
    public static MessageResponse From(ConversationMessage m) =>
        new(m.Id, m.ConversationId, m.Role, m.Channel, m.Text, m.ReplyToId, ConversationEndpoints.ActionsOf(m), m.CreatedAt);
}

/// <summary>A conversation.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Title">From the first message unless renamed.</param>
/// <param name="Channel">web or sms: each channel keeps its own conversations.</param>
/// <param name="Archived">Hidden from the default list.</param>
/// <param name="AwaitingAnswer">True while the assistant waits for an answer to its question (yes/no, which time).</param>
/// <param name="CreatedAt">When it started (UTC).</param>
/// <param name="UpdatedAt">When the last message was added (UTC).</param>
internal sealed record ConversationResponse(Guid Id, string? Title, string Channel, bool Archived, bool AwaitingAnswer, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ConversationResponse From(Conversation c) => new(c.Id, c.Title, c.Channel, c.Archived, DialogueState.AwaitsAnswer(c.Pending), c.CreatedAt, c.UpdatedAt);
}

internal sealed record ConversationQuery : IPaged
{
    /// <summary>Words to find in the titles and messages.</summary>
    [FromQuery(Name = "q")]
    [StringLength(200)]
    public string? Q { get; init; }

    /// <summary>Archived conversations instead of the current ones.</summary>
    [FromQuery(Name = "archived")]
    public bool? Archived { get; init; }

    [FromQuery(Name = "page")]
    [Range(1, PagingLimits.MaxPage)]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    [PageSize]
    public int? PageSize { get; init; }
}

internal sealed record MessageQuery
{
    /// <summary>Only messages older than this id (the previous page's <c>nextBefore</c>).</summary>
    [FromQuery(Name = "before")]
    [Range(1, long.MaxValue)]
    public long? Before { get; init; }

    /// <summary>1 to 100 (default 50).</summary>
    [FromQuery(Name = "limit")]
    [Range(1, 100)]
    public int? Limit { get; init; }
}
