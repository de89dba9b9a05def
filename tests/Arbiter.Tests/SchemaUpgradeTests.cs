using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbiter.Cli;
using Arbiter.Domain.Common;
using Arbiter.Events;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>
/// Databases the service wrote with schema 13 (Fixtures/schema13, with how they were made) are
/// upgraded in place: the books, the orders and the events waiting for fan-out come through whole.
/// </summary>
public abstract class SchemaUpgradeTests(Backend backend)
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "schema13");

    [Fact]
    public async Task A_database_of_schema_13_is_upgraded_with_its_books_orders_and_waiting_events()
    {
        var ct = TestContext.Current.CancellationToken;
        var storage = await RestoreAsync(ct);
        var db = storage.Options().OpenDatabase();
        IReadOnlyList<(string PostingId, int Idx, string Account, long Amount)> entriesBefore;
        IReadOnlyList<string> waitingBefore;
        IReadOnlyList<long> eventsBefore;
        JsonNode policyBefore;
        await using (var connection = await db.OpenAsync(ct))
        {
            entriesBefore = [.. await connection.QueryAsync<(string, int, string, long)>("SELECT posting_id, idx, account, amount FROM ledger_entries ORDER BY posting_id, idx")];
            waitingBefore = [.. await connection.QueryAsync<string>("SELECT event_id FROM events_waiting")];
            eventsBefore = [.. await connection.QueryAsync<long>("SELECT seq FROM events WHERE order_id = 'fx-2' ORDER BY seq")];
            policyBefore = JsonNode.Parse(await connection.ExecuteScalarAsync<string>("SELECT doc FROM orders WHERE id = 'fx-3'") ?? "")!["policy"]!;
        }

        Assert.Equal(26, entriesBefore.Count);
        Assert.NotEmpty(waitingBefore);

        await using var host = await ArbiterHost.StartAsync(
            storage, mailFolder: Path.Combine(storage.DataDirectory, "mail"), options: o => o with { ClockStart = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero) });
        await host.Services.GetRequiredService<Outbox>().RunDueAsync(ct);

        // The books: every entry in its posting, in its place, and the audit passes.
        var store = host.Services.GetRequiredService<OrderStore>();
        var entriesAfter = new List<(string, int, string, long)>();
        await foreach (var id in store.AllIdsAsync(ct))
        {
            var loaded = await store.LoadAsync(id, ct);
            entriesAfter.AddRange(loaded!.Order.Ledger.Postings.SelectMany(p => p.Entries.Select((e, i) => (p.Id, i, e.Account, e.Amount))));
        }

        Assert.Equal(entriesBefore.OrderBy(e => e.PostingId, StringComparer.Ordinal).ThenBy(e => e.Idx), entriesAfter.OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2));
        var report = new StringWriter();
        Assert.Equal(0, await MaintenanceCommands.AuditAsync(storage.Options(), report));
        Assert.StartsWith("Audit passed: 9 orders", report.ToString());

        // The events that waited were fanned out once: e-mail for them now exists, nothing waits.
        await using (var connection = await db.OpenAsync(ct))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events_waiting"));
            var mailed = await connection.QueryAsync<string>($"SELECT DISTINCT event_id FROM mail_messages WHERE {db.InList("event_id", "ids")}", new { ids = waitingBefore.ToArray() });
            Assert.NotEmpty(mailed);
        }

        // The orders read as they were written, and take new commands.
        var buyer = host.Client("demo-buyer-token");
        var disputed = await GetAsync(buyer, "/api/v1/orders/fx-2");
        Assert.Equal("completed", Text(disputed, "status"));
        var dispute = await GetAsync(buyer, "/api/v1/disputes/fx-2-d1");
        Assert.Equal("resolved", Text(dispute, "status"));
        Assert.Equal(700, dispute["outcome"]!["refundAmount"]!.GetValue<long>());
        var events = await GetAsync(host.Platform, "/api/v1/events?orderId=fx-2");
        Assert.Equal(eventsBefore, events.AsArray().Select(e => e!["sequence"]!.GetValue<long>()));
        await PostOk(buyer, "/api/v1/orders/fx-3/confirm-receipt");
        await Expect(await buyer.GetAsync("/api/v1/orders/fx-3"), HttpStatusCode.OK);
        report = new StringWriter();
        Assert.Equal(0, await MaintenanceCommands.AuditAsync(storage.Options(), report));
        var fx3 = (await store.LoadAsync(OrderId.Of("fx-3"), ct))!.Order;
        Assert.Equal([new(Domain.Ledger.LedgerAccount.Escrow, -1750), new(Domain.Ledger.LedgerAccount.Seller, 1750)], fx3.Ledger.Postings[^1].Entries);

        // Saved again, an order's policy moves beside its document, unchanged; the others keep theirs inside until then.
        Assert.True(JsonNode.DeepEquals(policyBefore, JsonSerializer.SerializeToNode(fx3.Policy, Json.Storage)));
        await using (var connection = await db.OpenAsync(ct))
        {
            var documents = (await connection.QueryAsync<(string Id, string Doc, string? PolicyId)>("SELECT id, doc, policy_id FROM orders")).ToDictionary(o => o.Id);
            Assert.Null(JsonNode.Parse(documents["fx-3"].Doc)!["policy"]);
            Assert.NotNull(documents["fx-3"].PolicyId);
            Assert.NotNull(JsonNode.Parse(documents["demo_unshipped"].Doc)!["policy"]);
            Assert.Null(documents["demo_unshipped"].PolicyId);
        }
    }

    /// <summary>A new storage holding the fixture's database and the key that seals its secrets.</summary>
    private async Task<TestStorage> RestoreAsync(CancellationToken ct)
    {
        var storage = await TestStorage.NewAsync(backend);
        File.Copy(Path.Combine(Fixtures, "secrets.key"), storage.SecretsKeyFile, overwrite: true);
        if (backend == Backend.Sqlite)
        {
            await using var compressed = new GZipStream(File.OpenRead(Path.Combine(Fixtures, "sqlite.db.gz")), CompressionMode.Decompress);
            await using var file = File.Create(Path.Combine(storage.DataDirectory, "arbiter.db"));
            await compressed.CopyToAsync(file, ct);
            return storage;
        }

        using var dump = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(Fixtures, "postgres.sql.gz")), CompressionMode.Decompress));
        // Not pooled: the dump empties its session's search_path.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(storage.Connection) { Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(await dump.ReadToEndAsync(ct));
        return storage;
    }
}

public sealed class SchemaUpgradeTestsOnSqlite() : SchemaUpgradeTests(Backend.Sqlite);

public sealed class SchemaUpgradeTestsOnPostgres() : SchemaUpgradeTests(Backend.Postgres);
