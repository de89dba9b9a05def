using Arbiter.Storage;
using Arbiter.Testing;

namespace Arbiter.Bench;

/// <summary>A fresh database for one measurement: a SQLite folder, or a database on the benchmark's PostgreSQL cluster.</summary>
internal sealed record BenchStorage(string Backend, string DataDirectory, string? Connection)
{
    public static async Task<BenchStorage> NewAsync(string backend, PostgresCluster? cluster)
    {
        var storage = new BenchStorage(
            backend,
            Directory.CreateTempSubdirectory("arbiter-bench-").FullName,
            backend == "postgres" ? cluster!.ConnectionString(await cluster.CreateDatabaseAsync("bench"), maxPoolSize: 64) : null);
        Arbiter.Security.SecretBox.CreateKeyFile(storage.SecretsKeyFile);
        return storage;
    }

    /// <summary>The key that seals secrets at rest, shared by the nodes on this storage.</summary>
    public string SecretsKeyFile => Path.Combine(DataDirectory, "secrets.key");

    public IEnumerable<string> NodeArgs() => Backend == "postgres"
        ? ["--db", "postgres", "--connection", Connection!, "--secrets-key-file", SecretsKeyFile]
        : ["--data", DataDirectory];

    public Database Open() => Backend == "postgres" ? new PostgresDatabase(Connection!) : new SqliteDatabase(Path.Combine(DataDirectory, "arbiter.db"));
}
