namespace Arbiter.Storage;

/// <summary>
/// The rows that saving a batch of orders adds or removes in the outbox, the ledger and the timers,
/// gathered across the batch so that each kind is written by one statement (<see cref="SqlBatch.AddRows"/>):
/// a timer firing saves a hundred orders at once.
/// </summary>
internal sealed class DerivedWrites
{
    private readonly List<object> _events = [];
    private readonly List<object> _waiting = [];
    private readonly List<object> _postings = [];
    private readonly List<object> _timersGone = [];
    private readonly List<object> _timersArmed = [];

    public void Event(string id, string orderId, long sequence, string type, string? disputeId, string? refundId, string payload, long at) =>
        _events.Add(new EventRow(id, orderId, sequence, type, disputeId, refundId, payload, at));

    public void Waiting(string orderId, long sequence, long lastSequence) => _waiting.Add(new WaitingRow(orderId, sequence, lastSequence));

    public void Posting(string id, string orderId, int sequence, string lineId, string kind, long at, string entries) =>
        _postings.Add(new PostingRow(id, orderId, sequence, lineId, kind, at, entries));

    public void TimerGone(string orderId, string key) => _timersGone.Add(new TimerKey(orderId, key));

    public void TimerArmed(string orderId, string key, string kind, long dueAt) => _timersArmed.Add(new TimerRow(orderId, key, kind, dueAt));

    /// <summary>Adds the statements; a timer armed again under its key (a deadline moved) replaces its row.</summary>
    public void AddTo(SqlBatch batch)
    {
        batch.AddRows(
            """
            INSERT INTO events (id, order_id, seq, type, dispute_id, refund_id, payload, created_at)
            VALUES (@Id, @OrderId, @Sequence, @Type, @DisputeId, @RefundId, @Payload, @At)
            """,
            """
            INSERT INTO events (id, order_id, seq, type, dispute_id, refund_id, payload, created_at)
            SELECT * FROM unnest(@Id, @OrderId, @Sequence, @Type, @DisputeId, @RefundId, @Payload, @At)
            """,
            _events);
        batch.AddRows(
            "INSERT INTO events_waiting (order_id, seq, last_seq) VALUES (@OrderId, @Sequence, @LastSequence)",
            "INSERT INTO events_waiting (order_id, seq, last_seq) SELECT * FROM unnest(@OrderId, @Sequence, @LastSequence)",
            _waiting);
        batch.AddRows(
            "INSERT INTO ledger_postings (id, order_id, seq, line_id, kind, at, entries) VALUES (@Id, @OrderId, @Sequence, @LineId, @Kind, @At, @Entries)",
            "INSERT INTO ledger_postings (id, order_id, seq, line_id, kind, at, entries) SELECT * FROM unnest(@Id, @OrderId, @Sequence, @LineId, @Kind, @At, @Entries)",
            _postings);
        // A join with unnest is planned as a scan of the whole table while its statistics are missing or
        // stale (a young database): one order's timers are found by an equality on the order instead.
        batch.AddRows(
            "DELETE FROM timers WHERE order_id = @OrderId AND key = @Key",
            _timersGone.Cast<TimerKey>().Select(t => t.OrderId).Distinct().Count() == 1
                ? "DELETE FROM timers WHERE order_id = (@OrderId)[1] AND key = ANY(@Key)"
                : "DELETE FROM timers t USING unnest(@OrderId, @Key) AS gone (order_id, key) WHERE t.order_id = gone.order_id AND t.key = gone.key",
            _timersGone);
        batch.AddRows(
            "INSERT INTO timers (order_id, key, kind, due_at) VALUES (@OrderId, @Key, @Kind, @DueAt) ON CONFLICT (order_id, key) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at",
            """
            INSERT INTO timers (order_id, key, kind, due_at) SELECT * FROM unnest(@OrderId, @Key, @Kind, @DueAt)
            ON CONFLICT (order_id, key) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at
            """,
            _timersArmed);
    }

    private sealed record EventRow(string Id, string OrderId, long Sequence, string Type, string? DisputeId, string? RefundId, string Payload, long At);

    private sealed record WaitingRow(string OrderId, long Sequence, long LastSequence);

    private sealed record PostingRow(string Id, string OrderId, int Sequence, string LineId, string Kind, long At, string Entries);

    private sealed record TimerKey(string OrderId, string Key);

    private sealed record TimerRow(string OrderId, string Key, string Kind, long DueAt);
}
