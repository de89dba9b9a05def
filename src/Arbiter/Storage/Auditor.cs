using Arbiter.Domain.Ledger;
using Dapper;

namespace Arbiter.Storage;

/// <summary>One discrepancy in the books, with the order it concerns.</summary>
internal sealed record Finding(string OrderId, string Problem);

/// <summary>Audits the whole ledger: postings without their order, then every order's books, each posting with its entries.</summary>
internal sealed class Auditor(Database db, OrderStore orders)
{
    public async Task<(int Orders, IReadOnlyList<Finding> Findings)> RunAsync(CancellationToken ct = default)
    {
        var findings = new List<Finding>();
        await using (var connection = await db.OpenAsync(ct))
        {
            var orphans = await connection.QueryAsync<string>(
                "SELECT DISTINCT order_id FROM ledger_postings WHERE order_id NOT IN (SELECT id FROM orders)");
            findings.AddRange(orphans.Select(o => new Finding(o, "postings exist for an order that does not")));
        }

        var count = 0;
        await foreach (var orderId in orders.AllIdsAsync(ct))
        {
            count++;
            var loaded = await orders.LoadAsync(orderId, ct);
            findings.AddRange(BooksAudit.Check(loaded!.Order).Select(problem => new Finding(orderId.Value, problem)));
            if (await orders.TimerDueAtAsync(orderId, ct) != loaded.Stored.NextDue)
            {
                findings.Add(new Finding(orderId.Value, "its timer is not at the earliest deadline its state implies"));
            }
        }

        return (count, findings);
    }
}
