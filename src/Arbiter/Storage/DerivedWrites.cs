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
    private readonly List<object> _timersSet = [];

    public void Event(string id, string orderId, long sequence, string type, string? disputeId, string? refundId, string payload, long at) =>
        _events.Add(new EventRow(id, orderId, sequence, type, disputeId, refundId, payload, at));

    public void Waiting(string orderId, long sequence, long lastSequence) => _waiting.Add(new WaitingRow(orderId, sequence, lastSequence));

    public void Posting(string id, string orderId, int sequence, string lineId, string kind, long at, string entries) =>
        _postings.Add(new PostingRow(id, orderId, sequence, lineId, kind, at, entries));

    /// <summary>The order's timer moves to its earliest deadline.</summary>
    public void TimerAt(string orderId, long dueAt) => _timersSet.Add(new TimerRow(orderId, dueAt));

    /// <summary>The order has no deadline left.</summary>
    public void TimerGone(string orderId) => _timersGone.Add(new TimerOf(orderId));

    /// <summary>Adds the statements.</summary>
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
        batch.AddRows(
            "DELETE FROM timers WHERE order_id = @OrderId",
            "DELETE FROM timers WHERE order_id = ANY(@OrderId)",
            _timersGone);
        batch.AddRows(
            "INSERT INTO timers (order_id, due_at) VALUES (@OrderId, @DueAt) ON CONFLICT (order_id) DO UPDATE SET due_at = excluded.due_at",
            "INSERT INTO timers (order_id, due_at) SELECT * FROM unnest(@OrderId, @DueAt) ON CONFLICT (order_id) DO UPDATE SET due_at = excluded.due_at",
            _timersSet);
    }

    private sealed record EventRow(string Id, string OrderId, long Sequence, string Type, string? DisputeId, string? RefundId, string Payload, long At);

    private sealed record WaitingRow(string OrderId, long Sequence, long LastSequence);

    private sealed record PostingRow(string Id, string OrderId, int Sequence, string LineId, string Kind, long At, string Entries);

    private sealed record TimerOf(string OrderId);

    private sealed record TimerRow(string OrderId, long DueAt);
}
