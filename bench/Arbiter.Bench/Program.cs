using System.Globalization;
using Arbiter.Bench;
using Arbiter.Testing;

// Benchmarks with their yardstick measured in the same run, printed as markdown tables.
// usage: dotnet run -c Release --project bench/Arbiter.Bench -- [--size tiny|full] [--backends sqlite,postgres] [--only commands,timers,hangfire,storage,reads] [--clients 8,64] [--seconds N] [--warmup N (at least; on until the JIT is quiet)] [--orders 1000,10000] [--lifecycles N] [--read-orders N]
var size = Option("--size", "full");
var backends = Option("--backends", "sqlite,postgres").Split(',');
var only = Option("--only", "commands,timers,hangfire,storage,reads").Split(',');
var tiny = size == "tiny";
int[] clientCounts = [.. Option("--clients", tiny ? "8" : "8,16,32,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
var duration = TimeSpan.FromSeconds(int.Parse(Option("--seconds", tiny ? "2" : "15"), CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(int.Parse(Option("--warmup", tiny ? "1" : "30"), CultureInfo.InvariantCulture));
var lifecycles = int.Parse(Option("--lifecycles", tiny ? "20" : "2000"), CultureInfo.InvariantCulture);
var readOrders = int.Parse(Option("--read-orders", tiny ? "2000" : "1000000"), CultureInfo.InvariantCulture);
int[] tableSizes = Option("--orders", tiny ? "1000" : "1000,10000,100000,1000000").Split(',').Select(o => int.Parse(o, CultureInfo.InvariantCulture)).ToArray();

await using var cluster = backends.Contains("postgres") ? await PostgresCluster.StartAsync(durable: true) : null;
Console.WriteLine($"# Arbiter benchmarks ({size}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");

if (only.Contains("commands"))
{
    Console.WriteLine();
    Console.WriteLine("## Commands over HTTP (lifecycle mix, one node)");
    Console.WriteLine();
    Console.WriteLine("| backend | clients | commands/s | p50 ms | p99 ms | yardstick tx/s | ratio | CPU µs per command (node + db) | CPU µs per yardstick tx | CPU ratio | KB allocated per command (node) | HTTP floor req/s | ceiling | warm-up s |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var backend in backends)
    {
        var pgbench = cluster is null ? null : await cluster.CreateDatabaseAsync("pgbench");
        if (backend == "postgres")
        {
            await Yardsticks.PgbenchInitAsync(cluster!, pgbench!);
        }

        foreach (var clients in clientCounts)
        {
            await using var storage = await BenchStorage.NewAsync(backend, cluster);
            var figures = await CommandsBenchmark.RunAsync(
                storage,
                backend == "postgres" ? () => CpuTime.OfTree(cluster!.ServerProcessId) : null,
                slice => backend == "postgres" ? Yardsticks.PgbenchAsync(cluster!, pgbench!, clients, slice) : Yardsticks.SqliteAsync(clients, slice),
                clients,
                warmup,
                duration);
            var (yardstick, yardstickCpu) = (figures.Yardstick.PerSecond, figures.Yardstick.CpuEach);
            var commandCpu = figures.NodeCpuEach + (figures.DatabaseCpuEach ?? TimeSpan.Zero);
            Console.WriteLine(Row(
                backend, clients, figures.PerSecond, figures.P50, figures.P99, yardstick, figures.PerSecond / yardstick,
                CpuCell(figures.NodeCpuEach, figures.DatabaseCpuEach), yardstickCpu.TotalMicroseconds,
                yardstickCpu / commandCpu, figures.AllocatedEach / 1024, figures.HttpFloor, Ceiling(figures.HttpFloor, yardstick), figures.WarmedFor.TotalSeconds));
        }
    }
}

if (only.Contains("timers"))
{
    Console.WriteLine();
    Console.WriteLine("## Timers at scale (a tenth of the open orders fall due at one instant; 2 deadlines each)");
    Console.WriteLine();
    Console.WriteLine("| backend | open orders | deadlines fired | fired/s | µs per deadline | CPU µs per deadline (node + db) | lag p50 ms | lag p99 ms | node RSS MB | start to healthy ms |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
    foreach (var backend in backends)
    {
        foreach (var orders in tableSizes)
        {
            await using var storage = await BenchStorage.NewAsync(backend, cluster);
            var db = storage.Open();
            await db.MigrateAsync();
            await TimersBenchmark.SeedAsync(db, orders, orders / 10, TimersBenchmark.WarmUpOrders);
            var figures = await TimersBenchmark.RunAsync(db, orders, backend == "postgres" ? () => CpuTime.OfTree(cluster!.ServerProcessId) : null);
            await using var node = await NodeProcess.StartAsync("bench-platform-key", storage.NodeArgs());
            using (var client = node.Client("bench-platform-key"))
            {
                (await client.GetAsync("/api/v1/orders/t0")).EnsureSuccessStatusCode();
            }

            Console.WriteLine(Row(backend, orders, figures.Fired, figures.PerSecond, figures.MicrosecondsEach, figures.CpuMicrosecondsEach!.Value, figures.LagP50.TotalMilliseconds,
                figures.LagP99.TotalMilliseconds, node.ResidentBytes / 1024.0 / 1024.0, node.StartedIn.TotalMilliseconds));
            if (db is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}

if (only.Contains("hangfire") && cluster is not null)
{
    Console.WriteLine();
    Console.WriteLine("## Timers against Hangfire (PostgreSQL; the same expiries as delayed jobs, same domain code)");
    Console.WriteLine();
    Console.WriteLine("| open orders | deadlines | Arbiter fired/s | Arbiter lag p99 ms | Hangfire fired/s | Hangfire lag p99 ms | Arbiter / Hangfire |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var orders in tableSizes)
    {
        await using var ours = await BenchStorage.NewAsync("postgres", cluster);
        var db = ours.Open();
        await db.MigrateAsync();
        await TimersBenchmark.SeedAsync(db, orders, orders / 10);
        var arbiter = await TimersBenchmark.RunAsync(db, orders);
        await using var theirs = await BenchStorage.NewAsync("postgres", cluster);
        var hangfire = await HangfireBaseline.RunAsync(theirs, orders, orders / 10);
        Console.WriteLine(Row(orders, arbiter.Fired, arbiter.PerSecond, arbiter.LagP99.TotalMilliseconds, hangfire.PerSecond, hangfire.LagP99.TotalMilliseconds, arbiter.PerSecond / hangfire.PerSecond));
    }
}

if (only.Contains("storage"))
{
    Console.WriteLine();
    Console.WriteLine($"## Storage per order ({lifecycles} whole dispute lifecycles over HTTP; after a checkpoint and a vacuum)");
    Console.WriteLine();
    Console.WriteLine("| backend | bytes per order | largest tables, bytes per order (with their indexes) |");
    Console.WriteLine("|---|---|---|");
    foreach (var backend in backends)
    {
        await using var storage = await BenchStorage.NewAsync(backend, cluster);
        var figures = await StorageBenchmark.RunAsync(storage, lifecycles);
        Console.WriteLine(Row(backend, figures.BytesPerOrder, string.Join(", ", figures.Tables.Take(6).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Table} {t.Bytes:N0}")))));
    }
}

if (only.Contains("reads"))
{
    Console.WriteLine();
    Console.WriteLine($"## Reads at {readOrders:N0} orders (a tenth disputed, a fiftieth in mediation; each page 50 by keyset with its orders)");
    Console.WriteLine();
    Console.WriteLine("| backend | read | rows listed | p50 ms | p99 ms | p99 / yardstick p99 |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var backend in backends)
    {
        await using var storage = await BenchStorage.NewAsync(backend, cluster);
        var db = storage.Open();
        await db.MigrateAsync();
        await ReadsBenchmark.SeedAsync(db, readOrders);
        var figures = await ReadsBenchmark.RunAsync(db, readOrders, samples: tiny ? 50 : 1000);
        foreach (var read in figures)
        {
            Console.WriteLine(Row(backend, read.Read, read.Rows, read.P50, read.P99, read.P99 / figures[0].P99));
        }

        if (db is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}

return 0;

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

// The best ratio a command could reach if it cost one empty HTTP request plus one yardstick
// transaction and nothing else: on a machine that both saturate, their costs per operation add.
static double Ceiling(double httpPerSecond, double yardstickPerSecond) => 1 / (1 / httpPerSecond + 1 / yardstickPerSecond) / yardstickPerSecond;

// SQLite runs inside the node: its CPU is the node's.
static string CpuCell(TimeSpan node, TimeSpan? database) => database is { } db
    ? string.Create(CultureInfo.InvariantCulture, $"{node.TotalMicroseconds:N0} + {db.TotalMicroseconds:N0}")
    : string.Create(CultureInfo.InvariantCulture, $"{node.TotalMicroseconds:N0}");

static string Row(params object[] cells) =>
    "| " + string.Join(" | ", cells.Select(c => c switch
    {
        double d => d.ToString(d >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture),
        _ => Convert.ToString(c, CultureInfo.InvariantCulture),
    })) + " |";
