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
    /// Reads the requested page of an ordered query. With <see cref="PageTotal.InStatement"/> the total rides along as an
    /// uncorrelated subquery, which both databases compute once per statement: one round trip. With
    /// <see cref="PageTotal.WhenFull"/> a page that is not full (and not past the end) tells the total itself and only a
    /// full page costs a second COUNT. Either way a page past the end asks for the total again.
    /// </summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(
        this IQueryable<T> ordered, IPaged query, CancellationToken cancellationToken, PageTotal total = PageTotal.InStatement)
    {
        var (page, size, skip) = query.Resolve();
        var window = ordered.Skip(skip).Take(size);
        if (total == PageTotal.WhenFull)
        {
            var items = await window.ToListAsync(cancellationToken);
            return new Paged<T>(items, page, size, await TotalWhenFullAsync(skip, size, items.Count, () => ordered.CountAsync(cancellationToken)));
        }

        var rows = await window.Select(item => new PageRow<T>(item, ordered.Count())).ToListAsync(cancellationToken);
        return await rows.ToPagedAsync(query, () => ordered.CountAsync(cancellationToken));
    }

    /// <summary>
    /// The total of a list read one page at a time without it (<see cref="PageTotal.WhenFull"/>): a page of
    /// <paramref name="read"/> items that is not full (and not past the end) tells it; otherwise <paramref name="count"/>.
    /// </summary>
    public static async Task<int> TotalWhenFullAsync(int skip, int size, int read, Func<Task<int>> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        return read < size && (read > 0 || skip == 0) ? skip + read : await count();
    }

    /// <summary>
    /// A page from rows that carry the list's total (<see cref="PageTotal.InStatement"/>, for a compiled query that
    /// selects <see cref="PageRow{T}"/>): only a page past the end asks <paramref name="count"/>.
    /// </summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IReadOnlyList<PageRow<T>> rows, IPaged query, Func<Task<int>> count)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(count);
        var (page, size, skip) = query.Resolve();
        var total = rows.Count > 0 ? rows[0].Total : skip == 0 ? 0 : await count();
        return new Paged<T>([.. rows.Select(r => r.Item)], page, size, total);
    }

    /// <summary>
    /// <see cref="PageTotal.WhenFull"/> when the list is filtered by a substring search (which reads every row it
    /// considers, so a count in the same statement would read them all twice), else <see cref="PageTotal.InStatement"/>.
    /// </summary>
    public static PageTotal TotalFor(string? search) => string.IsNullOrWhiteSpace(search) ? PageTotal.InStatement : PageTotal.WhenFull;
}

/// <summary>One item of a page with the total of its list, computed in the page's own statement.</summary>
internal sealed record PageRow<T>(T Item, int Total);

/// <summary>How a page learns the total of its list.</summary>
internal enum PageTotal
{
    /// <summary>In the page's own statement: one round trip, for filters an index answers.</summary>
    InStatement,

    /// <summary>From a page that is not full, else a second COUNT: for filters that read every row they consider.</summary>
    WhenFull,
}

/// <summary>Range checks shared by every paged query.</summary>
internal static class PagingLimits
{
    public const int MaxPage = 100_000;
}

/// <summary>Validates page and page size on any query record that carries them.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PageSizeAttribute() : RangeAttribute(1, Paging.MaxPageSize);
