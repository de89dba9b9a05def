using System.Net.Http.Json;
using Arbiter.Testing;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Arbiter.Bench;

/// <summary>
/// What an order costs on disk after a whole dispute lifecycle over HTTP: created, shipped,
/// disputed with a description and a message, offered a partial refund that the buyer accepts, and
/// the refund sent and completed. The cost is the database's growth over an empty, migrated
/// database, divided by the orders. It is measured after a checkpoint, with the rows that updates
/// left behind vacuumed away, as a long-running database keeps them. On PostgreSQL each table's
/// share is beside it.
/// </summary>
internal static class StorageBenchmark
{
    private const string Key = "bench-platform-key";
    private const int Clients = 8;

    public static async Task<StorageFigures> RunAsync(BenchStorage storage, int orders)
    {
        var db = storage.Open();
        await db.MigrateAsync();
        var empty = await SizesAsync(storage);
        await using (var node = await NodeProcess.StartAsync(Key, storage.NodeArgs(), simulatedClock: false))
        {
            var platform = node.Client(Key);
            var buyer = node.Client(await AccountAsync(platform, "b1", "buyer"));
            var seller = node.Client(await AccountAsync(platform, "s1", "seller"));
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
            {
                for (int n; (n = Interlocked.Increment(ref next)) <= orders;)
                {
                    var id = $"ord-2026-{n:D6}";
                    await OkAsync(platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine(id)));
                    await OkAsync(seller.PostAsJsonAsync($"/api/v1/orders/{id}/shipment", new { carrier = "China Post", trackingNumber = $"RB{n:D9}CN" }));
                    await OkAsync(buyer.PostAsJsonAsync($"/api/v1/orders/{id}/disputes", new
                    {
                        lineId = "l1", received = true, reason = "not_as_described", solution = new { type = "refund_only" },
                        description = "The speedometer does not light up, and the cable is shorter than the listing says.",
                    }));
                    await OkAsync(buyer.PostAsJsonAsync($"/api/v1/disputes/{id}-d1/messages", new { text = "Photos are attached; the box was intact." }));
                    await OkAsync(seller.PostAsJsonAsync($"/api/v1/disputes/{id}-d1/offers", new { type = "refund_only", amount = 1000, note = "Sorry: half back." }));
                    await OkAsync(buyer.PostAsJsonAsync($"/api/v1/disputes/{id}-d1/offers/of1/accept", new { }));
                    await OkAsync(platform.PostAsJsonAsync($"/api/v1/refunds/{id}-r1/sent", new { reference = $"re_{n}" }));
                    await OkAsync(platform.PostAsJsonAsync($"/api/v1/refunds/{id}-r1/completed", new { reference = $"re_{n}" }));
                }
            }));
        }

        var full = await SizesAsync(storage);
        if (db is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        var tables = full.Tables
            .Select(t => (t.Key, Bytes: (double)(t.Value - empty.Tables.GetValueOrDefault(t.Key)) / orders))
            .Where(t => t.Bytes > 0)
            .OrderByDescending(t => t.Bytes)
            .ToList();
        return new StorageFigures((double)(full.Total - empty.Total) / orders, tables);
    }

    /// <summary>The database's size in bytes, and each table's with its indexes, after a checkpoint and a vacuum.</summary>
    private static async Task<(long Total, Dictionary<string, long> Tables)> SizesAsync(BenchStorage storage)
    {
        if (storage.Backend == "postgres")
        {
            await using var connection = new NpgsqlConnection(storage.Connection);
            await connection.OpenAsync();
            await connection.ExecuteAsync("VACUUM; CHECKPOINT");
            var total = await connection.ExecuteScalarAsync<long>("SELECT pg_database_size(current_database())");
            var tables = await connection.QueryAsync<(string Name, long Bytes)>(
                "SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables");
            return (total, tables.ToDictionary(t => t.Name, t => t.Bytes));
        }

        // The file's pages once the log is folded into it. The bundled SQLite has no dbstat table, so
        // no size per table: PostgreSQL's shares show where the bytes go.
        await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(storage.DataDirectory, "arbiter.db")};Pooling=False");
        await sqlite.OpenAsync();
        await sqlite.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE); VACUUM");
        return (await sqlite.ExecuteScalarAsync<long>("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"), []);
    }

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        response.EnsureSuccessStatusCode();
    }

    private static async Task<string> AccountAsync(HttpClient platform, string id, string role)
    {
        using var response = await platform.PostAsJsonAsync("/api/v1/accounts", new { id, role, displayName = id, email = $"{id}@example.test" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AccountCreated>())!.Token;
    }

    private sealed record AccountCreated(string Token);
}

/// <summary>Bytes on disk per order after its lifecycle, in all and per table (with its indexes), largest first.</summary>
internal sealed record StorageFigures(double BytesPerOrder, IReadOnlyList<(string Table, double Bytes)> Tables);
