using Arbiter.Domain;
using Arbiter.Domain.Orders;

namespace Arbiter.Storage;

/// <summary>
/// The timer, dispute-index, refund-index and chargeback-index rows an order's document implies. A save compares the
/// rows as they stood when the order was read with the rows now, and writes only the difference:
/// most commands change one deadline or none, and the timer row moves only with the earliest.
/// </summary>
internal sealed record DerivedRows(IReadOnlySet<Deadline> Deadlines, IReadOnlySet<DisputeRow> Disputes, IReadOnlySet<RefundRow> Refunds, IReadOnlySet<ChargebackRow> Chargebacks)
{
    /// <summary>What a new order starts from: no rows at all.</summary>
    public static readonly DerivedRows None = new(new HashSet<Deadline>(), new HashSet<DisputeRow>(), new HashSet<RefundRow>(), new HashSet<ChargebackRow>());

    /// <summary>The order's timer: its earliest deadline (Unix milliseconds), or null when it has none.</summary>
    public long? NextDue { get; } = Deadlines.Count == 0 ? null : Deadlines.Min(d => d.DueAt).ToUnixTimeMilliseconds();

    public static DerivedRows Of(Order order) => new(
        order.Deadlines().ToHashSet(),
        order.Disputes.Select(d => new DisputeRow(d.Id, d.Status.ToString(), d.Escalation is null ? 0 : 1, d.CurrentDeadline?.DueAt.ToUnixTimeMilliseconds(), d.OpenedAt.ToUnixTimeMilliseconds(), d.EscalationStatus?.ToString(),
            d.Escalation?.Assignee, d.Escalation?.AssignedAt?.ToUnixTimeMilliseconds())).ToHashSet(),
        order.Refunds.Select(r => new RefundRow(r.Id, r.Status.ToString(), r.NeedsAttention ? 1 : 0, (r.UpdatedAt ?? r.CreatedAt).ToUnixTimeMilliseconds())).ToHashSet(),
        order.Chargebacks.Select(c => new ChargebackRow(c.Id, c.Status.ToString(), c.NeedsAttention ? 1 : 0, (c.ClosedAt ?? c.At).ToUnixTimeMilliseconds())).ToHashSet());
}

/// <summary>One row of the dispute index, as the lists and the mediator queue read it; the stage is where a mediator's work stands, the assignee who does it.</summary>
internal sealed record DisputeRow(string Id, string Status, int Escalated, long? DueAt, long OpenedAt, string? Stage, string? Assignee, long? AssignedAt);

/// <summary>One row of the refund index, as the mediators' list of refunds needing attention reads it.</summary>
internal sealed record RefundRow(string Id, string Status, int NeedsAttention, long UpdatedAt);

/// <summary>One row of the chargeback index, as the mediators' list of chargebacks needing attention reads it.</summary>
internal sealed record ChargebackRow(string Id, string Status, int NeedsAttention, long UpdatedAt);
