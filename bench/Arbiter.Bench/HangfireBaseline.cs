using System.Collections.Concurrent;
using System.Diagnostics;
using Arbiter.Domain.Common;
using Arbiter.Storage;
using Hangfire;
using Hangfire.PostgreSql;

namespace Arbiter.Bench;

/// <summary>
/// What a team would otherwise build: every protection expiry a Hangfire delayed job on
/// PostgreSQL storage, doing the same work through the same domain code (load the order, fire
/// its due deadlines, save). All jobs fall due at one instant, as in <see cref="TimersBenchmark"/>.
/// </summary>
public static class HangfireBaseline
{
    private static Database? _db;
    private static OrderStore? _store;
    private static DateTimeOffset _now;
    private static ConcurrentQueue<(TimeSpan At, int Fired)> _done = new();
    private static Stopwatch _watch = new();

    internal static async Task<TimerFigures> RunAsync(BenchStorage storage, int orders, int due)
    {
        var db = storage.Open();
        await db.MigrateAsync();
        await TimersBenchmark.SeedAsync(db, orders, due);
        (_db, _store, _now, _done) = (db, new OrderStore(db), TimersBenchmark.DueInstant, new ConcurrentQueue<(TimeSpan, int)>());

        GlobalConfiguration.Configuration
            .UseSimpleAssemblyNameTypeSerializer()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(storage.Connection), new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(50) });
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(5 + (due / 2000));
        foreach (var i in Enumerable.Range(0, due))
        {
            BackgroundJob.Schedule(() => ExpireAsync($"t{i}"), dueAt);
        }

        // The clock starts when the jobs are due and a server runs: whichever comes last.
        var untilDue = dueAt - DateTimeOffset.UtcNow;
        if (untilDue > TimeSpan.Zero)
        {
            await Task.Delay(untilDue);
        }

        _watch = Stopwatch.StartNew();
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = Environment.ProcessorCount * 5,
            SchedulePollingInterval = TimeSpan.FromMilliseconds(100),
        });
        while (_done.Count < due)
        {
            await Task.Delay(50);
        }

        var finished = _done.Select(d => d.At).Order().ToList();
        TimeSpan FiredBy(double share) => finished[Math.Min(finished.Count - 1, (int)(share * finished.Count))];
        return new TimerFigures(orders, _done.Sum(d => d.Fired), finished[^1], FiredBy(0.50), FiredBy(0.99));
    }

    /// <summary>The job: one order's protection expiry, fired through the domain and saved.</summary>
    public static async Task ExpireAsync(string orderId)
    {
        var fired = await _db!.WriteAsync(async (connection, tx) =>
        {
            var loaded = (await _store!.LoadAsync(connection, tx, OrderId.Of(orderId), RowLock.Wait))!;
            var count = loaded.Order.FireDue(_now).Count;
            await OrderStore.SaveAsync(connection, tx, loaded, _now);
            return count;
        });
        _done.Enqueue((_watch.Elapsed, fired));
    }
}
