using System.Text.Json;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Events;

/// <summary>
/// An event as the platform receives it (version 1): what happened, to which order, dispute or
/// refund (or chargeback), and those as they stood once the change that recorded the event was saved. A refund's
/// event carries what a payment system needs to pay it: amount, currency, the original payment.
/// </summary>
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

internal sealed record EventOrder(
    string Id, OrderStatus Status, string Currency, long Total, string BuyerId, string SellerId, Payment Payment, DateTime? ProtectionEndsAt)
{
    public static EventOrder Of(Order o) => new(o.Id.Value, o.Status, o.Currency.Code, o.Total.Minor, o.BuyerId, o.SellerId, o.Payment, o.ProtectionEndsAt?.UtcDateTime);
}

/// <summary>A dispute as an event carries it; <c>assignee</c> is the mediator account it is assigned to in mediation, if any.</summary>
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

internal sealed record EventDeadline(Domain.DeadlineKind Kind, DateTime DueAt);

internal sealed record EventRefund(
    string Id, string LineId, string? DisputeId, long Amount, string Currency, RefundStatus Status, int Attempt, string? Reference, string? FailureReason, bool NeedsAttention, Payment Payment)
{
    public static EventRefund Of(Order o, Refund r) =>
        new(r.Id, r.LineId, r.DisputeId, r.Amount.Minor, o.Currency.Code, r.Status, r.Attempt, r.Reference, r.FailureReason, r.NeedsAttention, o.Payment);
}

internal sealed record EventChargeback(string Id, long Amount, string Currency, ChargebackStatus Status, string Reason, string? Reference, long Overlap, IReadOnlyList<string> RefundsAlreadySent)
{
    public static EventChargeback Of(Order o, Chargeback c) =>
        new(c.Id, c.Amount.Minor, o.Currency.Code, c.Status, c.Reason, c.Reference, c.Overlap.Minor, c.RefundsAlreadySent);
}
