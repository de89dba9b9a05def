using Arbiter.Domain;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Privacy;

/// <summary>What one retention pass did.</summary>
internal sealed record RetentionPass(int OrdersErased, int EventsPruned, int SignInsPruned);

/// <summary>
/// The retention policy (<see cref="Policy.RetentionDays"/>): what parties wrote into orders that
/// finished that long ago is erased (their words and evidence, as an erasure would), and events whose
/// webhooks and e-mail are done, with those deliveries and that mail, are pruned, as are used sign-in
/// links and ended web sessions. The books, the orders and their history stay. Work goes in small
/// batches, each its own short transaction, so neither commands nor other nodes wait long for it.
/// </summary>
internal sealed class Retention(Database db, OrderStore store, Policy policy, TimeProvider clock)
{
    private const int OrdersPerBatch = 50;
    private const int RowsPerBatch = 500;
    private const string CursorSetting = "retention_cursor";

    /// <summary>Erases and prunes everything that has been kept long enough by now.</summary>
    public async Task<RetentionPass> RunDueAsync(CancellationToken ct = default)
    {
        var cutoff = (clock.GetUtcNow() - TimeSpan.FromDays(policy.RetentionDays)).ToUnixTimeMilliseconds();
        var orders = 0;
        for (int erased; (erased = await EraseBatchAsync(cutoff, ct)) >= 0;)
        {
            orders += erased;
        }

        var events = 0;
        for (int pruned; (pruned = await PruneEventsAsync(cutoff, ct)) > 0;)
        {
            events += pruned;
        }

        var signIns = 0;
        for (int pruned; (pruned = await PruneSignInsAsync(cutoff, ct)) > 0;)
        {
            signIns += pruned;
        }

        return new RetentionPass(orders, events, signIns);
    }

    /// <summary>
    /// Erases both parties' words from the next orders that finished before <paramref name="cutoff"/>,
    /// by when they finished. The place reached is kept in the database, locked while a batch runs,
    /// so that nodes take turns; an order that finishes again later (a chargeback) comes round again.
    /// </summary>
    /// <returns>How many orders had words erased; -1 when none are left.</returns>
    private Task<int> EraseBatchAsync(long cutoff, CancellationToken ct) => db.WriteAsync(async (connection, tx) =>
    {
        await connection.ExecuteAsync("INSERT INTO settings (name, value) VALUES (@CursorSetting, '') ON CONFLICT (name) DO NOTHING", new { CursorSetting }, tx);
        var cursor = await connection.QuerySingleAsync<string>($"SELECT value FROM settings WHERE name = @CursorSetting{db.LockWaiting}", new { CursorSetting }, tx);
        var (afterAt, afterId) = cursor.Split(' ') is [var at, var id] ? (long.Parse(at, System.Globalization.CultureInfo.InvariantCulture), id) : (long.MinValue, "");
        var page = (await connection.QueryAsync<(string Id, long FinishedAt, long UpdatedAt)>(
            $"""
            SELECT id, finished_at, updated_at FROM orders
            WHERE finished_at IS NOT NULL AND finished_at <= @cutoff AND (finished_at > @afterAt OR (finished_at = @afterAt AND id > @afterId))
            ORDER BY finished_at, id LIMIT {OrdersPerBatch}
            """,
            new { cutoff, afterAt, afterId },
            tx)).ToList();
        if (page.Count == 0)
        {
            return -1;
        }

        var erased = await WordsEraser.EraseAsync(connection, tx, store, [.. page.Select(p => new OrderToErase(p.Id, p.UpdatedAt))], [Party.Buyer, Party.Seller], clock.GetUtcNow());
        await connection.ExecuteAsync(
            "UPDATE settings SET value = @value WHERE name = @CursorSetting",
            new { CursorSetting, value = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{page[^1].FinishedAt} {page[^1].Id}") },
            tx);
        return erased;
    }, ct);

    /// <summary>Deletes the oldest events from before <paramref name="cutoff"/> whose fan-out, webhooks and e-mail are done, with those deliveries and that mail.</summary>
    private Task<int> PruneEventsAsync(long cutoff, CancellationToken ct) => db.WriteAsync(async (connection, tx) =>
    {
        var ids = (await connection.QueryAsync<string>(
            $"""
            SELECT e.id FROM events e
            WHERE e.created_at < @cutoff
              AND NOT EXISTS (SELECT 1 FROM events_waiting w WHERE w.order_id = e.order_id AND w.seq <= e.seq AND w.last_seq >= e.seq)
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
              AND NOT EXISTS (SELECT 1 FROM mail_messages m WHERE m.event_id = e.id AND m.status = 'pending')
            ORDER BY e.created_at LIMIT {RowsPerBatch}
            """,
            new { cutoff },
            tx)).ToArray();
        if (ids.Length == 0)
        {
            return 0;
        }

        // Dapper, not a batch: the list parameter is expanded (SQLite) or sent as an array (PostgreSQL).
        var events = db.InList("event_id", "ids");
        await connection.ExecuteAsync($"DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE {events})", new { ids }, tx);
        await connection.ExecuteAsync($"DELETE FROM webhook_deliveries WHERE {events}", new { ids }, tx);
        await connection.ExecuteAsync($"DELETE FROM mail_messages WHERE {events}", new { ids }, tx);
        await connection.ExecuteAsync($"DELETE FROM events WHERE {db.InList("id", "ids")}", new { ids }, tx);
        return ids.Length;
    }, ct);

    /// <summary>Deletes sign-in links that expired and web sessions that ended before <paramref name="cutoff"/>.</summary>
    private Task<int> PruneSignInsAsync(long cutoff, CancellationToken ct) => db.WriteAsync(async (connection, tx) =>
        await connection.ExecuteAsync(
            $"DELETE FROM sign_in_links WHERE token_hash IN (SELECT token_hash FROM sign_in_links WHERE expires_at < @cutoff LIMIT {RowsPerBatch})",
            new { cutoff },
            tx)
        + await connection.ExecuteAsync(
            $"DELETE FROM web_sessions WHERE id_hash IN (SELECT id_hash FROM web_sessions WHERE ended_at < @cutoff LIMIT {RowsPerBatch})",
            new { cutoff },
            tx), ct);
}
