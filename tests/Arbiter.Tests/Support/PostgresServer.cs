using System.Diagnostics;
using Npgsql;

[assembly: AssemblyFixture(typeof(Arbiter.Tests.Support.PostgresServer))]

namespace Arbiter.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's own server binaries (Debian's postgresql
/// package), started once for the test run on a free loopback port and stopped at its end. Each
/// test gets a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static PostgresServer? _instance;
    private readonly string _directory = Directory.CreateTempSubdirectory("arbiter-pg-").FullName;
    private string _bin = "";
    private int _port;
    private int _databases;

    /// <summary>The running server; the assembly fixture starts it before any test runs.</summary>
    public static PostgresServer Instance => _instance ?? throw new InvalidOperationException("The PostgreSQL test server has not started.");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database, Pooling = true, MaxPoolSize = 20 }.ToString();

    public async ValueTask InitializeAsync()
    {
        _bin = FindBinaries();
        _port = Loopback.FreePort();
        var data = Path.Combine(_directory, "data");
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", ["-R", "postgres:postgres", _directory]);
        }

        await RunAsPostgresAsync(Path.Combine(_bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"),
        [
            "-D", data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_directory} -c max_connections=300 -c fsync=off -c full_page_writes=off",
        ]);
        _instance = this;
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"arbiter_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
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

    private static Task RunAsPostgresAsync(string program, IEnumerable<string> args) =>
        Environment.IsPrivilegedProcess ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, IEnumerable<string> args)
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
    }
}
