using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace PersonalAssistant.Server.Common;

/// <summary>One page of a list, with the total so a client can show "21–40 of 130".</summary>
/// <param name="Items">This page's items.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="Total">Items across all pages.</param>
internal sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    /// <summary>The same page with each item turned into <typeparamref name="TResult"/>.</summary>
    public Paged<TResult> Map<TResult>(Func<T, TResult> map) => new(Items.Select(map).ToList(), Page, PageSize, Total);
}

/// <summary>Page number and size from the query string (defaults 1 and 20, at most 100 a page).</summary>
internal interface IPaged
{
    int? Page { get; }

    int? PageSize { get; }
}

internal static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static (int Page, int Size, int Skip) Resolve(this IPaged query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query.Page ?? 1;
        var size = query.PageSize ?? DefaultPageSize;
        return (page, size, (page - 1) * size);
    }

    /// <summary>
    /// Reads the requested page of an ordered query in one round trip: the total rides along as an uncorrelated
    /// subquery, which both databases compute once per statement. Only a page past the end (no rows to carry it) asks
    /// for the total again.
    /// </summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> ordered, IPaged query, CancellationToken cancellationToken)
    {
        var (page, size, skip) = query.Resolve();
        var rows = await ordered.Skip(skip).Take(size)
            .Select(item => new PageRow<T>(item, ordered.Count()))
            .ToListAsync(cancellationToken);
        var total = rows.Count > 0 ? rows[0].Total : skip == 0 ? 0 : await ordered.CountAsync(cancellationToken);
        return new Paged<T>([.. rows.Select(r => r.Item)], page, size, total);
    }

    private sealed record PageRow<T>(T Item, int Total);
}

/// <summary>Range checks shared by every paged query.</summary>
internal static class PagingLimits
{
    public const int MaxPage = 100_000;
}

/// <summary>Validates page and page size on any query record that carries them.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PageSizeAttribute() : RangeAttribute(1, Paging.MaxPageSize);
