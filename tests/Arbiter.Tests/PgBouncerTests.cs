using Arbiter.Cli;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>
/// Arbiter behind PgBouncer in transaction mode, where consecutive transactions of one connection
/// may run on different server sessions: migrations, orders, disputes, refunds, timers and many
/// commands at once all work and the books balance. Debian's PgBouncer (1.18) does not carry
/// prepared statements across server sessions, so Arbiter's automatic preparing is turned off in the
/// connection string (<c>Max Auto Prepare=0</c>), as docs/operations.md says.
/// </summary>
public sealed class PgBouncerTests
{
    [Fact]
    public async Task Everything_works_through_pgbouncer_in_transaction_mode_and_the_books_balance()
    {
        await using var bouncer = await PgBouncer.StartAsync(PostgresServer.Port);
        var direct = await TestStorage.NewAsync(Backend.Postgres);
        var storage = direct with { Connection = bouncer.ConnectionString(direct.Connection!) + ";Max Auto Prepare=0" };
        await using var host = await ArbiterHost.StartAsync(storage);
        var market = await Marketplace.OpenAsync(host);

        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => market.RefundedOrderAsync($"o{i}")));
        await market.DisputeAsync("silent");
        await market.AdvanceAsync(days: 6);

        var silent = await Marketplace.GetAsync(market.Platform, "/api/v1/disputes/silent-d1");
        Assert.Equal("resolved", silent["status"]!.GetValue<string>());
        Assert.Equal("seller_no_response", silent["outcome"]!["decidedBy"]!.GetValue<string>());
        var report = new StringWriter();
        Assert.True(await MaintenanceCommands.AuditAsync(storage.Options(), report) == 0, report.ToString());
    }
}
