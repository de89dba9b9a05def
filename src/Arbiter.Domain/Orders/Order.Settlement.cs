using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;

namespace Arbiter.Domain.Orders;

/// <summary>How money leaves escrow: refunds to the buyer, releases to the seller, completion.</summary>
public sealed partial class Order
{
    /// <summary>A finished dispute settles its line: the refund goes to the buyer at once.</summary>
    internal void SettleLine(Dispute dispute, DateTimeOffset now)
    {
        var amount = dispute.Outcome!.RefundAmount;
        if (amount.IsPositive)
        {
            IssueRefund(dispute.LineId, dispute.Id, amount, now, $"dispute {dispute.Id}: {Words.Of(dispute.Outcome.DecidedBy)}");
        }

        ReleaseWhatIsDue(now);
    }

    /// <summary>
    /// Called whenever a dispute finishes or the bank decides a chargeback. The seller is paid
    /// nothing while any dispute on the order is open or its bank is deciding; after that, settled
    /// lines are paid out, and the order completes once every line is settled or protection has ended.
    /// </summary>
    internal void ReleaseWhatIsDue(DateTimeOffset now)
    {
        if (Status != OrderStatus.AwaitingConfirmation || HasOpenDispute || HasOpenChargeback)
        {
            return;
        }

        if (ProtectionExpired || LineList.All(l => IsLineClosedForGood(l.Id) || Refundable(l).IsZero))
        {
            Complete(now);
            return;
        }

        foreach (var line in LineList.Where(l => IsLineClosedForGood(l.Id)))
        {
            ReleaseLine(line.Id, now);
        }
    }

    /// <summary>Receipt is confirmed (by the buyer or by protection ending): the seller gets what escrow still holds.</summary>
    private void Complete(DateTimeOffset now)
    {
        LapseRequests(null, now);
        foreach (var line in LineList)
        {
            ReleaseLine(line.Id, now);
        }

        if (LineList.All(l => Refundable(l).IsZero))
        {
            Status = OrderStatus.Closed;
            ClosedAt = now;
            Record(now, Actor.Clock, HistoryAction.OrderClosed, Ledger.ChargedBack().IsPositive ? "fully refunded or charged back" : "fully refunded");
            return;
        }

        Status = OrderStatus.Completed;
        CompletedAt = now;
        Record(now, Actor.Clock, HistoryAction.OrderCompleted, $"released {Ledger.Released()} to the seller");
    }

    private void RefundEverything(DateTimeOffset now, string reason)
    {
        LapseRequests(null, now);
        foreach (var line in LineList.Where(l => Ledger.Held(l.Id).IsPositive))
        {
            IssueRefund(line.Id, null, Ledger.Held(line.Id), now, reason);
        }

        Status = OrderStatus.Closed;
        ClosedAt = now;
    }

    private void ReleaseLine(string lineId, DateTimeOffset now)
    {
        var held = Ledger.Held(lineId);
        if (held.IsPositive)
        {
            Ledger.Release(lineId, held, now);
        }
    }

    private void IssueRefund(string lineId, string? disputeId, Money amount, DateTimeOffset now, string reason)
    {
        Ledger.Refund(lineId, amount, now);
        var refund = new Refund(new RefundId(Id, RefundList.Count + 1).ToString(), lineId, disputeId, amount, RefundStatus.Pending, now, reason);
        RefundList.Add(refund);
        Record(now, Actor.Clock, HistoryAction.RefundCreated, $"{refund.Id}: {amount} on line {lineId} ({reason})", refund.Id);
    }
}
