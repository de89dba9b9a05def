using Arbiter.Domain.Common;

namespace Arbiter.Domain.Disputes;

/// <summary>
/// A seller's promise ("wait, it is on the way"; "I will send a replacement") as part of the
/// dispute: accepting it gives nothing up. The dispute stays open, the money stays held and the
/// order's protection lasts past the promise; a kept promise ends the dispute for the seller, a
/// broken one goes back to the buyer's claim or to a mediator, by the clock if nobody acts.
/// </summary>
public sealed partial class Dispute
{
    public const int MaxWaitDays = 30;

    /// <summary>Whether a promise runs now, holding the dispute open.</summary>
    public bool AwaitsPromise => Status is DisputeStatus.WaitingForDelivery or DisputeStatus.AwaitingReplacement or DisputeStatus.AwaitingReplacementReceipt;

    /// <summary>The buyer stops waiting: negotiation starts again with a fresh window.</summary>
    public Result Resume(Actor buyer, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.Resume, buyer, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        Record(now, buyer, HistoryAction.Resumed, "the buyer stopped waiting");
        NegotiateAfresh(now);
        return Result.Ok;
    }

    /// <summary>The seller ships the promised replacement; the buyer then has time to say whether it came.</summary>
    public Result ShipReplacement(Actor seller, string? carrier, string? trackingNumber, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.ShipReplacement, seller, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            return DomainError.Invalid(ErrorCode.TrackingRequired, "A replacement needs a carrier and a tracking number.");
        }

        Promise = Promise! with { Carrier = carrier.Trim(), TrackingNumber = trackingNumber.Trim(), ShippedAt = now, DueAt = now + Policy.ReplacementReceipt };
        Status = DisputeStatus.AwaitingReplacementReceipt;
        Record(now, seller, HistoryAction.ReplacementShipped, $"{Promise.Carrier} {Promise.TrackingNumber}; the buyer answers by {Promise.DueAt:O}");
        Order.KeepProtectionPast(Promise.DueAt + Policy.ProtectionReminder, $"the replacement for {Id} is on its way", now);
        return Result.Ok;
    }

    /// <summary>The replacement came and is right: the promise is kept, the seller is paid.</summary>
    public Result ConfirmReplacement(Actor buyer, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.ConfirmReplacement, buyer, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        Record(now, buyer, HistoryAction.ReplacementReceived, "the promise is kept");
        Conclude(new Outcome(Order.Amount(0), false, DecidedBy.ReplacementReceived, now), now);
        return Result.Ok;
    }

    /// <summary>The replacement did not come or is wrong too: a mediator decides.</summary>
    public Result ReportReplacementProblem(Actor buyer, string? note, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.ReportReplacementProblem, buyer, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (TextError(note, required: true) is { } error)
        {
            return error;
        }

        Record(now, buyer, HistoryAction.ReplacementProblem, note!.Trim());
        EscalateNow(buyer, note.Trim(), now);
        return Result.Ok;
    }

    /// <summary>The buyer confirmed receipt of the order while waiting for it: the wait is over, the dispute ends.</summary>
    internal void EndWaitOnReceipt(Actor buyer, DateTimeOffset now)
    {
        Status = DisputeStatus.Cancelled;
        Outcome = new Outcome(Order.Amount(0), false, DecidedBy.BuyerCancelled, now);
        FinishedAt = now;
        Record(now, buyer, HistoryAction.Cancelled, "the buyer confirmed receipt: the parcel arrived");
    }

    /// <summary>Why the seller may not promise this now, if they may not.</summary>
    private DomainError? PromiseError(OfferType type, int? days)
    {
        if (Status is not (DisputeStatus.AwaitingSellerResponse or DisputeStatus.Negotiating))
        {
            return DomainError.Conflict(ErrorCode.InvalidState, "A promise is made to the buyer before mediation; in mediation the mediator decides.");
        }

        if (type == OfferType.WaitForDelivery && Claim.Received)
        {
            return DomainError.Invalid(ErrorCode.InvalidOfferType, "wait_for_delivery is for a parcel that has not arrived; the buyer has received this one.");
        }

        return type == OfferType.WaitForDelivery && days is not (>= 1 and <= MaxWaitDays)
            ? DomainError.Invalid(ErrorCode.InvalidDays, $"days must be between 1 and {MaxWaitDays}: how long the buyer is asked to wait.")
            : null;
    }

    /// <summary>The buyer accepted a promise: it runs, and protection lasts past it.</summary>
    private void StartPromise(Offer offer, Actor buyer, DateTimeOffset now)
    {
        var waiting = offer.Type == OfferType.WaitForDelivery;
        Promise = new Promise(offer.Id, offer.Type, now, waiting ? now.AddDays(offer.Days!.Value) : now + Policy.ReplacementShipment);
        Status = waiting ? DisputeStatus.WaitingForDelivery : DisputeStatus.AwaitingReplacement;
        Record(now, buyer, HistoryAction.OfferAccepted, waiting
            ? $"{offer.Id}: wait for delivery until {Promise.DueAt:O}; the dispute stays open"
            : $"{offer.Id}: replacement, to ship by {Promise.DueAt:O}; the dispute stays open");
        Order.KeepProtectionPast(Promise.DueAt + Policy.ProtectionReminder, $"the seller's promise in {Id} runs", now);
    }

    private void FirePromise(Deadline deadline)
    {
        var at = deadline.DueAt;
        switch (deadline.Kind)
        {
            case DeadlineKind.WaitEnds:
                Record(at, Actor.Clock, HistoryAction.WaitEnded, "no word from the buyer: the dispute resumes");
                NegotiateAfresh(at);
                break;
            case DeadlineKind.ReplacementShipment:
                Record(at, Actor.Clock, HistoryAction.ReplacementNotShipped, "the promise is broken: resolved as claimed");
                Conclude(ClaimOutcome(DecidedBy.ReplacementNotShipped, at), at);
                break;
            default:
                Record(at, Actor.Clock, HistoryAction.ReplacementNotDisputed, "no word from the buyer on the replacement: the seller is paid");
                Conclude(new Outcome(Order.Amount(0), false, DecidedBy.ReplacementNotDisputed, at), at);
                break;
        }
    }

    private void NegotiateAfresh(DateTimeOffset now)
    {
        Status = DisputeStatus.Negotiating;
        NegotiationEndsAt = now + Policy.Negotiation;
    }
}
