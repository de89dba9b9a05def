using Arbiter.Domain.Common;
using static Arbiter.Domain.Common.Role;
using static Arbiter.Domain.Common.StateTable<Arbiter.Domain.Orders.OrderStatus, Arbiter.Domain.Orders.OrderAction>;
using static Arbiter.Domain.DeadlineKind;
using static Arbiter.Domain.Orders.OrderAction;
using static Arbiter.Domain.Orders.OrderStatus;

namespace Arbiter.Domain.Orders;

/// <summary>Everything anyone can do to an order; the API shows them as snake_case words.</summary>
public enum OrderAction
{
    Ship,
    RecordDelivery,
    ConfirmReceipt,
    Cancel,
    ExtendProtection,
    ExtendProcessing,
    OpenDispute,
    AddEvidence,
    ReportRefund,
    RetryRefund,
    RequestProtectionExtension,
    AnswerProtectionExtension,
    AnswerProcessingExtension,
    ReportChargeback,
    CloseChargeback,
}

/// <summary>
/// The order's state machine on one screen, like <see cref="Disputes.DisputeRules"/>: in each
/// status, the deadlines it arms, who may do what and where it leads. Every order command asks
/// <see cref="Order.Guard"/> first, so the API, the pages, the timers and the CLI cannot differ.
/// Finer guards (an open dispute holds the order, the dispute window, a failed refund) live there.
/// <c>docs/orders.md</c> is generated from this table.
/// </summary>
public static class OrderRules
{
    private static readonly Role[] Parties = [Buyer, Seller];
    private static readonly Role[] SellerOrPlatform = [Seller, Platform];

    /// <summary>A failed refund is asked for again after a pause, whatever the order's status.</summary>
    private static readonly Expiry<OrderStatus> RefundRetries = Expires(RefundRetry);

    /// <summary>A request for more time is reminded of, then expires, while what it would extend runs.</summary>
    private static readonly Expiry<OrderStatus>[] ExtensionRequests = [Expires(ExtensionRequestReminder), Expires(ExtensionRequestExpiry)];

    /// <summary>
    /// Refund reports and retries, and the bank's chargebacks, whatever the order's status: a refund
    /// outlives the order, and a buyer may go to the bank long after it completed.
    /// </summary>
    private static readonly Transition<OrderStatus, OrderAction>[] Refunds =
    [
        When(ReportRefund, [Platform]),
        When(RetryRefund, [Mediator, Platform]),
        When(ReportChargeback, [Platform]),
        When(CloseChargeback, [Platform]),
    ];

    public static readonly StateTable<OrderStatus, OrderAction> Table = new(
        During(AwaitingShipment, [Expires(Processing, Closed), RefundRetries, .. ExtensionRequests],
        [
            When(Ship, SellerOrPlatform, AwaitingConfirmation),
            When(Cancel, [Buyer], Closed),
            When(ExtendProcessing, SellerOrPlatform),
            When(AnswerProcessingExtension, [Buyer]),
            When(AddEvidence, Parties),
            .. Refunds,
        ]),
        During(AwaitingConfirmation, [Expires(ProtectionReminder), Expires(ProtectionEnd, Completed, Closed), RefundRetries, .. ExtensionRequests],
        [
            When(RecordDelivery, [Platform]),
            When(ConfirmReceipt, [Buyer], Completed, Closed),
            When(ExtendProtection, [Seller]),
            When(RequestProtectionExtension, [Buyer]),
            When(AnswerProtectionExtension, [Seller]),
            When(OpenDispute, [Buyer]),
            When(AddEvidence, Parties),
            .. Refunds,
        ]),
        During(Completed, [RefundRetries],
        [
            When(RecordDelivery, [Platform]),
            When(OpenDispute, [Buyer]),
            When(AddEvidence, Parties),
            .. Refunds,
        ]),
        During(Closed, [RefundRetries], Refunds));

    /// <summary>Whether the role could take the action in some status at all.</summary>
    public static bool EverAllows(OrderAction action, Role role) => Table.EverAllows(action, role);
}
