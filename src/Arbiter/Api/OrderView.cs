using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Api;

// What the API shows of orders and disputes: times are UTC, money is in the order's minor units.

/// <summary>One line of the order.</summary>
/// <param name="Id">The platform's id for the line.</param>
/// <param name="Title">What was bought.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">The price of one, in minor units.</param>
/// <param name="Shipping">What the buyer paid to ship the line, in minor units.</param>
/// <param name="Total">What the line cost: quantity times unit price, plus shipping, in minor units.</param>
internal sealed record LineView(string Id, string Title, int Quantity, long UnitPrice, long Shipping, long Total);

/// <summary>The payment captured into escrow, which refunds go back to.</summary>
/// <param name="Method">How the buyer paid, in the platform's words.</param>
/// <param name="Reference">The payment system's reference for the capture.</param>
internal sealed record PaymentView(string Method, string Reference);

/// <summary>The parcel as the seller shipped it.</summary>
/// <param name="Carrier">The carrier's name.</param>
/// <param name="TrackingNumber">The carrier's tracking number.</param>
/// <param name="ShippedAt">When it was shipped (UTC).</param>
internal sealed record ShipmentView(string Carrier, string TrackingNumber, DateTime ShippedAt);

/// <summary>Where the order's money is, in minor units; held, released, refunded and charged back add up to what was paid.</summary>
/// <param name="Held">Still held in escrow.</param>
/// <param name="Released">Paid to the seller.</param>
/// <param name="Refunded">Refunded to the buyer, or on its way.</param>
/// <param name="ChargedBack">Taken back by the buyer's bank.</param>
internal sealed record EscrowView(long Held, long Released, long Refunded, long ChargedBack);

/// <summary>A refund and how its payment is going, as the platform's payment system reported it.</summary>
/// <param name="Id">The refund's id (opaque), to report on.</param>
/// <param name="OrderId">Its order.</param>
/// <param name="LineId">The line whose money it returns.</param>
/// <param name="DisputeId">The dispute that decided it; null for a cancelled order.</param>
/// <param name="Amount">How much, in minor units.</param>
/// <param name="Currency">The order's ISO 4217 currency.</param>
/// <param name="Status">How the payment is going.</param>
/// <param name="CreatedAt">When Arbiter decided it (UTC).</param>
/// <param name="Reason">Why, in a sentence for the platform's operators.</param>
/// <param name="Attempt">How many times the payment system was asked to pay it.</param>
/// <param name="Reference">The payment system's reference, once sent.</param>
/// <param name="FailureReason">Why the last attempt failed, as the payment system said.</param>
/// <param name="UpdatedAt">When its status last changed (UTC).</param>
/// <param name="RetryAt">When a failed refund is asked for again (UTC).</param>
/// <param name="NeedsAttention">Whether retries are exhausted and a person must look at it.</param>
/// <param name="ExpectedBy">By when the buyer should see the money (UTC), counted in the buyer's business days.</param>
/// <param name="WithdrawnFor">The chargeback that pays the buyer instead, when the refund was withdrawn for one.</param>
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

/// <summary>A dispute on the order; read it whole at <c>GET /api/v1/disputes/{id}</c>.</summary>
/// <param name="Id">The dispute's id (opaque).</param>
/// <param name="LineId">The line it is about.</param>
/// <param name="Status">Where it stands.</param>
internal sealed record DisputeSummaryView(string Id, string LineId, DisputeStatus Status);

/// <summary>One thing that happened.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">Who did it: <c>role:id</c> (<c>buyer:b1</c>, <c>mediator:usr:42</c>), or <c>platform</c> or <c>clock</c>.</param>
/// <param name="Action">What happened, as the event type's last word (<c>opened</c>, <c>offer_made</c>, ...); the list is at <c>GET /api/v1/event-types</c>.</param>
/// <param name="Details">More about it, for people: which offer, what amount, the warnings found.</param>
internal sealed record HistoryView(DateTime At, string Actor, string Action, string? Details)
{
    public static IReadOnlyList<HistoryView> Of(IEnumerable<HistoryEntry> history) =>
        [.. history.Select(h => new HistoryView(h.At.UtcDateTime, h.Actor, Words.Of(h.Action), h.Details))];
}

