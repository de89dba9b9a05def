using Arbiter.Storage;
using Arbiter.Testing;
using Microsoft.Data.Sqlite;

namespace Arbiter.Bench;

/// <summary>
/// A fresh database for one measurement: a SQLite folder, or a database on the benchmark's PostgreSQL
/// cluster. Disposing it deletes its folder: a full run makes dozens, some of them gigabytes.
/// </summary>
internal sealed record BenchStorage(string Backend, string DataDirectory, string? Connection) : IAsyncDisposable
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

    /// <remarks>The nodes have stopped by now; this process's pooled SQLite connections let go of the files first.</remarks>
    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
