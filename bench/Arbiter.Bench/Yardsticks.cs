using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Arbiter.Testing;
using Microsoft.Data.Sqlite;

namespace Arbiter.Bench;

/// <summary>What the machine itself can do, measured in the same run: the yardsticks.</summary>
internal static partial class Yardsticks
{
    [GeneratedRegex(@"tps = ([\d.]+)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex Processed();

    /// <summary>
    /// <c>pgbench -N</c> (simple single-row updates and inserts) on the same server, at the same client
    /// count: the transactions, and the CPU they cost the server and pgbench together.
    /// </summary>
    public static async Task<YardstickRun> PgbenchAsync(PostgresCluster cluster, string database, int clients, TimeSpan duration)
    {
        var cpuBefore = CpuTime.OfTree(cluster.ServerProcessId) + CpuTime.OfEndedChildren();
        var output = await cluster.RunToolAsync("pgbench",
            ["-h", "127.0.0.1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-N", "-n",
             "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", ((int)Math.Max(1, duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture), database]);
        var cpu = CpuTime.OfTree(cluster.ServerProcessId) + CpuTime.OfEndedChildren() - cpuBefore;
        var transactions = long.Parse(Processed().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        // pgbench's rate leaves out the time its clients took to connect; its elapsed time here does too.
        var perSecond = double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new(transactions, TimeSpan.FromSeconds(transactions / perSecond), cpu);
    }

    public static Task PgbenchInitAsync(PostgresCluster cluster, string database) =>
        cluster.RunToolAsync("pgbench", ["-h", "127.0.0.1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-i", "-s", "10", "-q", database]);

    /// <summary>
    /// Raw single-row write transactions on SQLite with Arbiter's durability (WAL, synchronous=FULL),
    /// from as many clients: the transactions, and the CPU they cost this process.
    /// </summary>
    public static async Task<YardstickRun> SqliteAsync(int clients, TimeSpan duration)
    {
        var directory = Directory.CreateTempSubdirectory("arbiter-yardstick-");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.FullName, "raw.db"), Pooling = true, DefaultTimeout = 30 }.ToString();
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            await Execute(setup, "PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);");
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stop = Stopwatch.StartNew();
        var total = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;");
            while (stop.Elapsed < duration)
            {
                await using var tx = await connection.BeginTransactionAsync();
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO t (v) VALUES ('x')";
                await insert.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                Interlocked.Increment(ref total);
            }
        })));
        var run = new YardstickRun(total, stop.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);

        // Each slice of a run writes a database of its own; none is kept.
        await using (var pooled = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        directory.Delete(recursive: true);
        return run;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Yardstick transactions, the time they took and the CPU they cost; runs add up.</summary>
internal sealed record YardstickRun(long Transactions, TimeSpan Elapsed, TimeSpan Cpu)
{
    public static readonly YardstickRun None = new(0, TimeSpan.Zero, TimeSpan.Zero);

    public double PerSecond => Transactions / Elapsed.TotalSeconds;

    public TimeSpan CpuEach => Cpu / Math.Max(1, Transactions);

    public static YardstickRun operator +(YardstickRun a, YardstickRun b) => new(a.Transactions + b.Transactions, a.Elapsed + b.Elapsed, a.Cpu + b.Cpu);
}
