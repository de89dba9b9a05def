using System.Diagnostics;
using System.Net;
using Arbiter.Testing;
using Npgsql;

namespace Arbiter.Tests.Support;

/// <summary>
/// PostgreSQL made highly available as Debian packages it: one etcd and two PostgreSQL servers, each
/// run by its Patroni agent, a primary and a synchronous standby (a commit returns once the standby
/// has it). Clients reach whichever is primary through a multi-host connection string. Losing the
/// primary's machine (<see cref="KillPrimaryAsync"/>) lets the standby take over once the primary's
/// lock in etcd runs out (10 seconds).
/// </summary>
public sealed class PatroniCluster : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly string _directory;
    private readonly Process _etcd;
    private readonly List<Member> _members = [];

    private PatroniCluster(string directory, Process etcd)
    {
        _directory = directory;
        _etcd = etcd;
    }

    /// <summary>A Patroni agent and the PostgreSQL server it runs.</summary>
    private sealed record Member(string Name, Process Agent, int Port, int ApiPort, string DataDirectory);

    public static async Task<PatroniCluster> StartAsync()
    {
        Assert.True(File.Exists("/usr/bin/patroni") && File.Exists("/usr/bin/etcd"), "Patroni and etcd are not installed: run scripts/install-test-deps.sh");
        var directory = Directory.CreateTempSubdirectory("arbiter-patroni-").FullName;
        await PostgresCluster.OwnAsync(directory);
        var (client, peer) = (Loopback.FreePort(), Loopback.FreePort());
        var etcd = Launch(
            "/usr/bin/etcd",
            ["--name", "e1", "--data-dir", Path.Combine(directory, "etcd"), "--listen-client-urls", $"http://127.0.0.1:{client}", "--advertise-client-urls", $"http://127.0.0.1:{client}",
                "--listen-peer-urls", $"http://127.0.0.1:{peer}", "--initial-advertise-peer-urls", $"http://127.0.0.1:{peer}", "--initial-cluster", $"e1=http://127.0.0.1:{peer}"],
            Path.Combine(directory, "etcd.log"),
            asPostgres: false);
        var cluster = new PatroniCluster(directory, etcd);
        await WaitForAsync($"http://127.0.0.1:{client}/health", "etcd to start");
        await cluster.AddMemberAsync("pg1", client, "/primary");
        await cluster.AddMemberAsync("pg2", client, "/sync");
        return cluster;
    }

    /// <summary>The connection string to <paramref name="database"/> on whichever server is primary now.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = string.Join(',', _members.Select(m => $"127.0.0.1:{m.Port}")),
        Username = "postgres",
        Database = database,
        TargetSessionAttributes = "primary",
        // Find the new primary soon after a failover, not after the default ten seconds.
        HostRecheckSeconds = 1,
        Timeout = 3,
    }.ToString();

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Kills the primary's agent and server at once, as a lost machine would stop, then tells
    /// <paramref name="killed"/>; returns how long after the kill the standby served as primary.
    /// </summary>
    public async Task<TimeSpan> KillPrimaryAsync(Action killed)
    {
        var primary = await PrimaryAsync() ?? throw new InvalidOperationException("No primary to kill.");
        var postmaster = int.Parse(File.ReadLines(Path.Combine(primary.DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        primary.Agent.Kill(entireProcessTree: true);
        try
        {
            Process.GetProcessById(postmaster).Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Gone with its agent already.
        }

        var since = Stopwatch.StartNew();
        killed();

        var standby = _members.Single(m => m != primary);
        await WaitForAsync($"http://127.0.0.1:{standby.ApiPort}/primary", $"{standby.Name} to take over", TimeSpan.FromSeconds(60));
        return since.Elapsed;
    }

    private async Task<Member?> PrimaryAsync()
    {
        foreach (var member in _members)
        {
            if (await AnswersAsync($"http://127.0.0.1:{member.ApiPort}/primary"))
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>Starts a member and waits until Patroni reports it in <paramref name="role"/> (its REST API's <c>/primary</c> or <c>/sync</c>).</summary>
    private async Task AddMemberAsync(string name, int etcdPort, string role)
    {
        var (port, apiPort) = (Loopback.FreePort(), Loopback.FreePort());
        var data = Path.Combine(_directory, name);
        var config = Path.Combine(_directory, $"{name}.yml");
        await File.WriteAllTextAsync(config, $"""
            scope: arbiter
            name: {name}
            restapi:
              listen: 127.0.0.1:{apiPort}
              connect_address: 127.0.0.1:{apiPort}
            etcd3:
              hosts: 127.0.0.1:{etcdPort}
            bootstrap:
              dcs:
                ttl: 10
                loop_wait: 1
                retry_timeout: 4
                synchronous_mode: true
                postgresql:
                  use_pg_rewind: false
                  parameters:
                    max_connections: 300
              initdb:
                - encoding: UTF8
                - auth: trust
              pg_hba:
                - local all all trust
                - host replication replicator 127.0.0.1/32 trust
                - host all all 127.0.0.1/32 trust
            postgresql:
              listen: 127.0.0.1:{port}
              connect_address: 127.0.0.1:{port}
              data_dir: {data}
              bin_dir: {PostgresCluster.FindBinaries()}
              pgpass: {Path.Combine(_directory, $"{name}.pgpass")}
              authentication:
                superuser:
                  username: postgres
                  password: postgres
                replication:
                  username: replicator
                  password: replicator
              parameters:
                unix_socket_directories: {_directory}
            """);
        await PostgresCluster.OwnAsync(_directory);
        var agent = Launch("/usr/bin/patroni", [config], Path.Combine(_directory, $"{name}.log"), asPostgres: true);
        _members.Add(new Member(name, agent, port, apiPort, data));
        await WaitForAsync($"http://127.0.0.1:{apiPort}{role}", $"{name} to serve as {role.TrimStart('/')}", TimeSpan.FromSeconds(90));
    }

    /// <summary>Starts a long-running program with its output in a log file; PostgreSQL and Patroni run as the postgres user, never as root.</summary>
    private static Process Launch(string program, IEnumerable<string> args, string log, bool asPostgres)
    {
        // setpriv execs the program itself, so the process we hold is the program's, which a kill reaches.
        var (file, arguments) = asPostgres && Environment.IsPrivilegedProcess
            ? ("/usr/bin/setpriv", (IEnumerable<string>)["--reuid=postgres", "--regid=postgres", "--init-groups", program, .. args])
            : (program, args);
        var start = new ProcessStartInfo("/bin/sh", ["-c", "exec \"$0\" \"$@\" >>\"$LOG\" 2>&1", file, .. arguments]) { UseShellExecute = false };
        start.Environment["LOG"] = log;
        return Process.Start(start)!;
    }

    private static async Task<bool> AnswersAsync(string url)
    {
        try
        {
            using var response = await Http.GetAsync(url);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(string url, string what, TimeSpan? patience = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await AnswersAsync(url))
        {
            if (deadline.Elapsed > (patience ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"Waited {deadline.Elapsed} for {what}.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var process in _members.Select(m => m.Agent).Append(_etcd))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        // The servers' own processes, where an agent was killed before them.
        foreach (var member in _members.Where(m => File.Exists(Path.Combine(m.DataDirectory, "postmaster.pid"))))
        {
            await Processes.RunAsync("pkill", ["-9", "-f", member.DataDirectory]);
        }

        Directory.Delete(_directory, recursive: true);
    }
}
