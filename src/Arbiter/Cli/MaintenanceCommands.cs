using Arbiter.Hosting;
using Arbiter.Storage;

namespace Arbiter.Cli;

/// <summary>The commands that work on the database without serving: migrate before a rollout, audit the books.</summary>
internal static class MaintenanceCommands
{
    public static async Task<int> MigrateAsync(ServeOptions options, TextWriter output)
    {
        var database = options.OpenDatabase();
        try
        {
            var applied = await database.MigrateAsync();
            await output.WriteLineAsync(applied == 0 ? "The schema is up to date." : $"Applied {applied} migration(s); the schema is up to date.");
            return 0;
        }
        finally
        {
            await DisposeAsync(database);
        }
    }

    /// <summary>Exits 0 when the books are right, 1 with a readable report when they are not.</summary>
    public static async Task<int> AuditAsync(ServeOptions options, TextWriter output)
    {
        var database = options.OpenDatabase();
        try
        {
            await database.MigrateAsync();
            var (orders, findings) = await new Auditor(database, new OrderStore(database)).RunAsync();
            if (findings.Count == 0)
            {
                await output.WriteLineAsync($"Audit passed: {orders} orders, every posting balanced, every escrow equal to captured - released - refunded, no line over-refunded.");
                return 0;
            }

            await output.WriteLineAsync($"Audit FAILED: {findings.Count} discrepancies in {findings.Select(f => f.OrderId).Distinct().Count()} of {orders} orders.");
            foreach (var finding in findings)
            {
                await output.WriteLineAsync($"  order {finding.OrderId}: {finding.Problem}");
            }

            return 1;
        }
        finally
        {
            await DisposeAsync(database);
        }
    }

    private static async ValueTask DisposeAsync(Database database)
    {
        if (database is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
