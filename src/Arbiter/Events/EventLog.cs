using Arbiter.Storage;
using Dapper;

namespace Arbiter.Events;

/// <summary>The events as stored, for a platform that reconciles against them or missed a delivery.</summary>
internal sealed class EventLog(Database db)
{
    /// <summary>An order's events in the order they happened, as their JSON payloads.</summary>
    public async Task<IReadOnlyList<string>> OfOrderAsync(string orderId, long afterSequence, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return [.. await connection.QueryAsync<string>(
            "SELECT payload FROM events WHERE order_id = @orderId AND seq > @afterSequence ORDER BY seq LIMIT @limit", new { orderId, afterSequence, limit })];
    }

    /// <summary>One event's JSON payload, or null.</summary>
    public async Task<string?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>("SELECT payload FROM events WHERE id = @id", new { id });
    }
}