/// <summary>An order as one caller sees it, with what that caller may do now.</summary>
/// <param name="Id">The platform's order id.</param>
/// <param name="BuyerId">The buyer's account id.</param>
/// <param name="SellerId">The seller's account id.</param>
/// <param name="Status">Where the order stands.</param>
/// <param name="Currency">The ISO 4217 currency every amount is in.</param>
/// <param name="Total">What the buyer paid, in minor units: every line's total.</param>
/// <param name="ShippingMethod">The shipping the buyer chose.</param>
/// <param name="ReturnAddress">Where a returned item goes.</param>
/// <param name="Lines">What was bought.</param>
/// <param name="Payment">The payment captured into escrow.</param>
/// <param name="CreatedAt">When the order was paid (UTC).</param>
/// <param name="ProcessingDeadline">By when the seller must ship (UTC); unshipped by then, the order is cancelled and refunded.</param>
/// <param name="Shipment">The parcel, once shipped.</param>
/// <param name="DeliveredAt">When the platform reported it delivered (UTC).</param>
/// <param name="ProtectionEndsAt">When buyer protection ends and the money goes to the seller unless a dispute holds it (UTC).</param>
/// <param name="ProtectionExpired">Whether buyer protection has run out: the money goes to the seller once no dispute holds it.</param>
/// <param name="DisputeWindowEndsAt">Until when the buyer may still open a dispute (UTC).</param>
/// <param name="CompletedAt">When the order completed: receipt confirmed or protection ended (UTC).</param>
/// <param name="ClosedAt">When the order closed with nothing left for the seller: cancelled, or fully refunded or charged back (UTC).</param>
/// <param name="Escrow">Where the money is.</param>
/// <param name="RefundProcessing">Whether a refund is on its way and not yet completed.</param>
/// <param name="Refunds">Every refund on the order.</param>
/// <param name="Disputes">Every dispute on the order.</param>
/// <param name="ExtensionRequests">Requests for more time, answered or not.</param>
/// <param name="Chargebacks">Chargebacks the platform reported.</param>
/// <param name="History">Everything that happened to the order, oldest first.</param>
/// <param name="AllowedActions">What the caller may do now; a client shows these and never guesses.</param>
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
    IReadOnlyList<OrderAction> AllowedActions)
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
        [.. order.AllowedActions(caller.Actor, now)]);
}

/// <summary>A party's request for more time: protection (the buyer asks the seller) or processing (the seller asks the buyer).</summary>
/// <param name="Id">The request's id (opaque), to accept or decline.</param>
/// <param name="Kind">Which deadline it would move.</param>
/// <param name="Days">How many days it asks for.</param>
/// <param name="Status">Whether it waits for an answer, or how it ended.</param>
/// <param name="Reason">Why, in the asker's words.</param>
/// <param name="At">When it was asked (UTC).</param>
/// <param name="ExpiresAt">When it lapses if not answered (UTC).</param>
/// <param name="AnsweredAt">When it was answered (UTC).</param>
internal sealed record ExtensionRequestView(string Id, ExtensionKind Kind, int Days, ExtensionRequestStatus Status, string? Reason, DateTime At, DateTime ExpiresAt, DateTime? AnsweredAt)
{
    public static ExtensionRequestView Of(ExtensionRequest r) =>
        new(r.Id, r.Kind, r.Days, r.Status, r.Reason, r.At.UtcDateTime, r.ExpiresAt.UtcDateTime, r.AnsweredAt?.UtcDateTime);
}

/// <summary>What the bank took of one line's money.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Amount">How much, in minor units.</param>
internal sealed record ChargebackShareView(string LineId, long Amount);

/// <summary>A withdrawn refund the chargeback pays instead.</summary>
/// <param name="RefundId">The refund withdrawn.</param>
/// <param name="Amount">How much of it the chargeback pays, in minor units.</param>
internal sealed record ReplacedRefundView(string RefundId, long Amount);

/// <summary>A chargeback: the bank's amount, how much of it the books moved, over which lines, and which withdrawn refunds it replaces.</summary>
/// <param name="Id">The chargeback's id (opaque), to report won or lost.</param>
/// <param name="OrderId">Its order.</param>
/// <param name="Amount">What the bank took back, in minor units.</param>
/// <param name="Currency">The order's ISO 4217 currency.</param>
/// <param name="Status">Open, or how it ended at the bank.</param>
/// <param name="Reason">The bank's reason.</param>
/// <param name="Reference">The bank's reference.</param>
/// <param name="CreatedAt">When the platform reported it (UTC).</param>
/// <param name="ClosedAt">When it was won or lost (UTC).</param>
/// <param name="ChargedBack">How much of it the books moved from escrow and releases, in minor units.</param>
/// <param name="Overlap">How much of it a refund already sent pays too, in minor units: the buyer may get that twice, and the platform must recover it.</param>
/// <param name="RefundsAlreadySent">The refunds already sent that overlap it.</param>
/// <param name="NeedsAttention">Whether a person must act on the overlap.</param>
/// <param name="Lines">How it splits over the order's lines.</param>
/// <param name="ReplacedRefunds">Refunds withdrawn because the chargeback pays them.</param>
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
