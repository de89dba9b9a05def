using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Arbiter.Cli;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>
/// <c>arbiter backup</c>, run as an operator would while a node takes orders: the copy passes the
/// audit, a node started from it has every order acknowledged before the backup began, and the
/// command refuses what it cannot do.
/// </summary>
public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_under_load_restores_with_the_audit_passing_and_nothing_acknowledged_before_it_missing()
    {
        var storage = await TestStorage.NewAsync(Backend.Sqlite);
        var copy = Path.Combine(Directory.CreateTempSubdirectory("arbiter-backup-").FullName, "copy");
        var acknowledged = new ConcurrentQueue<string>();
        var enough = new TaskCompletionSource();
        IReadOnlyList<string> before;
        await using (var node = await storage.StartNodeAsync())
        {
            var platform = node.Client(ArbiterHost.PlatformKey);
            await CreateAccountAsync(platform, "b1", "buyer");
            var seller = node.Client(await CreateAccountAsync(platform, "s1", "seller"));
            using var stop = new CancellationTokenSource();
            var load = Task.Run(async () =>
            {
                for (var i = 1; !stop.IsCancellationRequested; i++)
                {
                    await Expect(await platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine($"o{i}")), HttpStatusCode.Created);
                    await PostOk(seller, $"/api/v1/orders/o{i}/shipment", new { carrier = "DHL", trackingNumber = $"T{i}" });
                    acknowledged.Enqueue($"o{i}");
                    if (i == 20)
                    {
                        enough.SetResult();
                    }
                }
            });
            await Task.WhenAny(enough.Task, load).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            Assert.True(enough.Task.IsCompleted, $"the load stopped early: {load.Exception}");

            before = [.. acknowledged];
            var (exit, said) = await ArbiterAsync("backup", "--data", storage.DataDirectory, "--to", copy);
            Assert.True(exit == 0, said);
            Assert.Contains("Backed up", said, StringComparison.Ordinal);
            await stop.CancelAsync();
            await load;
            Assert.True(acknowledged.Count > before.Count, "the load ran on while the backup was taken");
        }

        var report = new StringWriter();
        Assert.True(await MaintenanceCommands.AuditAsync((storage with { DataDirectory = copy }).Options(), report) == 0, report.ToString());
        await using var restored = await NodeProcess.StartAsync(ArbiterHost.PlatformKey, ["--data", copy]);
        var client = restored.Client(ArbiterHost.PlatformKey);
        foreach (var order in before)
        {
            Assert.Equal("awaiting_confirmation", (await GetAsync(client, $"/api/v1/orders/{order}"))["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_backup_goes_only_into_an_empty_folder_and_only_from_sqlite()
    {
        var storage = await TestStorage.NewAsync(Backend.Sqlite);
        await MaintenanceCommands.MigrateAsync(storage.Options(), TextWriter.Null);
        var taken = Directory.CreateTempSubdirectory("arbiter-backup-").FullName;
        await File.WriteAllTextAsync(Path.Combine(taken, "something"), "here", TestContext.Current.CancellationToken);

        var (exit, said) = await ArbiterAsync("backup", "--data", storage.DataDirectory, "--to", taken);
        Assert.Equal(2, exit);
        Assert.Contains("is not empty", said, StringComparison.Ordinal);
        (exit, said) = await ArbiterAsync("backup", "--db", "postgres", "--connection", "Host=nowhere", "--to", taken + "-pg");
        Assert.Equal(2, exit);
        Assert.Contains("pg_basebackup", said, StringComparison.Ordinal);
        (exit, said) = await ArbiterAsync("backup", "--data", storage.DataDirectory);
        Assert.Equal(2, exit);
        Assert.Contains("--to", said, StringComparison.Ordinal);
    }

    /// <summary>Runs the <c>arbiter</c> command as a process; its exit code and everything it printed.</summary>
    private static async Task<(int Exit, string Said)> ArbiterAsync(params string[] arguments)
    {
        var run = await Processes.RunAsync("dotnet", [typeof(Program).Assembly.Location, .. arguments]);
        return (run.Exit, run.Said);
    }
}
