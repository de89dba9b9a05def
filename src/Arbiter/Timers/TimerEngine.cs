using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Observability;
using Arbiter.Storage;

namespace Arbiter.Timers;

/// <summary>
/// Fires due deadlines, on one node or many. An order's due deadlines fire in the transaction that
/// saves the state they change: the order's row is locked (PostgreSQL skips rows another node has
/// locked) and its version checked, so a deadline fires exactly once however many nodes run.
/// Orders are fired in batches, one transaction (one commit to wait for) per batch, and on
/// PostgreSQL several batches at once (their orders are distinct, and locked as on many nodes).
/// </summary>
internal sealed class TimerEngine(Database db, OrderStore store, TimeProvider clock, ArbiterMetrics metrics, ILogger<TimerEngine> logger) : IDisposable
{
    private const int Batch = 500;
    private const int OrdersPerTransaction = 100;
    private static readonly TimeSpan LockedWait = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LockedPatience = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Whether a pass has fired everything that was due: a node that has not caught up after a stop is not ready.</summary>
    public bool CaughtUp { get; private set; }

    /// <summary>
    /// Fires everything due by now and returns how many deadlines fired here. Returns only when
    /// nothing due is left, also what other nodes were firing meanwhile. An order whose deadlines
    /// cannot fire is logged and left for the next pass, so one bad order never stalls the others.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var total = 0;
            var done = new HashSet<OrderId>();
            DateTimeOffset? waitingSince = null;
            while (true)
            {
                if (clock is SimulatedClock simulated)
                {
                    await simulated.RefreshAsync(ct);
                }

                var now = clock.GetUtcNow();
                var due = (await store.DueOrdersAsync(now, Batch + done.Count, ct)).Where(id => !done.Contains(id)).ToList();
                if (due.Count == 0)
                {
                    CaughtUp = true;
                    return total;
                }

                var locked = 0;
                await Parallel.ForEachAsync(due.Chunk(OrdersPerTransaction), new ParallelOptions { MaxDegreeOfParallelism = db.ConcurrentWriters, CancellationToken = ct }, async (chunk, ct) =>
                {
                    var (fired, lockedElsewhere, idle) = await FireChunkAsync(chunk, now, ct);
                    lock (done)
                    {
                        total += fired;
                        locked += lockedElsewhere;
                        done.UnionWith(idle);
                    }
                });

                if (locked < due.Count)
                {
                    waitingSince = null;
                    continue;
                }

                waitingSince ??= TimeProvider.System.GetUtcNow();
                if (TimeProvider.System.GetUtcNow() - waitingSince > LockedPatience)
                {
                    logger.LogWarning("Due deadlines stayed locked by other nodes for {Patience}; leaving them to those nodes", LockedPatience);
                    return total;
                }

                await Task.Delay(LockedWait, TimeProvider.System, ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Fires a chunk of orders in one transaction. If any order in it fails, the chunk is fired
    /// again one order per transaction, so that the failing order cannot hold the others back.
    /// </summary>
    /// <returns>Deadlines fired, orders locked by another node, and orders with nothing to fire (or failing).</returns>
    private async Task<(int Fired, int Locked, IReadOnlyList<OrderId> Idle)> FireChunkAsync(OrderId[] orderIds, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await FireInOneTransactionAsync(orderIds, now, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && orderIds.Length > 1)
        {
            var (fired, locked, idle) = (0, 0, new List<OrderId>());
            foreach (var orderId in orderIds)
            {
                var single = await FireChunkAsync([orderId], now, ct);
                (fired, locked) = (fired + single.Fired, locked + single.Locked);
                idle.AddRange(single.Idle);
            }

            return (fired, locked, idle);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Deadlines of order {OrderId} could not fire; retrying on the next pass", orderIds[0].Value);
            return (0, 0, orderIds);
        }
    }

    private async Task<(int Fired, int Locked, IReadOnlyList<OrderId> Idle)> FireInOneTransactionAsync(OrderId[] orderIds, DateTimeOffset now, CancellationToken ct)
    {
        using var span = Telemetry.Source.StartActivity("arbiter.timers.fire");
        IReadOnlyList<Deadline> fired = [];
        var done = await db.WriteAsync<(int, int, IReadOnlyList<OrderId>)>(async (connection, tx) =>
        {
            var loaded = await store.LoadManyAsync(connection, tx, orderIds, RowLock.SkipLocked);
            var firing = loaded.Select(o => (Loaded: o, Fired: o.Order.FireDue(now))).ToList();
            fired = [.. firing.SelectMany(f => f.Fired)];
            var changed = firing.Where(f => f.Fired.Count > 0).Select(f => f.Loaded).ToList();
            await OrderStore.SaveManyAsync(connection, tx, changed, now);

            // Orders not loaded are held by another node; loaded ones with nothing due were fired by one since we listed them.
            var idle = firing.Where(f => f.Fired.Count == 0).Select(f => f.Loaded.Order.Id).ToList();
            return (fired.Count, orderIds.Length - loaded.Count, idle);
        }, ct);

        // Counted once committed.
        foreach (var deadline in fired)
        {
            metrics.TimersFired.Add(1, new KeyValuePair<string, object?>("kind", Words.Of(deadline.Kind)));
            metrics.TimerLag.Record((now - deadline.DueAt).TotalSeconds);
        }

        span?.SetTag("arbiter.fired", done.Item1);
        return done;
    }

    public void Dispose() => _gate.Dispose();
}
