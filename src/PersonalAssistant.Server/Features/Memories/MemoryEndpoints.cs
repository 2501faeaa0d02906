using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

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

/// <summary>
/// What the assistant remembers about me: list, search, add, edit, delete. The HTTP face of <see cref="MemoryService"/>,
/// which does the work, checks and owner scoping; another person's id is a 404.
/// </summary>
internal static class MemoryEndpoints
{
    public static RouteGroupBuilder MapMemoryEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/memories").WithTags("Memory").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListMemories).WithName("ListMemories").WithSummary("What the assistant remembers about me, newest first").ProducesValidationProblem();
        group.MapPost("", CreateMemory).WithName("CreateMemory").WithSummary("Remember something").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:guid}", UpdateMemory).WithName("UpdateMemory").WithSummary("Correct a memory").ProducesValidationProblem();
        group.MapDelete("/{id:guid}", DeleteMemory).WithName("DeleteMemory").WithSummary("Forget a memory");
        return group;
    }

    public static async Task<Ok<Paged<MemoryResponse>>> ListMemories(
        [AsParameters] MemoryQuery query, PersonNow person, MemoryService memories, CancellationToken cancellationToken) =>
        TypedResults.Ok((await memories.ListAsync(person, query, cancellationToken)).Checked());

    public static async Task<Results<Created<MemoryResponse>, ProblemHttpResult>> CreateMemory(
        MemoryRequest request, PersonNow person, MemoryService memories, CancellationToken cancellationToken)
    {
        var outcome = await memories.AddAsync(person, request, MemorySources.User, cancellationToken);
        return outcome.Value is { } memory
            ? TypedResults.Created($"{ApiRoutes.Prefix}/memories/{memory.Id}", memory)
            : OutcomeResults.Problem(outcome.Failure!);
    }

    public static async Task<Results<Ok<MemoryResponse>, ProblemHttpResult>> UpdateMemory(
        Guid id, MemoryRequest request, PersonNow person, MemoryService memories, CancellationToken cancellationToken) =>
        (await memories.UpdateAsync(person, id, request, cancellationToken)).ToFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteMemory(
        Guid id, PersonNow person, MemoryService memories, CancellationToken cancellationToken) =>
        (await memories.DeleteAsync(person, id, cancellationToken)).ToNoContent();
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
