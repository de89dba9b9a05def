using System.Diagnostics;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Bench;

/// <summary>One kind of read: its latencies, and how many rows the list it pages through holds.</summary>
internal sealed record ReadFigures(string Read, long Rows, double P50, double P99);

/// <summary>
/// The reads that grow with the data, on a database of <c>orders</c> shipped orders: a tenth of them
/// disputed, a fiftieth in mediation, a thousand orders per buyer and ten thousand per seller. Each
/// read is what a page asks of the store: a keyset page of 50 ids with the page's orders loaded in one
/// round trip (the first page, and the one after it by its cursor, timed each), or an order's events.
/// The yardstick, in the same run, is one order read by its primary key.
/// </summary>
internal static class ReadsBenchmark
{
    private const int OrdersPerBuyer = 1000;
    private const int OrdersPerSeller = 10_000;
    private const int PageSize = 50;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly ClaimRequest Claim = new(false, "not_received_in_transit", Solution.RefundOnly, null, "It never came.", []);

    public static async Task SeedAsync(Database db, int orders)
    {
        foreach (var chunk in Enumerable.Range(0, orders).Chunk(2000))
        {
            await db.WriteAsync(async (connection, tx) =>
            {
                foreach (var i in chunk)
                {
                    await OrderStore.InsertAsync(connection, tx, Order(i, orders));
                }

                return true;
            });
        }

        // Long since fanned out, as in a database that has run for years.
        await db.WriteAsync((connection, tx) => connection.ExecuteAsync("DELETE FROM events_waiting", transaction: tx));
        if (db is PostgresDatabase)
        {
            await using var connection = await db.OpenAsync();
            await connection.ExecuteAsync("VACUUM ANALYZE");
        }
    }

    public static async Task<IReadOnlyList<ReadFigures>> RunAsync(Database db, int orders, int samples)
    {
        var lists = new OrderLists(db);
        var store = new OrderStore(db);
        var events = new Arbiter.Events.EventLog(db);
        var random = new Random(17);
        var buyers = Math.Max(1, orders / OrdersPerBuyer);
        var sellers = Math.Max(1, orders / OrdersPerSeller);
        string Buyer() => $"b{random.Next(buyers)}";
        string Seller() => $"s{random.Next(sellers)}";

        // Timed: a page of ids with the orders it shows, then the page after it by its cursor, each on its own.
        async Task PagesAsync<T>(Latencies latencies, Func<string?, Task<ListPage<T>>> list, Func<T, OrderId> orderOf)
        {
            string? after = null;
            for (var page = 0; page < 2; page++)
            {
                var started = Stopwatch.GetTimestamp();
                var found = await list(after);
                await store.LoadManyAsync([.. found.Items.Select(orderOf).Distinct()]);
                latencies.Add(Stopwatch.GetElapsedTime(started));
                after = found.Next;
            }
        }

        async Task TimedAsync(Latencies latencies, Func<Task> read)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }

        long eventsPerOrder;
        await using (var connection = await db.OpenAsync())
        {
            eventsPerOrder = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events") / orders;
        }

        var queue = new DisputeListQuery(null, null, true, [DisputeStatus.Escalated], null, null, null, PageSize) { Assignee = AssigneeFilter.NoOne };
        var reads = new (string Read, long Rows, Func<Latencies, Task> Once)[]
        {
            ("one order by its id (yardstick)", 1, l => TimedAsync(l, () => store.LoadAsync(OrderId.Of($"r{random.Next(orders)}")))),
            ("a buyer's orders, latest first", OrdersPerBuyer, l =>
                PagesAsync(l, after => lists.OrdersAsync(new OrderListQuery(Buyer(), null, null, false, null, ListOrder.Recent, after, PageSize)), id => id)),
            ("a buyer's disputes, soonest deadline first", OrdersPerBuyer / 10, l =>
                PagesAsync(l, after => lists.DisputesAsync(new DisputeListQuery(Buyer(), null, false, [], null, null, after, PageSize)), d => d.OrderId)),
            ("a seller's orders in dispute, latest first", OrdersPerSeller / 10, l =>
                PagesAsync(l, after => lists.OrdersAsync(new OrderListQuery(null, Seller(), null, true, null, ListOrder.Recent, after, PageSize)), id => id)),
            ("a seller's disputes to answer", OrdersPerSeller / 10, l =>
                PagesAsync(l, after => lists.DisputesAsync(new DisputeListQuery(null, Seller(), false, [DisputeStatus.AwaitingSellerResponse], null, null, after, PageSize)), d => d.OrderId)),
            ("the mediator queue, nobody's", orders / 50, l => PagesAsync(l, after => lists.DisputesAsync(queue with { After = after }), d => d.OrderId)),
            ("an order's event log", eventsPerOrder, l => TimedAsync(l, () => events.OfOrderAsync($"r{random.Next(orders)}", 0, 100, CancellationToken.None))),
        };

        var figures = new List<ReadFigures>();
        foreach (var (read, rows, once) in reads)
        {
            var warmup = new Latencies();
            for (var i = 0; i < samples / 10; i++)
            {
                await once(warmup);
            }

            var latencies = new Latencies();
            for (var i = 0; i < samples; i++)
            {
                await once(latencies);
            }

            figures.Add(new ReadFigures(read, rows, latencies.Percentile(0.50), latencies.Percentile(0.99)));
        }

        return figures;
    }

    /// <summary>Order <paramref name="i"/>: shipped; every tenth disputed, every fiftieth of those in mediation.</summary>
    private static Order Order(int i, int orders)
    {
        // By i / 10, not i: every disputed order (i % 10 == 0) would fall to a tenth of the buyers otherwise.
        var (buyerId, sellerId) = ($"b{i / 10 % Math.Max(1, orders / OrdersPerBuyer)}", $"s{i / 10 % Math.Max(1, orders / OrdersPerSeller)}");
        var (buyer, seller) = (new Actor(Role.Buyer, buyerId), new Actor(Role.Seller, sellerId));
        var at = Start.AddSeconds(i % 86_400);
        var order = Domain.Orders.Order.Create(
            Actor.Platform,
            new NewOrder($"r{i}", buyerId, sellerId, "USD", [new NewLine("l1", $"Item {i}", 1, 1999, 300)], new Payment("card", $"pay{i}"), "standard"),
            Policy.Default,
            at).Value!;
        order.Ship(seller, "DHL", $"T{i}", at);
        if (i % 10 == 0)
        {
            var dispute = order.OpenDispute(buyer, "l1", Claim, at.AddDays(20)).Value!;
            if (i % 50 == 0)
            {
                dispute.Reject(seller, "It was delivered.", at.AddDays(21));
                dispute.Escalate(buyer, "It was not.", at.AddDays(22));
            }
        }

        return order;
    }
}
