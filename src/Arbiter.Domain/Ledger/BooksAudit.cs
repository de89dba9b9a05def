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
            yield return $"posting {posting.Id} does not balance";
        }

        foreach (var line in order.Lines)
        {
            var (captured, held, released, refunded) = (ledger.Captured(line.Id), ledger.Held(line.Id), ledger.Released(line.Id), ledger.Refunded(line.Id));
            if (captured != line.Total)
            {
                yield return $"line {line.Id}: captured {captured}, but the line costs {line.Total}";
            }

            if (held != captured - released - refunded)
            {
                yield return $"line {line.Id}: escrow holds {held}, not captured {captured} - released {released} - refunded {refunded}";
            }

            if (held.IsNegative || released.IsNegative || refunded.IsNegative)
            {
                yield return $"line {line.Id}: a balance is negative (held {held}, released {released}, refunded {refunded})";
            }

            if (refunded > line.Total)
            {
                yield return $"line {line.Id}: refunded {refunded}, more than its total {line.Total}";
            }

            var recorded = Money.Sum(order.Refunds.Where(r => r.LineId == line.Id).Select(r => r.Amount), order.Currency);
            if (recorded != refunded)
            {
                yield return $"line {line.Id}: refunds on record add up to {recorded}, the ledger says {refunded}";
            }
        }

        if (order.Status is OrderStatus.Completed or OrderStatus.Closed && !ledger.Held().IsZero)
        {
            yield return $"order is {order.Status} but escrow still holds {ledger.Held()}";
        }

        if (order.HasOpenDispute && order.Status == OrderStatus.AwaitingConfirmation && !ledger.Released().IsZero)
        {
            yield return $"{ledger.Released()} was released while a dispute is open";
        }

        foreach (var dispute in order.Disputes.Where(d => d is { Status: DisputeStatus.Resolved, Settled: true }))
        {
            if (Money.Sum(order.Refunds.Where(r => r.DisputeId == dispute.Id).Select(r => r.Amount), order.Currency) != dispute.Outcome!.RefundAmount)
            {
                yield return $"dispute {dispute.Id}: refunded differs from its outcome ({dispute.Outcome.RefundAmount})";
            }
        }
    }
}
