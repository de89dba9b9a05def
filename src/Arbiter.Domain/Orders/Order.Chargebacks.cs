using Arbiter.Domain.Common;

namespace Arbiter.Domain.Orders;

/// <summary>
/// Chargebacks: the buyer asked their bank to reverse the payment, and the platform reports it.
/// From then on the order never pays the buyer twice. Refunds not yet sent are withdrawn (what
/// the bank does not cover goes out again as a new refund), the open disputes end, no new one
/// opens and nothing is released until the bank decides; what the bank takes comes out of escrow
/// first, then back from the seller. A refund already sent cannot be withdrawn: where it pays
/// the same money as the chargeback, a mediator is told, so the merchant can contest it.
/// </summary>
public sealed partial class Order
{
    public Chargeback? Chargeback(string chargebackId) => ChargebackList.Find(c => c.Id == chargebackId);

    public bool HasOpenChargeback => ChargebackList.Exists(c => c.Status == ChargebackStatus.Open);

    /// <summary>The platform reports that the buyer's bank took <paramref name="amount"/> (minor units) back.</summary>
    public Result<Chargeback> ReportChargeback(Actor actor, long? amount, string? reason, string? reference, DateTimeOffset now)
    {
        if (Guard(OrderAction.ReportChargeback, actor, now) is { IsSuccess: false } refused)
        {
            return refused.Error!;
        }

        if (Clean(reason) is not { } why)
        {
            return DomainError.Invalid(ErrorCode.ReasonRequired, "Say why the buyer's bank reversed the payment (reason), e.g. its reason code.");
        }

        if (amount is not > 0)
        {
            return DomainError.Invalid(ErrorCode.InvalidAmount, "amount must be a positive number of minor units.");
        }

        var asked = Amount(amount.Value);
        var most = Ledger.Captured() - Ledger.ChargedBack();
        if (asked > most)
        {
            return DomainError.Invalid(ErrorCode.ChargebackExceedsPayment, $"At most {most} of this order's payment can still be charged back.");
        }

        var id = new ChargebackId(Id, ChargebackList.Count + 1).ToString();
        Record(now, actor, HistoryAction.ChargebackOpened, $"{id}: {asked} ({why})", chargebackId: id);
        var withdrawn = WithdrawUnsentRefunds(id, now);
        var shares = ShareOut(asked, withdrawn, now);
        var replaced = ReissueWhatIsNotCovered(id, withdrawn, shares, now);
        var overlap = asked - Money.Sum(shares.Select(s => s.Amount), Currency);
        var chargeback = new Chargeback(id, asked, why, Clean(reference), ChargebackStatus.Open, now)
        {
            Shares = shares,
            Replaced = replaced,
            Overlap = overlap,
            RefundsAlreadySent = overlap.IsPositive ? [.. RefundList.Where(r => r.IsSent).Select(r => r.Id)] : [],
        };
        ChargebackList.Add(chargeback);
        foreach (var dispute in DisputeList.Where(d => !d.IsFinished))
        {
            dispute.EndByChargeback(id, now);
        }

        if (chargeback.NeedsAttention)
        {
            Record(now, Actor.Clock, HistoryAction.ChargebackNeedsAttention,
                $"{id}: {overlap} of it was refunded already ({string.Join(", ", chargeback.RefundsAlreadySent)}); contest it at the bank with the refund's reference, or the buyer is paid that twice",
                chargebackId: id);
        }

        return chargeback;
    }

    /// <summary>
    /// The bank decided. Won: the money comes back and goes where the order sends it, and the
    /// refunds the chargeback replaced go out again. Lost: the buyer keeps it. Either way the order
    /// moves on as if the chargeback's money had been refunded or never taken.
    /// </summary>
    public Result<Chargeback> CloseChargeback(Actor actor, string chargebackId, bool won, DateTimeOffset now)
    {
        if (Chargeback(chargebackId) is not { } chargeback)
        {
            return DomainError.NotFound(ErrorCode.NotFound, "No such chargeback.");
        }

        if (Guard(OrderAction.CloseChargeback, actor, now) is { IsSuccess: false } refused)
        {
            return refused.Error!;
        }

        if (chargeback.Status != ChargebackStatus.Open)
        {
            return DomainError.Conflict(ErrorCode.InvalidChargebackState, $"Chargeback {chargebackId} was {Words.Of(chargeback.Status)} already.");
        }

        var closed = chargeback with { Status = won ? ChargebackStatus.Won : ChargebackStatus.Lost, ClosedAt = now };
        ChargebackList[ChargebackList.IndexOf(chargeback)] = closed;
        if (!won)
        {
            Record(now, actor, HistoryAction.ChargebackLost,
                $"{chargebackId}: the buyer keeps {chargeback.Booked}{(chargeback.Overlap.IsPositive ? $", and {chargeback.Overlap} that refunds had paid already was paid twice" : "")}",
                chargebackId: chargebackId);
            ReleaseWhatIsDue(now);
            return closed;
        }

        Record(now, actor, HistoryAction.ChargebackWon, $"{chargebackId}: {chargeback.Booked} comes back", chargebackId: chargebackId);
        foreach (var share in chargeback.Shares)
        {
            Ledger.ReverseChargeback(share.LineId, share.Amount, now);
        }

        foreach (var replaced in chargeback.Replaced)
        {
            var refund = Refund(replaced.RefundId)!;
            IssueRefund(refund.LineId, refund.DisputeId, replaced.Amount, now, $"chargeback {chargebackId} was won: {replaced.RefundId} goes out again");
        }

        SendReturnedMoney(now);
        return closed;
    }

