using Arbiter.Cli;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using Npgsql;

namespace Arbiter.Tests;

/// <summary>
/// The PostgreSQL runbook in docs/operations.md, run once: a base backup (<c>pg_basebackup</c>)
/// while Arbiter works, WAL archived after it, the primary lost, and a new server restored from the
/// backup and the archive. Every order acknowledged before the loss is there, and the books balance.
/// </summary>
public sealed class PostgresBackupTests
{
    [Fact]
    public async Task A_base_backup_and_the_archived_wal_restore_every_order_acknowledged_before_the_primary_was_lost()
    {
        var archive = Directory.CreateTempSubdirectory("arbiter-wal-").FullName;
        var backups = Directory.CreateTempSubdirectory("arbiter-base-").FullName;
        await PostgresCluster.OwnAsync(archive);
        await PostgresCluster.OwnAsync(backups);
        var backup = Path.Combine(backups, "base");
        await using var primary = await PostgresCluster.StartAsync(durable: true, $"-c wal_level=replica -c archive_mode=on -c archive_command='cp %p {archive}/%f'");
        var database = await primary.CreateDatabaseAsync();
        var storage = new TestStorage(Backend.Postgres, Directory.CreateTempSubdirectory("arbiter-test-").FullName, primary.ConnectionString(database));
        Arbiter.Security.SecretBox.CreateKeyFile(storage.SecretsKeyFile);

        string[] orders = ["before1", "before2", "after1", "after2"];
        await using (var host = await ArbiterHost.StartAsync(storage))
        {
            var market = await Marketplace.OpenAsync(host);
            await market.RefundedOrderAsync(orders[0]);
            await market.RefundedOrderAsync(orders[1]);
            await primary.RunToolAsOwnerAsync("pg_basebackup", ["-h", "127.0.0.1", "-p", $"{primary.Port}", "-U", "postgres", "-D", backup, "-X", "stream", "-c", "fast"]);
            await market.RefundedOrderAsync(orders[2]);
            await market.RefundedOrderAsync(orders[3]);
            await ArchiveCurrentWalAsync(primary.ConnectionString(database));
        }

        await primary.StopAsync();
        await File.AppendAllTextAsync(Path.Combine(backup, "postgresql.auto.conf"), $"restore_command = 'cp {archive}/%f %p'\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(backup, "recovery.signal"), "", TestContext.Current.CancellationToken);
        await using var restored = await PostgresCluster.StartFromAsync(backup);
        var connection = restored.ConnectionString(database);
        await UntilPromotedAsync(connection);

        var restoredStorage = storage with { Connection = connection };
        var report = new StringWriter();
        Assert.True(await MaintenanceCommands.AuditAsync(restoredStorage.Options(), report) == 0, report.ToString());
        await using var host2 = await ArbiterHost.StartAsync(restoredStorage);
        foreach (var order in orders)
        {
            var refunds = (await Marketplace.GetAsync(host2.Platform, $"/api/v1/orders/{order}"))["refunds"]!.AsArray();
            Assert.Equal(1000, Assert.Single(refunds)!["amount"]!.GetValue<long>());
        }
    }

    /// <summary>Closes the WAL segment holding the last commits and waits until the archiver has copied it.</summary>
    private static async Task ArchiveCurrentWalAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var close = new NpgsqlCommand("SELECT pg_walfile_name(pg_switch_wal())", connection);
        var segment = (string)(await close.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        await using var archived = new NpgsqlCommand("SELECT coalesce(last_archived_wal, '') >= @segment FROM pg_stat_archiver", connection);
        archived.Parameters.AddWithValue("segment", segment);
        await Until(async () => (bool)(await archived.ExecuteScalarAsync(TestContext.Current.CancellationToken))!, $"WAL segment {segment} to be archived");
    }

    /// <summary>Waits until the restored server has replayed the archive and taken writes again.</summary>
    private static async Task UntilPromotedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var recovering = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        await Until(async () => !(bool)(await recovering.ExecuteScalarAsync(TestContext.Current.CancellationToken))!, "the restored server to leave recovery");
    }

    /// <summary>The server's archiver and recovery work in real time: asks every 100 ms, for up to a minute.</summary>
    private static async Task Until(Func<Task<bool>> done, string what)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var asked = 0; !await done(); asked++)
        {
            Assert.True(asked < 600, $"waited a minute for {what}");
            await tick.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }
    }
}
