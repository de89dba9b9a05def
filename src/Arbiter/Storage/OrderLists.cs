using System.Globalization;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Dapper;

namespace Arbiter.Storage;

/// <summary>How a list is ordered: the latest activity first, or the soonest deadline first.</summary>
internal enum ListOrder
{
    Recent,
    Deadline,
}

/// <summary>One page of a list, and where the next one starts (null on the last page).</summary>
internal sealed record ListPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>A page of someone's orders: of a status (or those with an open dispute), matching a search, in an order.</summary>
internal sealed record OrderListQuery(string? BuyerId, string? SellerId, OrderStatus? Status, bool InDispute, string? Search, ListOrder Order, string? After, int PageSize);

/// <summary>
/// A page of disputes: a party's or the escalated ones, of some statuses or a mediator's stage,
/// assigned to one mediator (or to nobody), matching a search, soonest deadline first.
/// </summary>
internal sealed record DisputeListQuery(string? BuyerId, string? SellerId, bool EscalatedOnly, IReadOnlyList<DisputeStatus> Statuses, EscalationStatus? Stage, string? Search, string? After, int PageSize)
{
    public AssigneeFilter Assignee { get; init; }
}

/// <summary>Whose disputes a list keeps: one mediator's, those assigned to nobody, or (by default) anyone's.</summary>
internal readonly record struct AssigneeFilter(string? Mediator, bool Nobody)
{
    public static readonly AssigneeFilter NoOne = new(null, true);

    public static AssigneeFilter Of(string mediator) => new(mediator, false);
}

/// <summary>
/// The lists of the pages, a page at a time by keyset (never by offset, so a page costs the same
/// wherever it is): the cursor is the last row's sort key and id, and the next page starts after it.
/// </summary>
internal sealed class OrderLists(Database db)
{
    /// <summary>Where rows without a deadline sort: after every deadline. The indexes hold this sort key (migration 15).</summary>
    private const long NoDeadline = long.MaxValue;

    /// <summary>A dispute's place in a list by deadline, as <c>disputes d</c>; with the id it is the order of the indexes.</summary>
    public static readonly string DisputeSortKey = $"COALESCE(d.due_at, {NoDeadline})";

