using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Domain.Ledger;

/// <summary>
/// Checks one order's books against the rules money must always obey. Each finding is a
/// sentence a person can act on; no finding means the books are right.
/// </summary>
public static class BooksAudit
{
    public static IEnumerable<string> Check(Order order)
    {
        var ledger = order.Ledger;
        foreach (var posting in ledger.Postings.Where(p => !p.IsBalanced || p.Entries.Count < 2))
        {
            yield return $"posting {posting.Id} does not balance: " + posting.Entries.Count switch
            {
                0 => "it has no entries",
                1 => "it has one side only",
                _ => $"its entries sum to {new Money(posting.Entries.Sum(e => e.Amount), ledger.Currency)}",
            };
        }

        foreach (var line in order.Lines)
        {
            var (captured, held, released, refunded, chargedBack) =
                (ledger.Captured(line.Id), ledger.Held(line.Id), ledger.Released(line.Id), ledger.Refunded(line.Id), ledger.ChargedBack(line.Id));
            if (captured != line.Total)
            {
                yield return $"line {line.Id}: captured {captured}, but the line costs {line.Total}";
            }

            if (held != captured - released - refunded - chargedBack)
            {
                yield return $"line {line.Id}: escrow holds {held}, not captured {captured} - released {released} - refunded {refunded} - charged back {chargedBack}";
            }

            if (held.IsNegative || released.IsNegative || refunded.IsNegative || chargedBack.IsNegative)
            {
                yield return $"line {line.Id}: a balance is negative (held {held}, released {released}, refunded {refunded}, charged back {chargedBack})";
            }

            if (refunded + chargedBack > line.Total)
            {
                yield return $"line {line.Id}: refunded {refunded} and charged back {chargedBack}, more than its total {line.Total}";
            }

            var recorded = Money.Sum(order.Refunds.Where(r => r.LineId == line.Id && r.Counts).Select(r => r.Amount), order.Currency);
            if (recorded != refunded)
            {
                yield return $"line {line.Id}: refunds on record add up to {recorded}, the ledger says {refunded}";
            }

            var banked = Money.Sum(order.Chargebacks.Where(c => c.Holds).SelectMany(c => c.Shares).Where(s => s.LineId == line.Id).Select(s => s.Amount), order.Currency);
            if (banked != chargedBack)
            {
                yield return $"line {line.Id}: chargebacks on record hold {banked}, the ledger says {chargedBack}";
            }
        }

        if (order.Status is OrderStatus.Completed or OrderStatus.Closed && !ledger.Held().IsZero)
        {
            yield return $"order is {order.Status} but escrow still holds {ledger.Held()}";
        }

        // Lines settled for good are paid out while another line's dispute runs; a disputed line never is.
        foreach (var dispute in order.Disputes.Where(d => !d.IsFinished && order.Status == OrderStatus.AwaitingConfirmation && !ledger.Released(d.LineId).IsZero))
        {
            yield return $"line {dispute.LineId}: {ledger.Released(dispute.LineId)} was released while dispute {dispute.Id} is open";
        }

        // What a chargeback pays instead of a dispute's withdrawn refund counts as that dispute's refund.
        var paidByBank = order.Chargebacks.Where(c => c.Holds).SelectMany(c => c.Replaced).ToList();
        foreach (var dispute in order.Disputes.Where(d => d is { Status: DisputeStatus.Resolved, Settled: true }))
        {
            var refunds = order.Refunds.Where(r => r.DisputeId == dispute.Id).ToList();
            var paid = Money.Sum(refunds.Where(r => r.Counts).Select(r => r.Amount), order.Currency)
                + Money.Sum(paidByBank.Where(p => refunds.Exists(r => r.Id == p.RefundId)).Select(p => p.Amount), order.Currency);
            if (paid != dispute.Outcome!.RefundAmount)
            {
                yield return $"dispute {dispute.Id}: refunded differs from its outcome ({dispute.Outcome.RefundAmount})";
            }
        }

        foreach (var chargeback in order.Chargebacks)
        {
            var shared = Money.Sum(chargeback.Shares.Select(share => share.Amount), order.Currency);
            if (shared != chargeback.Booked || chargeback.Overlap.IsNegative)
            {
                yield return $"chargeback {chargeback.Id}: its lines carry {shared}, not the {chargeback.Booked} it books of {chargeback.Amount}";
            }
        }
    }
}
