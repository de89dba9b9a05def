using Arbiter.Domain.Common;

namespace Arbiter.Domain.Disputes;

/// <summary>Which deadline each status arms, what happens when one passes, and how a dispute ends.</summary>
public sealed partial class Dispute
{
    /// <summary>Every timer this dispute has armed now: its deadlines, and a reminder before each one a party must act by.</summary>
    public IEnumerable<Deadline> Deadlines()
    {
        var deadlines = Running().ToList();
        return deadlines.Concat(deadlines.Select(ReminderBefore).OfType<Deadline>());
    }

    /// <summary>
    /// A reminder some time before a deadline a party must act by, once per deadline, and only
    /// when the party had longer than that to act (a reminder at once would say nothing new).
    /// </summary>
    private Deadline? ReminderBefore(Deadline deadline)
    {
        DateTimeOffset? armedAt = deadline.Kind switch
        {
            DeadlineKind.SellerResponse => SellerResponseDueAt - Policy.SellerResponse,
            DeadlineKind.InfoRequest => Escalation!.InfoRequests.Single(r => r.Id == deadline.Ref).AskedAt,
            DeadlineKind.ReturnShipment => Return!.ShipBy - Policy.ReturnShipment,
            DeadlineKind.WaitEnds or DeadlineKind.ReplacementShipment => Promise!.AcceptedAt,
            DeadlineKind.ReplacementReceipt => Promise!.ShippedAt,
            _ => null,
        };
        var remindAt = deadline.DueAt - Policy.DeadlineReminder;
        return armedAt is { } since && Policy.DeadlineReminder > TimeSpan.Zero && remindAt > since && !RemindersSent.Contains(ReminderKey(deadline))
            ? new Deadline(DeadlineKind.Reminder, remindAt, Id, deadline.Key)
            : null;
    }

    private static string ReminderKey(Deadline deadline) => $"{deadline.Key}@{deadline.DueAt.ToUnixTimeMilliseconds()}";

    private void Remind(Deadline reminder)
    {
        var due = Running().Single(d => d.Key == reminder.Ref);
        RemindersSent.Add(ReminderKey(due));
        var (action, who) = due.Kind switch
        {
            DeadlineKind.SellerResponse => (HistoryAction.SellerResponseReminder, "the seller must respond"),
            DeadlineKind.InfoRequest => (HistoryAction.InfoRequestReminder, $"{due.Ref} from {string.Join(" and ", Escalation!.InfoRequests.Single(r => r.Id == due.Ref).Parties.Select(Words.Of))} must be answered"),
            DeadlineKind.WaitEnds => (HistoryAction.WaitEndsReminder, "the wait for the parcel ends: confirm receipt if it came, else the dispute resumes"),
            DeadlineKind.ReplacementShipment => (HistoryAction.ReplacementShipmentReminder, "the seller must ship the replacement"),
            DeadlineKind.ReplacementReceipt => (HistoryAction.ReplacementReceiptReminder, "the buyer must say whether the replacement came"),
            _ => (HistoryAction.ReturnShipmentReminder, "the buyer must ship the return"),
        };
        Record(reminder.DueAt, Actor.Clock, action, $"{who} by {due.DueAt:O}");
    }

    /// <summary>The deadlines running now, as the parties see them (no reminders).</summary>
    public IEnumerable<Deadline> Running()
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
            case DisputeStatus.WaitingForDelivery:
                yield return new Deadline(DeadlineKind.WaitEnds, Promise!.DueAt, Id);
                break;
            case DisputeStatus.AwaitingReplacement:
                yield return new Deadline(DeadlineKind.ReplacementShipment, Promise!.DueAt, Id);
                break;
            case DisputeStatus.AwaitingReplacementReceipt:
                yield return new Deadline(DeadlineKind.ReplacementReceipt, Promise!.DueAt, Id);
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
                Record(at, Actor.Clock, HistoryAction.SellerDidNotRespond, "resolved as claimed");
                Conclude(ClaimOutcome(DecidedBy.SellerNoResponse, at), at);
                break;
            case DeadlineKind.Negotiation:
                EscalateNow(Actor.Clock, "no agreement before the negotiation deadline", at);
                break;
            case DeadlineKind.InfoRequest:
                LapseInfoRequest(deadline.Ref!, at);
                break;
            case DeadlineKind.ReturnShipment:
                Record(at, Actor.Clock, HistoryAction.ReturnNotShipped, "the claim lapses and the seller is paid");
                Return = null;
                Conclude(new Outcome(Order.Amount(0), false, DecidedBy.ReturnNotShipped, at), at);
                break;
            case DeadlineKind.ReturnReceipt:
                Record(at, Actor.Clock, HistoryAction.ReturnNotConfirmed, "the seller did not answer: the refund goes out");
                Outcome = Outcome! with { DecidedBy = DecidedBy.ReturnNotConfirmed, DecidedAt = at };
                Resolve(at);
                break;
            case DeadlineKind.WaitEnds or DeadlineKind.ReplacementShipment or DeadlineKind.ReplacementReceipt:
                FirePromise(deadline);
                break;
            case DeadlineKind.Reminder:
                Remind(deadline);
                break;
            case DeadlineKind.AppealWindow:
                AppealDeadline = null;
                Record(at, Actor.Clock, HistoryAction.AppealWindowClosed, "the decision is final");
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
        StopWaiting();

        if (outcome.ReturnRequired)
        {
            Status = DisputeStatus.AwaitingReturn;
            Return = new ReturnInfo(now + Policy.ReturnShipment, outcome.ReturnShippingPaidBy ?? Party.Seller);
            Record(now, Actor.Clock, HistoryAction.ReturnRequested, $"ship by {Return.ShipBy:O}, shipping paid by the {Words.Of(Return.ShippingPaidBy)}");
            return;
        }

        Resolve(now);
    }

    /// <summary>The outcome is fixed: no offer stays pending and no question waits for an answer.</summary>
    private void StopWaiting()
    {
        SupersedePendingOffer();
        if (Escalation is { } escalation)
        {
            Escalation = escalation with { InfoRequests = [.. escalation.InfoRequests.Select(r => r with { Closed = true })] };
        }
    }

    private void Resolve(DateTimeOffset now)
    {
        Status = DisputeStatus.Resolved;
        Record(now, Actor.Clock, HistoryAction.Resolved, $"{Words.Of(Outcome!.DecidedBy)}: refund {Outcome.RefundAmount}");
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
