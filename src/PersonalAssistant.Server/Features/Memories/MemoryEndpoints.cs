using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Memories;

/// <summary>A fact about the person that the assistant keeps ("my sister is Julie"); theirs to read, edit and delete.</summary>
internal sealed class Memory
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public required string Body { get; set; }

    /// <summary>user (asked to remember) or assistant (proposed from a conversation).</summary>
    public string Source { get; set; } = MemorySources.User;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal static class MemorySources
{
    public const string User = "user";
    public const string Assistant = "assistant";
}

internal sealed class MemoryConfiguration : IEntityTypeConfiguration<Memory>
{
    public const int MaxBodyLength = 1000;

    public void Configure(EntityTypeBuilder<Memory> builder)
    {
        builder.ToTable("Memories");
        builder.Property(m => m.Body).HasMaxLength(MaxBodyLength);
        builder.Property(m => m.Source).HasMaxLength(16);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.UserId, m.CreatedAt });
    }
}

/// <summary>What the assistant remembers about me: list, search, add, edit, delete.</summary>
internal static class MemoryEndpoints
{
    public const int MaxMemories = 1000;

    public static RouteGroupBuilder MapMemoryEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/memories").WithTags("Memory").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListMemories).WithName("ListMemories").WithSummary("What the assistant remembers about me, newest first").ProducesValidationProblem();
        group.MapPost("", CreateMemory).WithName("CreateMemory").WithSummary("Remember something").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:guid}", UpdateMemory).WithName("UpdateMemory").WithSummary("Correct a memory").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteMemory).WithName("DeleteMemory").WithSummary("Forget a memory");
        return group;
    }

    public static async Task<Ok<Paged<MemoryResponse>>> ListMemories([AsParameters] MemoryQuery query, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var memories = db.Memories.AsNoTracking().Where(m => m.UserId == userId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL (UPPER and a substring test) on both databases
            memories = memories.Where(m => m.Body.ToUpper().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        memories = memories.OrderByDescending(m => m.CreatedAt);
        return TypedResults.Ok(await memories.Select(m => new MemoryResponse(m.Id, m.Body, m.Source, m.CreatedAt, m.UpdatedAt))
            .ToPagedAsync(query, cancellationToken, Paging.TotalFor(query.Q)));
    }

    public static Task<Results<Created<MemoryResponse>, ProblemHttpResult>> CreateMemory(
        MemoryRequest request, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AddMemory(request, MemorySources.User, db, time, user, cancellationToken);

    /// <summary>Stores a fact; <paramref name="source"/> says whether the person wrote it or said yes to the assistant's proposal.</summary>
    public static async Task<Results<Created<MemoryResponse>, ProblemHttpResult>> AddMemory(
        MemoryRequest request, string source, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userId = user.UserId();
        if (await db.Memories.CountAsync(m => m.UserId == userId, cancellationToken) >= MaxMemories)
        {
            return TypedResults.Problem(title: "Memory full", detail: $"The assistant keeps up to {MaxMemories} facts; delete some you no longer need.", statusCode: StatusCodes.Status409Conflict);
        }

        var now = time.GetUtcNow();
        var memory = new Memory { UserId = userId, Body = request.Body.Trim(), Source = source, CreatedAt = now, UpdatedAt = now };
        db.Memories.Add(memory);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiRoutes.Prefix}/memories/{memory.Id}", new MemoryResponse(memory.Id, memory.Body, memory.Source, memory.CreatedAt, memory.UpdatedAt));
    }

    public static async Task<Results<Ok<MemoryResponse>, ProblemHttpResult>> UpdateMemory(
        Guid id, MemoryRequest request, AppDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var memory = await db.Memories.SingleOrDefaultAsync(m => m.Id == id && m.UserId == userId, cancellationToken);
        if (memory is null)
        {
            return NotFound();
        }

        memory.Body = request.Body.Trim();
        memory.Source = MemorySources.User;
        memory.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new MemoryResponse(memory.Id, memory.Body, memory.Source, memory.CreatedAt, memory.UpdatedAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteMemory(Guid id, AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var deleted = await db.Memories.Where(m => m.Id == id && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound() : TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Not found", detail: "No memory of yours has this id.", statusCode: StatusCodes.Status404NotFound);
}

/// <param name="Body">The fact, 1 to 1000 characters.</param>
internal sealed record MemoryRequest([property: Required, StringLength(MemoryConfiguration.MaxBodyLength, MinimumLength = 1)] string Body);

internal sealed record MemoryResponse(Guid Id, string Body, string Source, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record MemoryQuery : IPaged
{
    /// <summary>Words to find.</summary>
    [FromQuery(Name = "q")]
    [StringLength(200)]
    public string? Q { get; init; }

    [FromQuery(Name = "page")]
    [Range(1, PagingLimits.MaxPage)]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    [PageSize]
    public int? PageSize { get; init; }
}
