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
    /// Reads the requested page of an ordered query. The total costs a COUNT only when the page does not tell it: a
    /// page that is not full (and not past the end) ends the list, which is the common case of a person's short lists.
    /// </summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> ordered, IPaged query, CancellationToken cancellationToken)
    {
        var (page, size, skip) = query.Resolve();
        var items = await ordered.Skip(skip).Take(size).ToListAsync(cancellationToken);
        var total = items.Count < size && (items.Count > 0 || skip == 0) ? skip + items.Count : await ordered.CountAsync(cancellationToken);
        return new Paged<T>(items, page, size, total);
    }
}

/// <summary>Range checks shared by every paged query.</summary>
internal static class PagingLimits
{
    public const int MaxPage = 100_000;
}

/// <summary>Validates page and page size on any query record that carries them.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PageSizeAttribute() : RangeAttribute(1, Paging.MaxPageSize);
