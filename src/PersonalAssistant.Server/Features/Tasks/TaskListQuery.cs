using System.Collections.Concurrent;
using System.Linq.Expressions;
using LinqKit;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// A page of a task list as one compiled query per list shape (the view, and whether it lists a task's steps): the
/// today view and the other lists are the hottest reads, and EF Core's per-call work on a LINQ query (walking the tree
/// for its parameters, looking the translation up) cost more than the statement itself (issue 21). The optional filters
/// (status, tag, words) are parameters: EF Core drops a <c>@p IS NULL OR …</c> branch when the parameter is null, so
/// each combination still gets its own plain SQL. The pieces that differ by shape are spliced in with LinqKit's
/// <c>Expand</c>, so each rule is written once.
/// </summary>
internal static class TaskListQuery
{
    /// <summary>The list's filters and window, as the compiled query's parameters.</summary>
    internal sealed record Arguments(
        Guid UserId, Guid? Parent, string? Status, string? Tag, string? Words, DateOnly Today, DateTimeOffset Now, int Skip, int Take);

    private delegate IAsyncEnumerable<TaskRow> PageQuery(
        AppDbContext db, Guid userId, Guid? parent, string? status, string? tag, string? words, DateOnly today, DateTimeOffset now, int skip, int take);

    private delegate Task<int> CountQuery(
        AppDbContext db, Guid userId, Guid? parent, string? status, string? tag, string? words, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken);

    private sealed record Shape(PageQuery Page, CountQuery Count);

    private static readonly ConcurrentDictionary<(string? View, bool Steps), Shape> Shapes = new();

    /// <summary>The tasks a view keeps, in the person's zone (<c>today</c> is their date, <c>now</c> the instant).</summary>
    private static Expression<Func<TaskItem, DateOnly, DateTimeOffset, bool>> InView(string? view) => view switch
    {
        TaskViews.Today => (t, today, now) => t.DueDate == today,
        TaskViews.Overdue => (t, today, now) => t.DueDate < today || (t.DueDate == today && t.DueAt != null && t.DueAt < now),
        TaskViews.Upcoming => (t, today, now) => t.DueDate > today,
        TaskViews.Someday => (t, today, now) => t.DueDate == null,
        _ => (t, today, now) => true,
    };

    /// <summary>With a status, that status; else with a view, the unfinished tasks; else every task.</summary>
    private static Expression<Func<TaskItem, string?, bool>> HasStatus(string? view) => view is null
        ? (t, status) => status == null || t.Status == status
        : (t, status) => status == null ? t.Status == TaskStatuses.Open || t.Status == TaskStatuses.InProgress : t.Status == status;

    /// <summary>Steps in their order; top-level tasks soonest due first, then high priority first and low last, then oldest.</summary>
    private static Expression<Func<IQueryable<TaskItem>, IOrderedQueryable<TaskItem>>> InOrder(bool steps) => steps
        ? tasks => tasks.OrderBy(t => t.Position).ThenBy(t => t.CreatedAt)
        : tasks => tasks.OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.DueAt)
            .ThenByDescending(t => t.Priority == TaskPriorities.High).ThenBy(t => t.Priority == TaskPriorities.Low).ThenBy(t => t.CreatedAt);

    /// <summary>
    /// A top-level task with its step counts, computed in the same statement (correlated counts on the
    /// <c>(UserId, ParentId, Position)</c> index); a step has none.
    /// </summary>
    private static Expression<Func<AppDbContext, TaskItem, TaskRow>> WithCounts(bool steps) => steps
        ? (db, t) => new TaskRow(t, 0, 0)
        : (db, t) => new TaskRow(
            t,
            db.Tasks.Count(s => s.UserId == t.UserId && s.ParentId == t.Id),
            db.Tasks.Count(s => s.UserId == t.UserId && s.ParentId == t.Id && s.Status == TaskStatuses.Done));

    /// <summary>
    /// One page of the list <paramref name="view"/> (null: no view) and the list's total, as
    /// <see cref="Paging.TotalWhenFullAsync"/> gives it: for one person's views the page usually tells it, and only a
    /// full page costs a second statement, a COUNT.
    /// </summary>
    public static async Task<(List<TaskRow> Rows, int Total)> ReadAsync(AppDbContext db, string? view, Arguments a, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(a);
        var shape = Shapes.GetOrAdd((view, a.Parent is not null), key => Compile(key.View, key.Steps));
        var rows = new List<TaskRow>(a.Take);
        await foreach (var row in shape.Page(db, a.UserId, a.Parent, a.Status, a.Tag, a.Words, a.Today, a.Now, a.Skip, a.Take).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var total = await Paging.TotalWhenFullAsync(a.Skip, a.Take, rows.Count,
            () => shape.Count(db, a.UserId, a.Parent, a.Status, a.Tag, a.Words, a.Today, a.Now, cancellationToken));
        return (rows, total);
    }

    private static Shape Compile(string? view, bool steps)
    {
        var inView = InView(view);
        var hasStatus = HasStatus(view);
        var inOrder = InOrder(steps);
        var withCounts = WithCounts(steps);
        // Words are compared upper-cased (UPPER and a substring test on both databases); the caller upper-cases them.
#pragma warning disable CA1304, CA1311, CA1862
        Expression<Func<AppDbContext, Guid, Guid?, string?, string?, string?, DateOnly, DateTimeOffset, IQueryable<TaskItem>>> filtered =
            (db, userId, parent, status, tag, words, today, now) => db.Tasks.AsNoTracking()
                .Where(t => t.UserId == userId && t.ParentId == parent)
                .Where(t => hasStatus.Invoke(t, status) && inView.Invoke(t, today, now))
                .Where(t => tag == null || t.Tags.Contains(tag))
                .Where(t => words == null || t.Title.ToUpper().Contains(words) || (t.Notes != null && t.Notes.ToUpper().Contains(words)));
#pragma warning restore CA1304, CA1311, CA1862
        Expression<Func<AppDbContext, Guid, Guid?, string?, string?, string?, DateOnly, DateTimeOffset, int, int, IQueryable<TaskRow>>> page =
            (db, userId, parent, status, tag, words, today, now, skip, take) =>
                inOrder.Invoke(filtered.Invoke(db, userId, parent, status, tag, words, today, now))
                    .Select(t => withCounts.Invoke(db, t))
                    .Skip(skip).Take(take);
        Expression<Func<AppDbContext, Guid, Guid?, string?, string?, string?, DateOnly, DateTimeOffset, CancellationToken, int>> count =
            (db, userId, parent, status, tag, words, today, now, _) => filtered.Invoke(db, userId, parent, status, tag, words, today, now).Count();
        var pageQuery = EF.CompileAsyncQuery(page.Expand());
        var countQuery = EF.CompileAsyncQuery(count.Expand());
        return new Shape(pageQuery.Invoke, countQuery.Invoke);
    }
}
