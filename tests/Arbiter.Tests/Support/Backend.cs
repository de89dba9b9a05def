using Arbiter.Hosting;
using Arbiter.Testing;

namespace Arbiter.Tests.Support;

/// <summary>The two databases Arbiter runs on; the integration suite runs on both.</summary>
public enum Backend
{
    Sqlite,
    Postgres,
}

/// <summary>Where one service keeps its state; start a second host on the same storage to restart.</summary>
public sealed record TestStorage(Backend Backend, string DataDirectory, string? Connection)
{
    /// <summary>The service options that point at this storage.</summary>
    internal ServeOptions Options() => new()
    {
        DataDirectory = DataDirectory,
        Backend = Backend == Backend.Postgres ? "postgres" : "sqlite",
        Connection = Connection,
        SecretsKeyFile = SecretsKeyFile,
    };

    /// <summary>The key that seals secrets at rest, shared by every node on this storage.</summary>
    public string SecretsKeyFile => Path.Combine(DataDirectory, "secrets.key");

    /// <summary>A real service process on this storage, with more options and environment variables if given.</summary>
    public Task<NodeProcess> StartNodeAsync(IEnumerable<string>? options = null, IReadOnlyDictionary<string, string>? environment = null) => NodeProcess.StartAsync(
        ArbiterHost.PlatformKey,
        [.. Backend == Backend.Postgres ? (string[])["--db", "postgres", "--connection", Connection!, "--secrets-key-file", SecretsKeyFile] : ["--data", DataDirectory], .. options ?? []],
        environment: environment);

    public static async Task<TestStorage> NewAsync(Backend backend)
    {
        var storage = new TestStorage(
            backend,
            Directory.CreateTempSubdirectory("arbiter-test-").FullName,
            backend == Backend.Postgres ? await PostgresServer.CreateDatabaseAsync() : null);
        Arbiter.Security.SecretBox.CreateKeyFile(storage.SecretsKeyFile);
        return storage;
    }
}
