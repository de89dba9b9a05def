using System.Data.Common;
using System.Text.Json;
using Arbiter.Observability;
using Arbiter.Storage;
using Arbiter.Timers;
using Dapper;

namespace Arbiter.Events;

/// <summary>An event as it waits in the outbox.</summary>
internal sealed record OutboxEvent(string Id, string OrderId, long Seq, string Type, string? RefundId, long CreatedAt, string Payload);

/// <summary>
/// A part of the service that acts on events (webhooks, e-mail, the sandbox's payment simulator).
/// It is handed each event once, in the transaction that marks the event fanned out, and writes
/// there the work the event means for it; then it does that work when it falls due.
/// </summary>
internal interface IOutboxConsumer
{
    /// <summary>Reads what the consumer needs for a batch of events, and returns what to write for each one.</summary>
    Task<Action<OutboxEvent, SqlBatch>> PrepareAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now);

    /// <summary>Does the work due now; returns how much it did.</summary>
    Task<int> RunDueAsync(CancellationToken ct);
}

/// <summary>
/// Takes events out of the outbox: fans each new one out to every consumer exactly once (an
/// order's events in their order, on any number of nodes), then lets the consumers work, again
/// and again while work begets work (a completed refund is itself an event). A consumer that fails
/// is logged and tried again on the next pass; the others go on.
/// </summary>
internal sealed class Outbox(Database db, IEnumerable<IOutboxConsumer> consumers, TimeProvider clock, ILogger<Outbox> logger) : IDisposable
{
    private const int FanOutBatch = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs until nothing is left to fan out or due; returns how much the consumers did.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var total = 0;
            while (true)
            {
                if (clock is SimulatedClock simulated)
                {
                    await simulated.RefreshAsync(ct);
                }

                while (await FanOutAsync(ct) == FanOutBatch)
                {
                }

                var done = 0;
                foreach (var consumer in consumers)
                {
                    try
                    {
                        // The commands a consumer runs are counted and traced as its own (mediator_assigner, payment_simulator).
                        Telemetry.Door.Value = JsonNamingPolicy.SnakeCaseLower.ConvertName(consumer.GetType().Name);
                        done += await consumer.RunDueAsync(ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "{Consumer} failed; its work waits for the next pass", consumer.GetType().Name);
                    }
                }

                if (done == 0)
                {
                    return total;
                }

                total += done;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Hands waiting events to the consumers, an order's events in their order; returns how many
    /// outbox rows it took (a command's events wait in one).
    /// </summary>
    private Task<int> FanOutAsync(CancellationToken ct) => db.WriteAsync(async (connection, tx) =>
    {
        var rows = (await connection.QueryAsync<WaitingEvent>(
            """
            SELECT w.seq AS WaitingSeq, e.id AS Id, e.order_id AS OrderId, e.seq AS Seq, e.type AS Type, e.refund_id AS RefundId, e.created_at AS CreatedAt, e.payload AS Payload
            FROM (SELECT order_id, seq, last_seq FROM events_waiting ORDER BY order_id, seq LIMIT @limit) w
            JOIN events e ON e.order_id = w.order_id AND e.seq >= w.seq AND e.seq <= w.last_seq
            ORDER BY e.order_id, e.seq
            """,
            new { limit = FanOutBatch },
            tx)).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }

        var events = rows.Select(r => new OutboxEvent(r.Id, r.OrderId, r.Seq, r.Type, r.RefundId, r.CreatedAt, r.Payload)).ToList();
        var writes = new List<Action<OutboxEvent, SqlBatch>>();
        foreach (var consumer in consumers)
        {
            writes.Add(await consumer.PrepareAsync(connection, tx, clock.GetUtcNow()));
        }

        var batch = new SqlBatch();
        foreach (var e in events)
        {
            writes.ForEach(write => write(e, batch));
        }

        var taken = rows.Select(r => new WaitingKey(r.OrderId, r.WaitingSeq)).Distinct().ToList<object>();
        batch.AddRows(
            "DELETE FROM events_waiting WHERE order_id = @OrderId AND seq = @Seq",
            "DELETE FROM events_waiting w USING unnest(@OrderId, @Seq) AS taken (order_id, seq) WHERE w.order_id = taken.order_id AND w.seq = taken.seq",
            taken);
        await batch.ExecuteAsync(connection, tx);
        return taken.Count;
    }, ct);

    /// <summary>An outbox row's key: its order and its command's first event.</summary>
    private sealed record WaitingKey(string OrderId, long Seq);

    /// <summary>An event with the outbox row it waits in (by its command's first event).</summary>
    private sealed record WaitingEvent(long WaitingSeq, string Id, string OrderId, long Seq, string Type, string? RefundId, long CreatedAt, string Payload);
}
