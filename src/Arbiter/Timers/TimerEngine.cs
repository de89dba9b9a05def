using Arbiter.Storage;

namespace Arbiter.Timers;

/// <summary>
/// Fires due deadlines, on one node or many. Each order's due deadlines fire in one transaction
/// with the state they change: the order's row is locked (PostgreSQL skips rows another node has
/// locked) and its version checked, so a deadline fires exactly once however many nodes run.
/// </summary>
internal sealed class TimerEngine(Database db, OrderStore store, TimeProvider clock, ILogger<TimerEngine> logger) : IDisposable
{
    private const int Batch = 200;
    private static readonly TimeSpan LockedWait = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LockedPatience = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);

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
            var done = new HashSet<string>();
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
                    return total;
                }

                var locked = 0;
                foreach (var orderId in due)
                {
                    switch (await TryFireAsync(orderId, now, ct))
                    {
                        case null:
                            locked++;
                            break;
                        case 0:
                            // Fired by another node since we listed it, or failed: not for this pass.
                            done.Add(orderId);
                            break;
                        case var fired:
                            total += fired.Value;
                            break;
                    }
                }

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

    /// <summary>How many deadlines of the order fired: null when another node holds it, 0 when nothing fired or it failed.</summary>
    private async Task<int?> TryFireAsync(string orderId, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await FireAsync(orderId, now, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Deadlines of order {OrderId} could not fire; retrying on the next pass", orderId);
            return 0;
        }
    }

    /// <summary>Fires one order's due deadlines; null when another node holds the order right now.</summary>
    private Task<int?> FireAsync(string orderId, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync<int?>(async (connection, tx) =>
        {
            var loaded = await store.LoadAsync(connection, tx, orderId, RowLock.SkipLocked);
            if (loaded is null)
            {
                return null;
            }

            var fired = loaded.Order.FireDue(now);
            if (fired > 0)
            {
                await OrderStore.SaveAsync(connection, tx, loaded, now);
            }

            return fired;
        }, ct);

    public void Dispose() => _gate.Dispose();
}
