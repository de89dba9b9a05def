using Arbiter.Domain.Common;

namespace Arbiter.Domain.Disputes;

/// <summary>Which deadline each status arms, what happens when one passes, and how a dispute ends.</summary>
public sealed partial class Dispute
{
    /// <summary>The deadlines this dispute has armed now.</summary>
    public IEnumerable<Deadline> Deadlines()
    {
        switch (Status)
        {
            case DisputeStatus.AwaitingSellerResponse:
                yield return new Deadline(DeadlineKind.SellerResponse, SellerResponseDueAt, Id);
                break;
            case DisputeStatus.Negotiating:
                yield return new Deadline(DeadlineKind.Negotiation, NegotiationEndsAt!.Value, Id);
                break;
            case DisputeStatus.Escalated:
                foreach (var request in Escalation!.InfoRequests.Where(r => !r.Closed))
                {
                    yield return new Deadline(DeadlineKind.InfoRequest, request.DueAt, Id, request.Id);
                }

                break;
            case DisputeStatus.AwaitingReturn:
                yield return new Deadline(DeadlineKind.ReturnShipment, Return!.ShipBy, Id);
                break;
            case DisputeStatus.AwaitingReturnReceipt:
                yield return new Deadline(DeadlineKind.ReturnReceipt, ReturnReceiptDueAt, Id);
                break;
        }

        if (AppealDeadline is { } appealBy)
        {
            yield return new Deadline(DeadlineKind.AppealWindow, appealBy, Id);
        }
    }

    internal void Fire(Deadline deadline)
    {
        var at = deadline.DueAt;
        switch (deadline.Kind)
        {
            case DeadlineKind.SellerResponse:
                Record(at, Actor.Clock, "seller_did_not_respond", "resolved as claimed");
                Conclude(ClaimOutcome(DecidedBy.SellerNoResponse, at), at);
                break;
            case DeadlineKind.Negotiation:
                EscalateNow(Actor.Clock, "no agreement before the negotiation deadline", at);
                break;
            case DeadlineKind.InfoRequest:
                LapseInfoRequest(deadline.Ref!, at);
                break;
            case DeadlineKind.ReturnShipment:
                Record(at, Actor.Clock, "return_not_shipped", "the claim lapses and the seller is paid");
                Return = null;
                Conclude(new Outcome(0, false, DecidedBy.ReturnNotShipped, at), at);
                break;
            case DeadlineKind.ReturnReceipt:
                Record(at, Actor.Clock, "return_not_confirmed", "the seller did not answer: the refund goes out");
                Outcome = Outcome! with { DecidedBy = DecidedBy.ReturnNotConfirmed, DecidedAt = at };
                Resolve(at);
                break;
            case DeadlineKind.AppealWindow:
                AppealDeadline = null;
                Record(at, Actor.Clock, "appeal_window_closed", "the decision is final");
                SettleIfDue(at);
                break;
            default:
                throw new InvalidOperationException($"A dispute does not arm {deadline.Kind}.");
        }
    }

    /// <summary>Fixes the outcome; when it needs the item back the return starts, otherwise the dispute is resolved.</summary>
    private void Conclude(Outcome outcome, DateTimeOffset now)
    {
        Outcome = outcome;
        SupersedePendingOffer();
        if (Escalation is { } escalation)
        {
            Escalation = escalation with { InfoRequests = [.. escalation.InfoRequests.Select(r => r with { Closed = true })] };
        }

        if (outcome.ReturnRequired)
        {
            Status = DisputeStatus.AwaitingReturn;
            Return = new ReturnInfo(now + Policy.ReturnShipment, outcome.ReturnShippingPaidBy ?? Party.Seller);
            Record(now, Actor.Clock, "return_requested", $"ship by {Return.ShipBy:O}, shipping paid by the {Words.Of(Return.ShippingPaidBy)}");
            return;
        }

        Resolve(now);
    }

    private void Resolve(DateTimeOffset now)
    {
        Status = DisputeStatus.Resolved;
        Record(now, Actor.Clock, "resolved", $"{Words.Of(Outcome!.DecidedBy)}: refund {Outcome.RefundAmount}");
        SettleIfDue(now);
    }

    /// <summary>The money moves once the dispute is resolved and no appeal can still change the outcome.</summary>
    private void SettleIfDue(DateTimeOffset now)
    {
        if (Status != DisputeStatus.Resolved || Settled || AppealDeadline is not null)
        {
            return;
        }

        Settled = true;
        FinishedAt = now;
        Order.SettleLine(this, now);
    }
}