    /// <summary>Pending and failed refunds are withdrawn (the payment system is told by <c>refund.cancelled</c>); sent ones cannot be.</summary>
    private List<Refund> WithdrawUnsentRefunds(string chargebackId, DateTimeOffset now)
    {
        var withdrawn = new List<Refund>();
        foreach (var (refund, index) in RefundList.Select((r, i) => (r, i)).Where(p => p.r.Status is RefundStatus.Pending or RefundStatus.Failed).ToList())
        {
            Ledger.WithdrawRefund(refund.LineId, refund.Amount, now);
            RefundList[index] = refund with { Status = RefundStatus.Cancelled, RetryAt = null, NeedsAttention = false, WithdrawnFor = chargebackId, UpdatedAt = now };
            withdrawn.Add(refund);
            Record(now, Actor.Clock, HistoryAction.RefundCancelled, $"{refund.Id}: withdrawn, the buyer's bank returns the money instead ({chargebackId})", refund.Id, chargebackId);
        }

        return withdrawn;
    }

    /// <summary>
    /// Books the bank's amount over the lines, each up to what it can still pay back: first the
    /// lines whose refunds it replaces, then those under dispute, then the rest in order.
    /// </summary>
    private List<ChargebackShare> ShareOut(Money amount, List<Refund> withdrawn, DateTimeOffset now)
    {
        var shares = new List<ChargebackShare>();
        var left = amount;
        foreach (var line in LineList.OrderBy(l => withdrawn.Exists(r => r.LineId == l.Id) ? 0 : DisputeList.Exists(d => d.LineId == l.Id && !d.IsFinished) ? 1 : 2))
        {
            var share = Money.Min(left, Refundable(line));
            if (share.IsPositive)
            {
                Ledger.ChargeBack(line.Id, share, now);
                shares.Add(new ChargebackShare(line.Id, share));
                left -= share;
            }
        }

        return shares;
    }

    /// <summary>The bank pays a withdrawn refund as far as its share of the line goes; the rest of the refund goes out again.</summary>
    private List<ReplacedRefund> ReissueWhatIsNotCovered(string chargebackId, List<Refund> withdrawn, List<ChargebackShare> shares, DateTimeOffset now)
    {
        var replaced = new List<ReplacedRefund>();
        foreach (var byLine in withdrawn.GroupBy(r => r.LineId))
        {
            var cover = shares.Find(s => s.LineId == byLine.Key)?.Amount ?? Amount(0);
            foreach (var refund in byLine)
            {
                var covered = Money.Min(cover, refund.Amount);
                cover -= covered;
                if (covered.IsPositive)
                {
                    replaced.Add(new ReplacedRefund(refund.Id, covered));
                }

                if (refund.Amount > covered)
                {
                    IssueRefund(refund.LineId, refund.DisputeId, refund.Amount - covered, now, $"the rest of {refund.Id}, which chargeback {chargebackId} does not cover");
                }
            }
        }

        return replaced;
    }

    /// <summary>Money a won chargeback brought back goes where the order sends it: to the seller of a completed order, the buyer of a closed one.</summary>
    private void SendReturnedMoney(DateTimeOffset now)
    {
        switch (Status)
        {
            case OrderStatus.Completed:
                foreach (var line in LineList)
                {
                    ReleaseLine(line.Id, now);
                }

                break;
            case OrderStatus.Closed:
                foreach (var line in LineList.Where(l => Ledger.Held(l.Id).IsPositive))
                {
                    IssueRefund(line.Id, null, Ledger.Held(line.Id), now, "the order was closed for the buyer");
                }

                break;
            default:
                ReleaseWhatIsDue(now);
                break;
        }
    }
}
