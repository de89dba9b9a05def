using Arbiter.Domain.Ledger;
using Dapper;

namespace Arbiter.Storage;

/// <summary>One discrepancy in the books, with the order it concerns.</summary>
internal sealed record Finding(string OrderId, string Problem);

/// <summary>Audits the whole ledger: the database's postings themselves, then every order's books.</summary>
internal sealed class Auditor(Database db, OrderStore orders)
{
    public async Task<(int Orders, IReadOnlyList<Finding> Findings)> RunAsync(CancellationToken ct = default)
    {
        var findings = new List<Finding>();
        await using (var connection = await db.OpenAsync(ct))
        {
            var unbalanced = await connection.QueryAsync<(string OrderId, string PostingId, long Sum)>(
                """
                SELECT p.order_id, p.id, COALESCE(SUM(e.amount), 0) FROM ledger_postings p
                LEFT JOIN ledger_entries e ON e.posting_id = p.id
                GROUP BY p.order_id, p.id HAVING COALESCE(SUM(e.amount), 0) <> 0 OR COUNT(e.amount) < 2
                """);
            findings.AddRange(unbalanced.Select(u => new Finding(u.OrderId, $"posting {u.PostingId} does not balance (sums to {u.Sum})")));
            var orphans = await connection.QueryAsync<string>(
                "SELECT DISTINCT order_id FROM ledger_postings WHERE order_id NOT IN (SELECT id FROM orders)");
            findings.AddRange(orphans.Select(o => new Finding(o, "postings exist for an order that does not")));

            // An order's load reads its entries by the order they are filed under.
            var misfiled = await connection.QueryAsync<(string OrderId, string PostingId)>(
                """
                SELECT DISTINCT p.order_id, p.id FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id
                WHERE e.order_id IS NULL OR e.order_id <> p.order_id
                """);
            findings.AddRange(misfiled.Select(m => new Finding(m.OrderId, $"entries of posting {m.PostingId} are filed under another order")));
        }

        var count = 0;
        await foreach (var orderId in orders.AllIdsAsync(ct))
        {
            count++;
            var loaded = await orders.LoadAsync(orderId, ct);
            findings.AddRange(BooksAudit.Check(loaded!.Order).Select(problem => new Finding(orderId.Value, problem)));
            if (!(await orders.ArmedTimerKeysAsync(orderId, ct)).SetEquals(loaded.Stored.Deadlines.Select(d => $"{d.Key}@{d.DueAt.ToUnixTimeMilliseconds()}")))
            {
                findings.Add(new Finding(orderId.Value, "its timers differ from the deadlines its state implies"));
            }
        }

        return (count, findings);
    }
}
