using System.Collections.Concurrent;
using Arbiter.Domain.Common;

namespace Arbiter.Domain.Orders;

/// <summary>Who may do what to the order now: the one check every order command runs first.</summary>
public sealed partial class Order
{
    /// <summary>What a stranger is told about an order or anything in it: nothing.</summary>
    public static readonly DomainError NotFound = DomainError.NotFound(ErrorCode.NotFound, "No such order or dispute.");

    /// <summary>
    /// Why <paramref name="actor"/> may not take <paramref name="action"/> now, if they may not:
    /// a stranger finds nothing, a role that may never do it is forbidden, and the order's state
    /// (its status, an open dispute, the dispute window, its refunds) may refuse it.
    /// </summary>
    public Result Guard(OrderAction action, Actor actor, DateTimeOffset now)
    {
        if (!IsKnownTo(actor))
        {
            return NotFound;
        }

        if (!OrderRules.EverAllows(action, actor.Role))
        {
            return Forbidden(actor, Words.Of(action));
        }

        if (!OrderRules.Table.Allows(Status, action, actor.Role))
        {
            return StatusRefusal(action);
        }

        return action switch
        {
            OrderAction.ConfirmReceipt or OrderAction.OpenDispute when HasOpenChargeback =>
                DomainError.Conflict(ErrorCode.ChargebackOpen, "The buyer's bank is deciding about this order's payment; nothing changes it until the bank has decided."),
            OrderAction.CloseChargeback when !HasOpenChargeback =>
                DomainError.Conflict(ErrorCode.InvalidChargebackState, "No chargeback of this order is open."),
            OrderAction.ConfirmReceipt when DisputeList.Any(d => !d.IsFinished && d.Status != Domain.Disputes.DisputeStatus.WaitingForDelivery) =>
                DomainError.Conflict(ErrorCode.DisputeOpen, "Receipt cannot be confirmed while a dispute on the order is open."),
            OrderAction.ExtendProtection or OrderAction.RequestProtectionExtension or OrderAction.AnswerProtectionExtension when ProtectionExpired || now >= ProtectionEndsAt =>
                DomainError.Conflict(ErrorCode.ProtectionExpired, "Buyer protection has already ended."),
            OrderAction.RequestProtectionExtension when HasPendingRequest(ExtensionKind.Protection) =>
                DomainError.Conflict(ErrorCode.ExtensionRequestPending, "A request for more time is already waiting for its answer."),
            OrderAction.AnswerProtectionExtension when !HasPendingRequest(ExtensionKind.Protection) =>
                DomainError.Conflict(ErrorCode.ExtensionRequestNotPending, "No request for more protection waits for an answer."),
            OrderAction.AnswerProcessingExtension when !HasPendingRequest(ExtensionKind.Processing) =>
                DomainError.Conflict(ErrorCode.ExtensionRequestNotPending, "No request for more processing time waits for an answer."),
            OrderAction.OpenDispute when DisputeWindowEndsAt is not { } windowEnd || now >= windowEnd => Status == OrderStatus.Completed && !ProtectionExpired && ReceiptConfirmedAt is null
                ? DomainError.Conflict(ErrorCode.DisputeNotReopenable, "Every line of this order was settled for good; it cannot be disputed again.")
                : DomainError.Conflict(ErrorCode.ProtectionExpired, "Buyer protection for this order has ended."),
            OrderAction.ReportRefund when RefundList.Count == 0 =>
                DomainError.Conflict(ErrorCode.InvalidRefundState, "This order has no refunds to report on."),
            OrderAction.RetryRefund when !RefundList.Exists(r => r.Status == RefundStatus.Failed) =>
                DomainError.Conflict(ErrorCode.InvalidRefundState, "No refund of this order has failed."),
            _ => Result.Ok,
        };
    }

    private bool HasPendingRequest(ExtensionKind kind) => ExtensionRequestList.Exists(r => r.Kind == kind && r.Status == ExtensionRequestStatus.Pending);

    /// <summary>Only the platform creates orders: it took the payment.</summary>
    public static Result GuardCreate(Actor actor) => actor.Role == Role.Platform ? Result.Ok : Forbidden(actor, "create orders");

    /// <summary>What <paramref name="actor"/> may do to the order now, so that a client never guesses.</summary>
    public IEnumerable<OrderAction> AllowedActions(Actor actor, DateTimeOffset now) =>
        Enum.GetValues<OrderAction>().Where(a => Guard(a, actor, now).IsSuccess);

    /// <summary>Parties act only on their own orders; mediators, the platform and the clock on any.</summary>
    public bool IsKnownTo(Actor actor) => actor.Role switch
    {
        Role.Buyer => actor.Id == BuyerId,
        Role.Seller => actor.Id == SellerId,
        _ => true,
    };

    // Refusals worded by a role, an action and a status alone are worded once each: a view asks the
    // guard about every action, and most refuse.
    private static readonly ConcurrentDictionary<(Role Role, string Action), DomainError> ForbiddenTo = new();
    private static readonly ConcurrentDictionary<(OrderAction Action, OrderStatus Status), DomainError> NotWhile = new();

    internal static DomainError Forbidden(Actor actor, string action) => ForbiddenTo.GetOrAdd((actor.Role, action), static key =>
        DomainError.Forbidden(ErrorCode.ActionNotAllowedForRole, $"A {key.Role.ToString().ToLowerInvariant()} cannot {key.Action.Replace('_', ' ')}."));

    private DomainError StatusRefusal(OrderAction action) => action switch
    {
        OrderAction.Ship when Shipment is not null => DomainError.Conflict(ErrorCode.AlreadyShipped, "The order has shipped already."),
        OrderAction.Cancel when Status == OrderStatus.AwaitingConfirmation =>
            DomainError.Conflict(ErrorCode.AlreadyShipped, "The order has shipped; open a dispute instead of cancelling."),
        OrderAction.OpenDispute when Status == OrderStatus.AwaitingShipment =>
            DomainError.Conflict(ErrorCode.OrderNotShipped, "The order has not shipped yet; cancel it instead for a full refund."),
        OrderAction.RecordDelivery => DomainError.Conflict(ErrorCode.OrderNotShipped, "Only a shipped order can be delivered."),
        _ => NotWhile.GetOrAdd((action, Status), static key =>
            DomainError.Conflict(ErrorCode.InvalidState, $"Cannot {Words.Of(key.Action).Replace('_', ' ')} while the order is {Words.Of(key.Status).Replace('_', ' ')}.")),
    };
}
