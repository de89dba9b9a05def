using System.Diagnostics;
using System.Diagnostics.Metrics;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;
using Arbiter.Timers;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbiter.Bench;

/// <param name="Cpu">The CPU time the firing took, this process's and the database server's (PostgreSQL): steadier than the rate on a shared machine. Not measured for Hangfire.</param>
internal sealed record TimerFigures(int Orders, int Fired, TimeSpan Elapsed, TimeSpan LagP50, TimeSpan LagP99, TimeSpan? Cpu = null)
{
    public double PerSecond => Fired / Elapsed.TotalSeconds;

    public double MicrosecondsEach => Elapsed.TotalMicroseconds / Fired;

    public double? CpuMicrosecondsEach => Cpu?.TotalMicroseconds / Fired;
}

/// <summary>
/// Open orders with protection deadlines, a tenth of them falling due at one instant; the engine
/// fires them through the same domain code and storage as a node. Lag is how long after the
/// instant half (p50) and 99% (p99) of the due deadlines had fired, as the engine counts them once
/// committed (its <c>arbiter.timers.fired</c> counter, heard in the process: the database is not
/// asked while it works). A warm-up round first fires the deadlines of <see cref="WarmUpOrders"/>
/// more orders, due earlier, so that the code is compiled as in a node that has run for a while.
/// </summary>
internal static class TimersBenchmark
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When the seeded due orders' protection has run out (reminder and end both due).</summary>
    public static readonly DateTimeOffset DueInstant = Start + TimeSpan.FromDays(60) + TimeSpan.FromSeconds(1);

    /// <summary>The orders whose deadlines the warm-up round fires.</summary>
    public const int WarmUpOrders = 1000;

    /// <summary>How much earlier the warm-up round's orders fall due: before the others' reminders do.</summary>
    private static readonly TimeSpan WarmUpEarlier = TimeSpan.FromDays(10);

    /// <summary>
    /// Seeds <paramref name="orders"/> shipped orders, <paramref name="due"/> of them due together
    /// after 60 days, and <paramref name="warmUp"/> more due <see cref="WarmUpEarlier"/> before them.
    /// </summary>
    public static async Task SeedAsync(Database db, int orders, int due, int warmUp = 0)
    {
        var seller = new Actor(Role.Seller, "s1");
        foreach (var chunk in Enumerable.Range(0, orders + warmUp).Chunk(2000))
        {
            await db.WriteAsync(async (connection, tx) =>
            {
                foreach (var i in chunk)
                {
                    var (id, shipped) = i >= orders ? ($"w{i - orders}", Start - WarmUpEarlier) : ($"t{i}", i < due ? Start : Start.AddDays(30));
                    var order = Order.Create(
                        Actor.Platform,
                        new NewOrder(id, "b1", "s1", "USD", [new NewLine("l1", "Item", 1, 1999, 300)], new Payment("card", $"pay-{id}"), "standard"),
                        Policy.Default,
                        shipped < Start ? shipped : Start).Value!;
                    order.Ship(seller, "DHL", $"T-{id}", shipped);
                    await OrderStore.InsertAsync(connection, tx, order);
                }

                return true;
            });
        }
    }

    /// <param name="databaseCpu">The database server's CPU time so far, where it is a process of its own.</param>
    public static async Task<TimerFigures> RunAsync(Database db, int orders, Func<TimeSpan>? databaseCpu = null)
    {
        TimeSpan CpuNow() => Process.GetCurrentProcess().TotalProcessorTime + (databaseCpu?.Invoke() ?? TimeSpan.Zero);

        var clock = await SimulatedClock.LoadAsync(db, Start);
        using var meter = new System.Diagnostics.Metrics.Meter("Arbiter.Bench");
        using var engine = new TimerEngine(db, new OrderStore(db), clock, new Arbiter.Observability.ArbiterMetrics(meter), NullLogger<TimerEngine>.Instance);
        await clock.AdvanceAsync(DueInstant - WarmUpEarlier - Start);
        await engine.RunDueAsync();

        await clock.AdvanceAsync(WarmUpEarlier);
        var watch = new Stopwatch();
        var firedAt = new List<TimeSpan>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == "arbiter.timers.fired")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, count, _, _) =>
        {
            var at = watch.Elapsed;
            lock (firedAt)
            {
                firedAt.AddRange(Enumerable.Repeat(at, (int)count));
            }
        });
        listener.Start();

        var cpuBefore = CpuNow();
        watch.Start();
        var fired = await engine.RunDueAsync();
        var elapsed = watch.Elapsed;
        var cpu = CpuNow() - cpuBefore;
        listener.Dispose();

        firedAt.Sort();
        TimeSpan FiredBy(double share) => firedAt.Count == 0 ? elapsed : firedAt[Math.Min(firedAt.Count - 1, (int)(share * firedAt.Count))];
        return new TimerFigures(orders, fired, elapsed, FiredBy(0.50), FiredBy(0.99), cpu);
    }
}
