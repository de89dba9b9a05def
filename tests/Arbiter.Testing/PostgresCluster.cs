using System.Diagnostics;
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
    public static async Task<PostgresCluster> StartAsync(bool durable)
    {
        var directory = Directory.CreateTempSubdirectory("arbiter-pg-").FullName;
        var cluster = new PostgresCluster(directory, FindBinaries(), Loopback.FreePort());
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        var data = Path.Combine(directory, "data");
        await cluster.RunAsPostgresAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
        var settings = $"-p {cluster.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory} -c max_connections=300"
            + (durable ? "" : " -c fsync=off -c full_page_writes=off");
        await cluster.RunAsPostgresAsync("pg_ctl", ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start", "-o", settings]);
        return cluster;
    }

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
    public int ServerProcessId => int.Parse(File.ReadLines(Path.Combine(_directory, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs one of the server's programs (such as pgbench) and returns what it printed.</summary>
    public Task<string> RunToolAsync(string tool, IEnumerable<string> args) => RunAsync(Path.Combine(_bin, tool), args);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsPostgresAsync("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
        Directory.Delete(_directory, recursive: true);
    }

    private static string FindBinaries()
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
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await output}{await error}");
        }

        return await output + await error;
    }
}
