using System.Text.Json;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Events;

/// <summary>An event as the platform receives it (version 1): what happened, to which order, dispute, refund or chargeback, and those as they stood once the change was saved. A refund's event carries what a payment system needs to pay it.</summary>
/// <param name="Id">The event's id, the same on every redelivery: receivers drop what they have already seen.</param>
/// <param name="Type">The event type (<c>dispute.opened</c>).</param>
/// <param name="Version">The payload version.</param>
/// <param name="CreatedAt">When it happened (UTC).</param>
/// <param name="Sequence">Its place among the order's events, from 1, with no gaps: receivers put events of one order back in order by it.</param>
/// <param name="OrderId">The order.</param>
/// <param name="DisputeId">The dispute it concerns, if any.</param>
/// <param name="RefundId">The refund it concerns, if any.</param>
/// <param name="Actor">Who did it: <c>role:id</c> (<c>buyer:b1</c>, <c>mediator:usr:42</c>), or <c>platform</c> or <c>clock</c>.</param>
/// <param name="Details">More about it, for people.</param>
/// <param name="Order">The order as it stood.</param>
/// <param name="Dispute">The dispute as it stood, for a dispute's event.</param>
/// <param name="Refund">The refund as it stood, for a refund's event.</param>
/// <param name="Chargeback">The chargeback as it stood, for a chargeback's event.</param>
internal sealed record EventPayload(
    string Id,
    string Type,
    int Version,
    DateTime CreatedAt,
    long Sequence,
    string OrderId,
    string? DisputeId,
    string? RefundId,
    string Actor,
    string? Details,
    EventOrder Order,
    EventDispute? Dispute,
    EventRefund? Refund,
    EventChargeback? Chargeback = null)
{
    private static readonly JsonSerializerOptions Options = Json.UseEnumWords(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static string IdOf(string orderId, long sequence) => $"evt_{orderId}_{sequence}";

    public static EventPayload Of(Order order, RecordedEvent recorded, string type) => new(
        IdOf(order.Id.Value, recorded.Sequence),
        type,
        EventTypes.Version,
        recorded.Entry.At.UtcDateTime,
        recorded.Sequence,
        order.Id.Value,
        recorded.DisputeId,
        recorded.RefundId,
        recorded.Entry.Actor,
        recorded.Entry.Details,
        EventOrder.Of(order),
        recorded.DisputeId is { } disputeId && order.Dispute(disputeId) is { } dispute ? EventDispute.Of(dispute) : null,
        recorded.RefundId is { } refundId && order.Refund(refundId) is { } refund ? EventRefund.Of(order, refund) : null,
        recorded.ChargebackId is { } chargebackId && order.Chargeback(chargebackId) is { } chargeback ? EventChargeback.Of(order, chargeback) : null);

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

/// <summary>The order as an event carries it.</summary>
/// <param name="Id">The order id.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Currency">Its ISO 4217 currency.</param>
/// <param name="Total">What the buyer paid, in minor units.</param>
/// <param name="BuyerId">The buyer's account id.</param>
/// <param name="SellerId">The seller's account id.</param>
/// <param name="Payment">The payment captured into escrow.</param>
/// <param name="ProtectionEndsAt">When buyer protection ends (UTC).</param>
internal sealed record EventOrder(
    string Id, OrderStatus Status, string Currency, long Total, string BuyerId, string SellerId, Payment Payment, DateTime? ProtectionEndsAt)
{
    public static EventOrder Of(Order o) => new(o.Id.Value, o.Status, o.Currency.Code, o.Total.Minor, o.BuyerId, o.SellerId, o.Payment, o.ProtectionEndsAt?.UtcDateTime);
}

/// <summary>A dispute as an event carries it.</summary>
/// <param name="Id">The dispute's id.</param>
/// <param name="LineId">The line it is about.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="EscalationStatus">Where mediation stands, while in mediation.</param>
/// <param name="Deadline">The timer that decides what happens next, if any.</param>
/// <param name="RefundAmount">The refund decided, in minor units, once there is an outcome.</param>
/// <param name="Assignee">The mediator account it is assigned to, in mediation.</param>
internal sealed record EventDispute(string Id, string LineId, DisputeStatus Status, EscalationStatus? EscalationStatus, EventDeadline? Deadline, long? RefundAmount, string? Assignee)
{
    public static EventDispute Of(Dispute d) => new(
        d.Id,
        d.LineId,
        d.Status,
        d.EscalationStatus,
        d.CurrentDeadline is { } deadline ? new EventDeadline(deadline.Kind, deadline.DueAt.UtcDateTime) : null,
        d.Outcome?.RefundAmount.Minor,
        d.Escalation?.Assignee);
}

/// <summary>A timer that runs.</summary>
/// <param name="Kind">Which timer.</param>
/// <param name="DueAt">When it fires (UTC).</param>
internal sealed record EventDeadline(Domain.DeadlineKind Kind, DateTime DueAt);

/// <summary>A refund as an event carries it: what the payment system needs to pay it.</summary>
/// <param name="Id">The refund's id, to report on.</param>
/// <param name="LineId">The line whose money it returns.</param>
/// <param name="DisputeId">The dispute that decided it, if any.</param>
/// <param name="Amount">How much, in minor units.</param>
/// <param name="Currency">Its ISO 4217 currency.</param>
/// <param name="Status">How the payment is going.</param>
/// <param name="Attempt">How many times the payment system was asked to pay it.</param>
/// <param name="Reference">The payment system's reference, once sent.</param>
/// <param name="FailureReason">Why the last attempt failed.</param>
/// <param name="NeedsAttention">Whether retries are exhausted and a person must look at it.</param>
/// <param name="Payment">The original payment, which the refund goes back to.</param>
internal sealed record EventRefund(
    string Id, string LineId, string? DisputeId, long Amount, string Currency, RefundStatus Status, int Attempt, string? Reference, string? FailureReason, bool NeedsAttention, Payment Payment)
{
    public static EventRefund Of(Order o, Refund r) =>
        new(r.Id, r.LineId, r.DisputeId, r.Amount.Minor, o.Currency.Code, r.Status, r.Attempt, r.Reference, r.FailureReason, r.NeedsAttention, o.Payment);
}

/// <summary>A chargeback as an event carries it.</summary>
/// <param name="Id">The chargeback's id.</param>
/// <param name="Amount">What the bank took back, in minor units.</param>
/// <param name="Currency">Its ISO 4217 currency.</param>
/// <param name="Status">Open, or how it ended at the bank.</param>
/// <param name="Reason">The bank's reason.</param>
/// <param name="Reference">The bank's reference.</param>
/// <param name="Overlap">How much of it a refund already sent pays too, in minor units.</param>
/// <param name="RefundsAlreadySent">The refunds already sent that overlap it.</param>
internal sealed record EventChargeback(string Id, long Amount, string Currency, ChargebackStatus Status, string Reason, string? Reference, long Overlap, IReadOnlyList<string> RefundsAlreadySent)
{
    public static EventChargeback Of(Order o, Chargeback c) =>
        new(c.Id, c.Amount.Minor, o.Currency.Code, c.Status, c.Reason, c.Reference, c.Overlap.Minor, c.RefundsAlreadySent);
}
