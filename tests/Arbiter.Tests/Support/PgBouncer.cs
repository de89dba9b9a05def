using System.Diagnostics;
using Arbiter.Testing;
using Npgsql;

namespace Arbiter.Tests.Support;

/// <summary>
/// Debian's PgBouncer in transaction mode in front of the tests' PostgreSQL cluster, on a free
/// loopback port: each transaction may run on another server connection, so nothing a session
/// remembers survives from one transaction to the next.
/// </summary>
public sealed class PgBouncer : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/pgbouncer";
    private readonly Process _process;
    private readonly string _directory;

    private PgBouncer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PgBouncer> StartAsync(int serverPort)
    {
        Assert.True(File.Exists(Binary), "PgBouncer is not installed: run scripts/install-test-deps.sh");
        var directory = Directory.CreateTempSubdirectory("arbiter-pgbouncer-").FullName;
        var port = Loopback.FreePort();
        await File.WriteAllTextAsync(Path.Combine(directory, "users.txt"), "\"postgres\" \"\"\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "pgbouncer.ini"), $"""
            [databases]
            * = host=127.0.0.1 port={serverPort}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {directory}/users.txt
            pool_mode = transaction
            max_client_conn = 500
            default_pool_size = 8
            ignore_startup_parameters = extra_float_digits
            """);
        // PgBouncer will not run as root; the cluster's own user runs it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", Binary, Path.Combine(directory, "pgbouncer.ini")])
            : new ProcessStartInfo(Binary, [Path.Combine(directory, "pgbouncer.ini")]);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var bouncer = new PgBouncer(Process.Start(start)!, directory, port);
        await bouncer.WaitUntilListeningAsync();
        return bouncer;
    }

    /// <summary>A connection string through PgBouncer to <paramref name="direct"/>'s database.</summary>
    public string ConnectionString(string direct) => new NpgsqlConnectionStringBuilder(direct) { Port = Port }.ToString();

    private async Task WaitUntilListeningAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, patience.Token);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (!patience.IsCancellationRequested && !_process.HasExited)
            {
                await Task.Delay(50, patience.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
