using Arbiter.Storage;

namespace Arbiter.Timers;

/// <summary>
/// Fires due deadlines. Each order's due deadlines fire in one transaction with the state they
/// change, guarded by the order's version: a deadline can fire only once, and a racing command
/// simply makes the engine read the order again.
/// </summary>
internal sealed class TimerEngine(OrderStore store, TimeProvider clock, ILogger<TimerEngine> logger) : IDisposable
{
    private const int Batch = 200;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Fires everything due by now; returns how many deadlines fired. An order whose deadlines
    /// cannot fire is logged and left for the next pass, so one bad order never stalls the others.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var total = 0;
            var failed = new HashSet<string>();
            while (true)
            {
                var now = clock.GetUtcNow();
                var due = (await store.DueOrdersAsync(now, Batch + failed.Count, ct)).Where(id => !failed.Contains(id)).ToList();
                if (due.Count == 0)
                {
                    return total;
                }

                foreach (var orderId in due)
                {
                    try
                    {
                        total += await FireAsync(orderId, now, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failed.Add(orderId);
                        logger.LogError(e, "Deadlines of order {OrderId} could not fire; retrying on the next pass", orderId);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> FireAsync(string orderId, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await store.LoadAsync(orderId, ct);
            if (loaded is null)
            {
                return 0;
            }

            var fired = loaded.Order.FireDue(now);
            try
            {
                await store.SaveAsync(loaded, now, ct);
                return fired;
            }
            catch (ConcurrencyConflictException) when (attempt < 10)
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    logger.LogDebug("Order {OrderId} changed while its deadlines fired; retrying", orderId);
                }
            }
        }
    }

    public void Dispose() => _gate.Dispose();
}
