using System.Net;
using System.Net.Http.Json;
using Arbiter.Cli;
using Arbiter.Privacy;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>
/// The retention policy: the words and evidence of orders finished long enough ago are erased, and
/// delivered events with their webhook deliveries and e-mail are pruned; running orders and the
/// books are untouched.
/// </summary>
public abstract class RetentionTests(Backend backend) : IAsyncLifetime
{
    private ArbiterHost _host = null!;
    private Marketplace _market = null!;
    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        var storage = await TestStorage.NewAsync(backend);
        var policy = Path.Combine(storage.DataDirectory, "policy.json");
        await File.WriteAllTextAsync(policy, """{ "retentionDays": 30 }""", TestContext.Current.CancellationToken);
        _host = await ArbiterHost.StartAsync(storage, policyFile: policy, mailFolder: Path.Combine(storage.DataDirectory, "mail"));
        _market = await Marketplace.OpenAsync(_host);
        _receiver = await WebhookReceiver.StartAsync();
        await _market.SubscribeAsync(_receiver.Url);
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private Database Db => _host.Services.GetRequiredService<Database>();

    [Fact]
    public async Task Words_of_orders_finished_long_ago_are_erased_and_their_delivered_events_pruned()
    {
        var old = await DisputeWithWordsAsync("old", "RTN-old");
        await PostOk(_market.Seller, $"/api/v1/disputes/{old}/accept-claim");
        await PostOk(_market.Platform, "/api/v1/refunds/old-r1/completed", new { reference = "re_1" });
        await _market.AdvanceAsync(days: 20);
        var kept = await DisputeWithWordsAsync("kept", "RTN-kept");
        var historyBefore = (await GetAsync(_market.Platform, $"/api/v1/disputes/{old}"))["history"]!.AsArray().Count;
        Assert.NotEmpty(await DatabaseScan.FindAsync(Db, "RTN-old"));
        Assert.NotEqual(0, await CountAsync("SELECT COUNT(*) FROM mail_messages m JOIN events e ON e.id = m.event_id WHERE e.order_id = 'old'"));
        Assert.NotEqual(0, await CountAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE order_id = 'old'"));

        // 30 days after the old order finished (the claim accepted, the refund paid); the other is still open.
        await _market.AdvanceAsync(days: 11);

        Assert.Empty(await DatabaseScan.FindAsync(Db, "RTN-old"));
        Assert.NotEmpty(await DatabaseScan.FindAsync(Db, "RTN-kept"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM events WHERE order_id = 'old'"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE order_id = 'old'"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM mail_messages m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)"));
        Assert.NotEqual(0, await CountAsync("SELECT COUNT(*) FROM events WHERE order_id = 'kept'"));
        var erased = await GetAsync(_market.Platform, $"/api/v1/disputes/{old}");
        Assert.Equal((historyBefore, ""), (erased["history"]!.AsArray().Count, Text(erased, "claim.description")));
        Assert.Equal("The speedometer does not light up.", Text(await GetAsync(_market.Platform, $"/api/v1/disputes/{kept}"), "claim.description"));
        Assert.Equal(0, await MaintenanceCommands.AuditAsync(_host.Storage.Options(), TextWriter.Null));

        // Nothing is left to do: a pass after it erases and prunes nothing.
        Assert.Equal(new RetentionPass(0, 0, 0), await _host.Services.GetRequiredService<Retention>().RunDueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Many_finished_orders_are_all_erased_and_pruned()
    {
        for (var i = 1; i <= 120; i++)
        {
            var dispute = await DisputeWithWordsAsync($"o{i}", $"RTN-{i}-");
            await PostOk(_market.Buyer, $"/api/v1/disputes/{dispute}/cancel", new { confirm = true });
            await PostOk(_market.Buyer, $"/api/v1/orders/o{i}/confirm-receipt");
        }

        await _market.AdvanceAsync(days: 15);
        var retention = _host.Services.GetRequiredService<Retention>();
        Assert.Equal(new RetentionPass(0, 0, 0), await retention.RunDueAsync(TestContext.Current.CancellationToken));

        await _market.AdvanceAsync(days: 31);

        Assert.Empty(await DatabaseScan.FindAsync(Db, "RTN-"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM events"));
        Assert.Equal(0, await MaintenanceCommands.AuditAsync(_host.Storage.Options(), TextWriter.Null));
    }

    /// <summary>A dispute on a new shipped order, with the buyer's and the seller's words in it.</summary>
    private async Task<string> DisputeWithWordsAsync(string orderId, string words)
    {
        var dispute = Text(await _market.DisputeAsync(orderId), "id");
        await Expect(await _market.Buyer.PostAsJsonAsync($"/api/v1/disputes/{dispute}/messages", new { text = $"{words} buyer message" }), HttpStatusCode.Created);
        await Expect(await _market.Seller.PostAsJsonAsync($"/api/v1/disputes/{dispute}/messages", new { text = $"{words} seller message" }), HttpStatusCode.Created);
        await Expect(await _market.Buyer.PostAsync($"/api/v1/disputes/{dispute}/evidence", Evidence.Png($"{words}photo.png")), HttpStatusCode.Created);
        return dispute;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await Db.OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}

public sealed class RetentionTestsOnSqlite() : RetentionTests(Backend.Sqlite);

public sealed class RetentionTestsOnPostgres() : RetentionTests(Backend.Postgres);
