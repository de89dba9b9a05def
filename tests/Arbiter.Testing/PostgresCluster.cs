using Npgsql;

namespace Arbiter.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's own server binaries (Debian's postgresql
/// package), on a free loopback port, for tests and benchmarks. Dispose it to stop it.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;
    private int _databases;

    private PostgresCluster(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Where the server binaries are (pgbench among them).</summary>
    public string BinDirectory => _bin;

    /// <param name="durable">Off for tests (no fsync); on for benchmarks, as production runs.</param>
    /// <param name="settings">More server settings, as <c>-c name=value</c> options.</param>
    public static async Task<PostgresCluster> StartAsync(bool durable, string settings = "")
    {
        var cluster = await CreateAsync();
        await cluster.RunAsPostgresAsync("initdb", ["-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
        await cluster.StartServerAsync((durable ? "" : " -c fsync=off -c full_page_writes=off") + " " + settings);
        return cluster;
    }

    /// <summary>A cluster started on a copy of <paramref name="data"/> (a base backup being restored), with more settings if given.</summary>
    public static async Task<PostgresCluster> StartFromAsync(string data, string settings = "")
    {
        var cluster = await CreateAsync();
        await RunAsync("cp", ["-a", data, cluster.DataDirectory]);
        await cluster.OwnAsync();
        await cluster.StartServerAsync(settings);
        return cluster;
    }

    /// <summary>Where the cluster's files are; its own user owns them.</summary>
    public string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Stops the server at once, as a lost machine would; the files stay until disposed.</summary>
    public Task<string> StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
    }

    /// <summary>Runs one of the server's programs as the cluster's own user (the files it writes are the cluster's).</summary>
    public Task<string> RunToolAsOwnerAsync(string tool, IEnumerable<string> args) => RunAsPostgresAsync(tool, args);

    /// <summary>Gives a folder to the cluster's user, as PostgreSQL needs for what it reads and writes.</summary>
    public static Task OwnAsync(string path) => Environment.IsPrivilegedProcess ? RunAsync("chown", ["-R", "postgres:postgres", path]) : Task.CompletedTask;

    private Task OwnAsync() => OwnAsync(_directory);

    private static async Task<PostgresCluster> CreateAsync()
    {
        // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
        var cluster = new PostgresCluster(Directory.CreateTempSubdirectory("arbiter-pg-").FullName, FindBinaries(), Loopback.FreePort());
        await cluster.OwnAsync();
        return cluster;
    }

    private Task<string> StartServerAsync(string settings) => RunAsPostgresAsync(
        "pg_ctl",
        ["-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_directory} -c max_connections=300 {settings}"]);

    public string ConnectionString(string database, int maxPoolSize = 20) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, MaxPoolSize = maxPoolSize }.ToString();

    /// <summary>A new, empty database; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "arbiter")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>The server's own process (the postmaster), parent of every backend.</summary>
    public int ServerProcessId => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs one of the server's programs (such as pgbench) and returns what it printed.</summary>
    public Task<string> RunToolAsync(string tool, IEnumerable<string> args) => RunAsync(Path.Combine(_bin, tool), args);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Where the newest of the machine's PostgreSQL server versions keeps its programs.</summary>
    public static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending()
            : Enumerable.Empty<string>();
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql: run `bash scripts/install-test-deps.sh` (apt-get install postgresql).");
    }

    private Task<string> RunAsPostgresAsync(string tool, IEnumerable<string> args) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task<string> RunAsync(string program, IEnumerable<string> args)
    {
        var run = await Processes.RunAsync(program, args);
        return run.Exit == 0 ? run.Said : throw new InvalidOperationException($"{program} failed ({run.Exit}): {run.Said}");
    }
}
