using System.Diagnostics;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;
using Arbiter.Timers;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbiter.Bench;

internal sealed record TimerFigures(int Orders, int Fired, TimeSpan Elapsed, TimeSpan LagP50, TimeSpan LagP99)
{
    public double PerSecond => Fired / Elapsed.TotalSeconds;

    public double MicrosecondsEach => Elapsed.TotalMicroseconds / Fired;
}

/// <summary>
/// Open orders with protection deadlines, a tenth of them falling due at one instant; the engine
/// fires them through the same domain code and storage as a node. Lag is how long after the
/// instant half (p50) and 99% (p99) of the due deadlines had fired.
/// </summary>
internal static class TimersBenchmark
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When the seeded due orders' protection has run out (reminder and end both due).</summary>
    public static readonly DateTimeOffset DueInstant = Start + TimeSpan.FromDays(60) + TimeSpan.FromSeconds(1);

    /// <summary>Seeds <paramref name="orders"/> shipped orders, <paramref name="due"/> of them due together after 60 days.</summary>
    public static async Task SeedAsync(Database db, int orders, int due)
    {
        var seller = new Actor(Role.Seller, "s1");
        foreach (var chunk in Enumerable.Range(0, orders).Chunk(2000))
        {
            await db.WriteAsync(async (connection, tx) =>
            {
                foreach (var i in chunk)
                {
                    var order = Order.Create(
                        Actor.Platform,
                        new NewOrder($"t{i}", "b1", "s1", "USD", [new NewLine("l1", "Item", 1, 1999, 300)], new Payment("card", $"pay{i}"), "standard"),
                        Policy.Default,
                        Start).Value!;
                    order.Ship(seller, "DHL", $"T{i}", i < due ? Start : Start.AddDays(30));
                    await OrderStore.InsertAsync(connection, tx, order);
                }

                return true;
            });
        }
    }

    public static async Task<TimerFigures> RunAsync(Database db, int orders)
    {
        var clock = await SimulatedClock.LoadAsync(db, Start);
        using var meter = new System.Diagnostics.Metrics.Meter("Arbiter.Bench");
        using var engine = new TimerEngine(db, new OrderStore(db), clock, new Arbiter.Observability.ArbiterMetrics(meter), NullLogger<TimerEngine>.Instance);
        var now = await clock.AdvanceAsync(DueInstant - Start);
        var dueBefore = await DueTimersAsync(db, now);

        var samples = new List<(TimeSpan At, long Remaining)>();
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                samples.Add((watch.Elapsed, await DueTimersAsync(db, now)));
                await Task.Delay(5, CancellationToken.None);
            }
        });
        var fired = await engine.RunDueAsync();
        var elapsed = watch.Elapsed;
        await stop.CancelAsync();
        await sampler;

        TimeSpan FiredBy(double share) => samples.FirstOrDefault(s => s.Remaining <= dueBefore * (1 - share), (elapsed, 0)).At;
        return new TimerFigures(orders, fired, elapsed, FiredBy(0.50), FiredBy(0.99));
    }

    private static async Task<long> DueTimersAsync(Database db, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM timers WHERE due_at <= @now", new { now = now.ToUnixTimeMilliseconds() });
    }
}
