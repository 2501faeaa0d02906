using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.PersonalData;

namespace PersonalAssistant.Server.Features.Memories;

/// <summary>
/// The memories feature's public API, for its endpoints, the assistant's tools and undo alike: every method takes the
/// person it acts for, checks its own input, scopes every statement to that person (another person's id is not found)
/// and answers an <see cref="Outcome{T}"/> whose texts are in the person's language.
/// </summary>
internal sealed class MemoryService(AppDbContext db, TimeProvider time)
{
    public const int MaxMemories = 1000;

    /// <summary>What the assistant remembers about the person, newest first; only what contains the words when asked.</summary>
    public async Task<Outcome<Paged<MemoryResponse>>> ListAsync(PersonNow person, MemoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(query);
        if (Failure.Check(query, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var memories = db.Memories.AsNoTracking().Where(m => m.UserId == person.UserId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL (UPPER and a substring test) on both databases
            memories = memories.Where(m => m.Body.ToUpper().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        memories = memories.OrderByDescending(m => m.CreatedAt);
        return await memories.Select(m => new MemoryResponse(m.Id, m.Body, m.Source, m.CreatedAt, m.UpdatedAt))
            .ToPagedAsync(query, cancellationToken, Paging.TotalFor(query.Q));
    }

    /// <summary>The person's latest facts, newest first, for finding one by its words.</summary>
    public async Task<IReadOnlyList<MemoryResponse>> RecentAsync(PersonNow person, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return await db.Memories.AsNoTracking().Where(m => m.UserId == person.UserId).OrderByDescending(m => m.CreatedAt)
            .Take(Math.Clamp(limit, 1, MaxMemories))
            .Select(m => new MemoryResponse(m.Id, m.Body, m.Source, m.CreatedAt, m.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Whether the person already has this exact fact (its words trimmed).</summary>
    public async Task<bool> HasAsync(PersonNow person, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(body);
        var trimmed = body.Trim();
        return await db.Memories.AnyAsync(m => m.UserId == person.UserId && m.Body == trimmed, cancellationToken);
    }

    /// <summary>
    /// Stores a fact; <paramref name="source"/> (<see cref="MemorySources"/>) says whether the person wrote it or said
    /// yes to the assistant's proposal.
    /// </summary>
    public async Task<Outcome<MemoryResponse>> AddAsync(PersonNow person, MemoryRequest request, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        if (await db.Memories.CountAsync(m => m.UserId == person.UserId, cancellationToken) >= MaxMemories)
        {
            return Failure.Conflict(person.Locale, "Memories.Full.Title", "Memories.Full.Detail", MaxMemories);
        }

        var now = time.GetUtcNow();
        var memory = new Memory { UserId = person.UserId, Body = request.Body.Trim(), Source = source, CreatedAt = now, UpdatedAt = now };
        db.Memories.Add(memory);
        await db.SaveChangesAsync(cancellationToken);
        return Response(memory);
    }

    /// <summary>Corrects a fact; it is the person's own from then on.</summary>
    public async Task<Outcome<MemoryResponse>> UpdateAsync(PersonNow person, Guid id, MemoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(request);
        if (Failure.Check(request, person.Locale) is { } invalid)
        {
            return invalid;
        }

        var memory = await db.Memories.SingleOrDefaultAsync(m => m.Id == id && m.UserId == person.UserId, cancellationToken);
        if (memory is null)
        {
            return NotFound(person);
        }

        memory.Body = request.Body.Trim();
        memory.Source = MemorySources.User;
        memory.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Response(memory);
    }

    public async Task<Outcome<Done>> DeleteAsync(PersonNow person, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var deleted = await db.Memories.Where(m => m.Id == id && m.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(person) : default(Done);
    }

    private static MemoryResponse Response(Memory memory) => new(memory.Id, memory.Body, memory.Source, memory.CreatedAt, memory.UpdatedAt);

    private static Failure NotFound(PersonNow person) => Failure.NotFound(person.Locale, "Memories.NotFound");
}

internal static class MemoriesRegistration
{
    public static IServiceCollection AddMemories(this IServiceCollection services)
    {
        services.AddScoped<MemoryService>();
        services.AddPersonalData("memories.json", "Exports.File.Memories", (db, userId) => db.Memories.AsNoTracking()
            .Where(m => m.UserId == userId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Body, m.Source, m.CreatedAt, m.UpdatedAt }));
        return services;
    }
}