    public async Task<ListPage<OrderId>> OrdersAsync(OrderListQuery q, CancellationToken ct = default)
    {
        var (key, afterId) = Cursor(q.After);
        var recent = q.Order == ListOrder.Recent;
        var sortKey = recent ? "updated_at" : $"COALESCE(due_at, {NoDeadline})";
        var after = afterId is null ? "" : recent ? $"AND ({sortKey}, id) < (@key, @afterId)" : $"AND ({sortKey}, id) > (@key, @afterId)";
        var direction = recent ? "DESC" : "ASC";
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<(string Id, long Key)>(new CommandDefinition(
            $"""
            SELECT id, {sortKey} AS sort_key FROM orders
            WHERE {Where(
                (q.BuyerId is not null, "buyer_id = @buyerId"),
                (q.SellerId is not null, "seller_id = @sellerId"),
                (q.Status is not null, "status = @status"),
                (q.InDispute, "EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = orders.id AND d.status NOT IN ('Resolved', 'Cancelled'))"),
                (Search(q.Search) is not null, @"(id LIKE @prefix ESCAPE '\' OR titles LIKE @anywhere ESCAPE '\')"))}
              {after}
            ORDER BY {sortKey} {direction}, id {direction} LIMIT @limit
            """,
            new
            {
                buyerId = q.BuyerId, sellerId = q.SellerId, status = q.Status?.ToString(), prefix = $"{Like(q.Search)}%", anywhere = $"%{Like(q.Search?.ToLowerInvariant())}%",
                key, afterId, limit = q.PageSize + 1,
            },
            cancellationToken: ct))).ToList();
        return Page(rows, q.PageSize, r => OrderId.Of(r.Id), r => (r.Key, r.Id));
    }

    public async Task<ListPage<(string Id, OrderId OrderId)>> DisputesAsync(DisputeListQuery q, CancellationToken ct = default)
    {
        var (key, afterId) = Cursor(q.After);
        var search = Search(q.Search);
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<(string Id, string OrderId, long Key)>(new CommandDefinition(
            $"""
            SELECT d.id, d.order_id, {DisputeSortKey} AS sort_key FROM disputes d {(search is null ? "" : "JOIN orders o ON o.id = d.order_id")}
            WHERE {Where([
                .. DisputeConditions(db, q.BuyerId, q.SellerId, q.EscalatedOnly, q.Statuses.Count, q.Assignee),
                (q.Stage is not null, "d.stage = @stage"),
                (search is not null, @"(d.id LIKE @prefix ESCAPE '\' OR d.order_id LIKE @prefix ESCAPE '\' OR o.titles LIKE @anywhere ESCAPE '\')")])}
              {(afterId is null ? "" : $"AND ({DisputeSortKey}, d.id) > (@key, @afterId)")}
            ORDER BY {DisputeSortKey}, d.id LIMIT @limit
            """,
            new
            {
                buyerId = q.BuyerId, sellerId = q.SellerId, status = q.Statuses.Count == 1 ? q.Statuses[0].ToString() : null, statuses = q.Statuses.Select(s => s.ToString()).ToArray(),
                stage = q.Stage?.ToString(), assignee = q.Assignee.Mediator, prefix = $"{Like(q.Search)}%", anywhere = $"%{Like(q.Search?.ToLowerInvariant())}%",
                key, afterId, limit = q.PageSize + 1,
            },
            cancellationToken: ct))).ToList();
        return Page(rows, q.PageSize, r => (r.Id, OrderId.Of(r.OrderId)), r => (r.Key, r.Id));
    }

    private static ListPage<TItem> Page<TRow, TItem>(List<TRow> rows, int size, Func<TRow, TItem> item, Func<TRow, (long Key, string Id)> position)
    {
        var more = rows.Count > size;
        var shown = rows.Take(size).ToList();
        return new ListPage<TItem>([.. shown.Select(item)], more ? Cursor(position(shown[^1])) : null);
    }

    /// <summary>The cursor of a row: its sort key, a tilde, its id (kept whole: the first tilde ends the number).</summary>
    private static string Cursor((long Key, string Id) at) => $"{at.Key.ToString(CultureInfo.InvariantCulture)}~{at.Id}";

    /// <summary>A cursor taken apart; a cursor nobody could have been given reads as the first page.</summary>
    private static (long Key, string? Id) Cursor(string? cursor)
    {
        var tilde = cursor?.IndexOf('~', StringComparison.Ordinal) ?? -1;
        return tilde > 0 && long.TryParse(cursor![..tilde], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            ? (key, cursor[(tilde + 1)..])
            : (0, null);
    }

    /// <summary>
    /// The conditions a query has, and only those: a condition such as <c>(@buyer IS NULL OR buyer_id
    /// = @buyer)</c> keeps the planner from the index, and a prepared statement from a plan that fits.
    /// </summary>
    public static string Where(params (bool Applies, string Sql)[] conditions) =>
        string.Join(" AND ", conditions.Where(c => c.Applies).Select(c => c.Sql).DefaultIfEmpty("1 = 1"));

    /// <summary>
    /// What every list of disputes (<c>disputes d</c>) filters on, for the pages and the API alike:
    /// whose, in mediation only, of which statuses (one as @status, more as @statuses), whose mediation (@assignee).
    /// </summary>
    public static (bool Applies, string Sql)[] DisputeConditions(Database db, string? buyerId, string? sellerId, bool escalatedOnly, int statuses, AssigneeFilter assignee) =>
    [
        (buyerId is not null, "d.buyer_id = @buyerId"),
        (sellerId is not null, "d.seller_id = @sellerId"),
        (escalatedOnly, "d.escalated = 1"),
        (statuses == 1, "d.status = @status"),
        (statuses > 1, db.InList("d.status", "statuses")),
        (assignee.Mediator is not null, "d.assignee = @assignee"),
        (assignee.Nobody, "d.assignee IS NULL"),
    ];

    private static string? Search(string? search) => string.IsNullOrWhiteSpace(search) ? null : search;

    /// <summary>Text searched for as itself: LIKE's wildcards and its escape character lose their meaning.</summary>
    private static string Like(string? text) =>
        (text ?? "").Trim().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
