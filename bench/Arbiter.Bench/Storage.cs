using Arbiter.Storage;
using Arbiter.Testing;

namespace Arbiter.Bench;

/// <summary>A fresh database for one measurement: a SQLite folder, or a database on the benchmark's PostgreSQL cluster.</summary>
internal sealed record BenchStorage(string Backend, string DataDirectory, string? Connection)
{
    public static async Task<BenchStorage> NewAsync(string backend, PostgresCluster? cluster) => new(
        backend,
        Directory.CreateTempSubdirectory("arbiter-bench-").FullName,
        backend == "postgres" ? cluster!.ConnectionString(await cluster.CreateDatabaseAsync("bench"), maxPoolSize: 64) : null);

    public IEnumerable<string> NodeArgs() => Backend == "postgres" ? ["--db", "postgres", "--connection", Connection!] : ["--data", DataDirectory];

    public Database Open() => Backend == "postgres" ? new PostgresDatabase(Connection!) : new SqliteDatabase(Path.Combine(DataDirectory, "arbiter.db"));
}
