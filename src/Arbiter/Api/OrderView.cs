using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Api;

// What the API shows of orders and disputes: times are UTC, money is in the order's minor units.

internal sealed record LineView(string Id, string Title, int Quantity, long UnitPrice, long Shipping, long Total);

internal sealed record PaymentView(string Method, string Reference);

internal sealed record ShipmentView(string Carrier, string TrackingNumber, DateTime ShippedAt);

internal sealed record EscrowView(long Held, long Released, long Refunded, long ChargedBack);

/// <summary>A refund and how its payment is going, as the platform's payment system reported it.</summary>
internal sealed record RefundView(
    string Id, string OrderId, string LineId, string? DisputeId, long Amount, string Currency, RefundStatus Status, DateTime CreatedAt, string Reason,
    int Attempt, string? Reference, string? FailureReason, DateTime? UpdatedAt, DateTime? RetryAt, bool NeedsAttention, DateTime ExpectedBy, string? WithdrawnFor)
{
    /// <param name="order">The refund's order; <see cref="ExpectedBy"/> counts in the buyer's business days.</param>
    /// <param name="r">The refund.</param>
    public static RefundView Of(Order order, Refund r) => new(
        r.Id, order.Id.Value, r.LineId, r.DisputeId, r.Amount.Minor, order.Currency.Code, r.Status, r.CreatedAt.UtcDateTime, r.Reason, r.Attempt, r.Reference, r.FailureReason,
        r.UpdatedAt?.UtcDateTime, r.RetryAt?.UtcDateTime, r.NeedsAttention, order.ExpectedBy(r).UtcDateTime, r.WithdrawnFor);
}

internal sealed record DisputeSummaryView(string Id, string LineId, DisputeStatus Status);

internal sealed record HistoryView(DateTime At, string Actor, string Action, string? Details)
{
    public static IReadOnlyList<HistoryView> Of(IEnumerable<HistoryEntry> history) =>
        [.. history.Select(h => new HistoryView(h.At.UtcDateTime, h.Actor, Words.Of(h.Action), h.Details))];
}

internal sealed record OrderView(
    string Id,
    string BuyerId,
    string SellerId,
    OrderStatus Status,
    string Currency,
    long Total,
    string ShippingMethod,
    string? ReturnAddress,
    IReadOnlyList<LineView> Lines,
    PaymentView Payment,
    DateTime CreatedAt,
    DateTime ProcessingDeadline,
    ShipmentView? Shipment,
    DateTime? DeliveredAt,
    DateTime? ProtectionEndsAt,
    bool ProtectionExpired,
    DateTime? DisputeWindowEndsAt,
    DateTime? CompletedAt,
    DateTime? ClosedAt,
    EscrowView Escrow,
    bool RefundProcessing,
    IReadOnlyList<RefundView> Refunds,
    IReadOnlyList<DisputeSummaryView> Disputes,
    IReadOnlyList<ExtensionRequestView> ExtensionRequests,
    IReadOnlyList<ChargebackView> Chargebacks,
    IReadOnlyList<HistoryView> History,
    IReadOnlyList<string> AllowedActions)
{
    /// <summary>The order as one caller sees it, with what that caller may do now.</summary>
    public static OrderView Of(Order order, Caller caller, DateTimeOffset now) => new(
        order.Id.Value,
        order.BuyerId,
        order.SellerId,
        order.Status,
        order.Currency.Code,
        order.Total.Minor,
        order.ShippingMethod,
        order.ReturnAddress,
        [.. order.Lines.Select(l => new LineView(l.Id, l.Title, l.Quantity, l.UnitPrice.Minor, l.Shipping.Minor, l.Total.Minor))],
        new PaymentView(order.Payment.Method, order.Payment.Reference),
        order.CreatedAt.UtcDateTime,
        order.ProcessingDeadline.UtcDateTime,
        order.Shipment is { } s ? new ShipmentView(s.Carrier, s.TrackingNumber, s.ShippedAt.UtcDateTime) : null,
        order.DeliveredAt?.UtcDateTime,
        order.ProtectionEndsAt?.UtcDateTime,
        order.ProtectionExpired,
        order.DisputeWindowEndsAt?.UtcDateTime,
        order.CompletedAt?.UtcDateTime,
        order.ClosedAt?.UtcDateTime,
        new EscrowView(order.Ledger.Held().Minor, order.Ledger.Released().Minor, order.Ledger.Refunded().Minor, order.Ledger.ChargedBack().Minor),
        order.Refunds.Any(r => r.Status is RefundStatus.Pending or RefundStatus.Sent),
        [.. order.Refunds.Select(r => RefundView.Of(order, r))],
        [.. order.Disputes.Select(d => new DisputeSummaryView(d.Id, d.LineId, d.Status))],
        [.. order.ExtensionRequests.Select(ExtensionRequestView.Of)],
        [.. order.Chargebacks.Select(c => ChargebackView.Of(order, c))],
        HistoryView.Of(order.History),
        [.. order.AllowedActions(caller.Actor, now).Select(Words.Of)]);
}

/// <summary>A party's request for more time: protection (the buyer's, for the seller) or processing (the seller's, for the buyer).</summary>
internal sealed record ExtensionRequestView(string Id, ExtensionKind Kind, int Days, ExtensionRequestStatus Status, string? Reason, DateTime At, DateTime ExpiresAt, DateTime? AnsweredAt)
{
    public static ExtensionRequestView Of(ExtensionRequest r) =>
        new(r.Id, r.Kind, r.Days, r.Status, r.Reason, r.At.UtcDateTime, r.ExpiresAt.UtcDateTime, r.AnsweredAt?.UtcDateTime);
}

/// <summary>What the bank took of one line's money.</summary>
internal sealed record ChargebackShareView(string LineId, long Amount);

/// <summary>A withdrawn refund the chargeback pays instead, and how much of it.</summary>
internal sealed record ReplacedRefundView(string RefundId, long Amount);

/// <summary>
/// A chargeback: the bank's amount, how much of it the books moved (the rest, <c>overlap</c>, a refund
/// already sent pays too), over which lines, and which withdrawn refunds it replaces.
/// </summary>
internal sealed record ChargebackView(
    string Id, string OrderId, long Amount, string Currency, ChargebackStatus Status, string Reason, string? Reference, DateTime CreatedAt, DateTime? ClosedAt,
    long ChargedBack, long Overlap, IReadOnlyList<string> RefundsAlreadySent, bool NeedsAttention, IReadOnlyList<ChargebackShareView> Lines, IReadOnlyList<ReplacedRefundView> ReplacedRefunds)
{
    public static ChargebackView Of(Order order, Chargeback c) => new(
        c.Id, order.Id.Value, c.Amount.Minor, order.Currency.Code, c.Status, c.Reason, c.Reference, c.At.UtcDateTime, c.ClosedAt?.UtcDateTime,
        c.Booked.Minor, c.Overlap.Minor, c.RefundsAlreadySent, c.NeedsAttention,
        [.. c.Shares.Select(s => new ChargebackShareView(s.LineId, s.Amount.Minor))],
        [.. c.Replaced.Select(r => new ReplacedRefundView(r.RefundId, r.Amount.Minor))]);
}
