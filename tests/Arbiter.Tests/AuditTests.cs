using System.Net;
using System.Net.Http.Json;
using Arbiter.Cli;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>The audit command reads the books as an accountant would and says plainly what is wrong.</summary>
public abstract class AuditTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task The_books_of_a_busy_marketplace_pass_the_audit()
    {
        await Market.ShippedOrderAsync("o1");
        await PostOk(Market.Buyer, "/api/v1/orders/o1/confirm-receipt");
        var offered = Text(await Market.DisputeAsync("o2"), "id");
        var offer = await Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{offered}/offers", new { type = "refund_only", amount = 700 }), HttpStatusCode.Created);
        await PostOk(Market.Buyer, $"/api/v1/disputes/{offered}/offers/{offer["id"]}/accept", new { });
        await Market.DisputeAsync("o3");
        await Market.CreateOrderAsync("o4");
        await Market.AdvanceAsync(days: 10);

        var report = new StringWriter();
        Assert.Equal(0, await MaintenanceCommands.AuditAsync(Host.Storage.Options(), report));
        Assert.StartsWith("Audit passed: 4 orders", report.ToString());
    }

    [Fact]
    public async Task A_tampered_ledger_fails_the_audit_with_a_readable_report()
    {
        await Market.ShippedOrderAsync("o1");
        await PostOk(Market.Buyer, "/api/v1/orders/o1/confirm-receipt");
        await using (var connection = await Host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("UPDATE ledger_postings SET entries = replace(entries, '\"seller\",2299]', '\"seller\",2300]') WHERE id = 'o1:2'");
        }

        var report = new StringWriter();
        Assert.Equal(1, await MaintenanceCommands.AuditAsync(Host.Storage.Options(), report));
        Assert.Contains("order o1: posting o1:2 does not balance: its entries sum to USD 0.01", report.ToString());
        Assert.Contains("order o1: line l1: escrow holds USD 0.00, not captured USD 22.99 - released USD 23.00 - refunded USD 0.00", report.ToString());
    }

    [Theory]
    [InlineData("DELETE FROM timers WHERE order_id = 'o1'")]
    [InlineData("UPDATE timers SET due_at = due_at + 1 WHERE order_id = 'o1'")]
    public async Task A_lost_or_late_timer_fails_the_audit(string damage)
    {
        await Market.ShippedOrderAsync("o1");
        await using (var connection = await Host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(1, await connection.ExecuteAsync(damage));
        }

        var report = new StringWriter();
        Assert.Equal(1, await MaintenanceCommands.AuditAsync(Host.Storage.Options(), report));
        Assert.Contains("order o1: its timer is not at the earliest deadline its state implies", report.ToString());
    }

    [Fact]
    public async Task A_posting_filed_under_another_order_fails_the_audit()
    {
        await Market.ShippedOrderAsync("o1");
        await using (var connection = await Host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("UPDATE ledger_postings SET order_id = 'o2' WHERE id = 'o1:1'");
        }

        var report = new StringWriter();
        Assert.Equal(1, await MaintenanceCommands.AuditAsync(Host.Storage.Options(), report));
        Assert.Contains("order o2: postings exist for an order that does not", report.ToString());
        Assert.Contains("order o1: line l1: captured USD 0.00, but the line costs USD 22.99", report.ToString());
    }

    [Fact]
    public async Task Migrate_brings_a_new_database_up_to_date_and_is_idempotent()
    {
        var storage = await TestStorage.NewAsync(Backend);
        var output = new StringWriter();
        Assert.Equal(0, await MaintenanceCommands.MigrateAsync(storage.Options(), output));
        Assert.Equal(0, await MaintenanceCommands.MigrateAsync(storage.Options(), output));
        Assert.Equal(["Applied 21 migration(s); the schema is up to date.", "The schema is up to date."], output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_database_of_the_first_schema_is_upgraded_with_its_ledger_intact()
    {
        await Market.ShippedOrderAsync("o1");
        await PostOk(Market.Buyer, "/api/v1/orders/o1/confirm-receipt");
        var d2 = Text(await Market.DisputeAsync("o2"), "id");
        await PostOk(Market.Seller, $"/api/v1/disputes/{d2}/reject", new { note = "No." });
        await PostOk(Market.Buyer, $"/api/v1/disputes/{d2}/escalate", new { note = "Help." });
        await Expect(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{d2}/info-requests", new { from = "buyer", question = "A photo?", businessDays = 3 }), HttpStatusCode.Created);
        // With the service stopped: its timers and workers would query the tables being dropped.
        var db = Host.Storage.Options().OpenDatabase();
        await RestartAsync(async () =>
        {
            await using (var connection = await db.OpenAsync(TestContext.Current.CancellationToken))
            {
                // Back to how the first schema stored documents: each with its policy inside.
                var documents = await connection.QueryAsync<(string Id, string Doc, string Policy)>("SELECT o.id, o.doc, p.doc FROM orders o JOIN policies p ON p.id = o.policy_id");
                foreach (var (id, doc, policy) in documents)
                {
                    var inline = System.Text.Json.Nodes.JsonNode.Parse(doc)!.AsObject();
                    inline["policy"] = System.Text.Json.Nodes.JsonNode.Parse(policy);
                    await connection.ExecuteAsync("UPDATE orders SET doc = @doc WHERE id = @id", new { id, doc = inline.ToJsonString() });
                }

                await connection.ExecuteAsync("DROP TABLE policies; ALTER TABLE orders DROP COLUMN policy_id");

                // Back to how the first schema stored entries: a row each, without their order.
                var postings = await connection.QueryAsync<(string Id, string Entries)>("SELECT id, entries FROM ledger_postings");
                await connection.ExecuteAsync(
                    """
                    CREATE TABLE ledger_entries (
                        posting_id TEXT NOT NULL REFERENCES ledger_postings (id), idx INTEGER NOT NULL,
                        account TEXT NOT NULL, amount BIGINT NOT NULL, PRIMARY KEY (posting_id, idx));
                    ALTER TABLE ledger_postings DROP COLUMN entries;
                    """);
                foreach (var (id, entries) in postings)
                {
                    foreach (var (entry, idx) in System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement[][]>(entries)!.Select((e, i) => (e, i)))
                    {
                        await connection.ExecuteAsync(
                            "INSERT INTO ledger_entries (posting_id, idx, account, amount) VALUES (@id, @idx, @account, @amount)",
                            new { id, idx, account = entry[0].GetString(), amount = entry[1].GetInt64() });
                    }
                }

                await connection.ExecuteAsync(
                    """
                    DROP TABLE sign_in_links; DROP TABLE data_protection_keys;
                    DROP TABLE webhook_attempts; DROP TABLE webhook_deliveries; DROP TABLE webhook_endpoints; DROP TABLE simulated_refunds; DROP TABLE refunds; DROP TABLE mail_messages; DROP TABLE events_waiting; DROP TABLE events;
                    ALTER TABLE accounts DROP COLUMN reminders_off; ALTER TABLE accounts DROP COLUMN region;
                    ALTER TABLE accounts DROP COLUMN language; ALTER TABLE accounts DROP COLUMN time_zone; ALTER TABLE accounts DROP COLUMN device_time_zone; ALTER TABLE accounts DROP COLUMN browser_language;
                    DROP INDEX idempotency_created; ALTER TABLE idempotency DROP COLUMN withheld; DROP TABLE web_sessions; DROP TABLE evidence_chunks; DROP TABLE chargebacks;
                    DROP INDEX orders_buyer_recent; DROP INDEX orders_seller_recent; DROP INDEX orders_buyer_due; DROP INDEX orders_seller_due; DROP INDEX orders_unfilled;
                    DROP INDEX disputes_buyer; CREATE INDEX orders_buyer ON orders (buyer_id); CREATE INDEX orders_seller ON orders (seller_id);
                    DROP INDEX disputes_seller; DROP INDEX disputes_escalated;
                    ALTER TABLE orders DROP COLUMN titles; ALTER TABLE orders DROP COLUMN due_at; ALTER TABLE disputes DROP COLUMN stage;
                    DROP INDEX disputes_order; DROP INDEX disputes_assignee; DROP INDEX disputes_unassigned; ALTER TABLE disputes DROP COLUMN assignee; ALTER TABLE disputes DROP COLUMN assigned_at;
                    DROP TABLE erasures; ALTER TABLE accounts DROP COLUMN erased_at; DROP INDEX orders_finished; ALTER TABLE orders DROP COLUMN finished_at;
                    DELETE FROM schema_migrations WHERE version > 1
                    """);
            }

            Assert.Equal(20, await db.MigrateAsync(TestContext.Current.CancellationToken));
        });

        var report = new StringWriter();
        Assert.Equal(0, await MaintenanceCommands.AuditAsync(Host.Storage.Options(), report));
        var order = await Expect(await Market.Buyer.GetAsync("/api/v1/orders/o1"), HttpStatusCode.OK);
        Assert.Equal("completed", Text(order, "status"));

        // What the lists search and sort by was filled in from the documents.
        var lists = Host.Services.GetRequiredService<OrderLists>();
        var ct = TestContext.Current.CancellationToken;
        var byTitle = await lists.OrdersAsync(new OrderListQuery("b1", null, null, false, "SPEEDO", ListOrder.Deadline, null, 50), ct);
        Assert.Equal(["o2", "o1"], byTitle.Items.Select(id => id.Value));
        var waitingForBuyer = await lists.DisputesAsync(new DisputeListQuery(null, null, true, [Domain.Disputes.DisputeStatus.Escalated], Domain.Disputes.EscalationStatus.WaitingForBuyer, null, null, 50), ct);
        Assert.Equal([d2], waitingForBuyer.Items.Select(d => d.Id));
    }
}

public sealed class AuditTestsOnSqlite() : AuditTests(Backend.Sqlite);

public sealed class AuditTestsOnPostgres() : AuditTests(Backend.Postgres);
