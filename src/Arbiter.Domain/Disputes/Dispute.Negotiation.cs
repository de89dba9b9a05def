using Arbiter.Domain.Common;

namespace Arbiter.Domain.Disputes;

/// <summary>The seller's response and the negotiation between buyer and seller.</summary>
public sealed partial class Dispute
{
    /// <summary>The seller accepts the claim as it stands.</summary>
    public Result AcceptClaim(Actor seller, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.AcceptClaim, seller, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        Record(now, seller, HistoryAction.ClaimAccepted);
        Conclude(ClaimOutcome(DecidedBy.SellerAccepted, now), now);
        return Result.Ok;
    }

    /// <summary>The seller rejects the claim; negotiation starts.</summary>
    public Result Reject(Actor seller, string? note, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.Reject, seller, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (TextError(note, required: false) is { } error)
        {
            return error;
        }

        Record(now, seller, HistoryAction.Rejected, note);
        StartNegotiation(now);
        return Result.Ok;
    }

    /// <summary>
    /// The seller proposes terms; a new offer replaces the one still pending. A promise
    /// (<see cref="OfferType.Replacement"/>, <see cref="OfferType.WaitForDelivery"/> for
    /// <paramref name="days"/>) has no amount: it refunds nothing and gives nothing up.
    /// </summary>
    public Result<Offer> MakeOffer(Actor seller, OfferType type, long? amount, string? note, DateTimeOffset now, int? days = null)
    {
        var guard = Guard(DisputeAction.MakeOffer, seller, now);
        if (!guard.IsSuccess)
        {
            return guard.Error!;
        }

        var promise = type.IsPromise();
        if (promise && PromiseError(type, days) is { } promiseError)
        {
            return promiseError;
        }

        var refundable = Order.Refundable(Order.Line(LineId)!);
        var value = Order.Amount(amount ?? 0);
        if (type is OfferType.NoRefund || promise ? !value.IsZero : !value.IsPositive)
        {
            return DomainError.Invalid(ErrorCode.InvalidAmount, promise ? "A promise refunds nothing: it has no amount." : type is OfferType.NoRefund ? "A no-refund offer has no amount." : "An offer's amount must be positive.");
        }

        if (value > refundable)
        {
            return DomainError.Invalid(ErrorCode.AmountExceedsLineTotal, $"At most {refundable} can be refunded on this line.");
        }

        if (TextError(note, required: false) is { } error)
        {
            return error;
        }

        SupersedePendingOffer();
        var offer = new Offer($"of{OfferList.Count + 1}", type, value, note, OfferStatus.Pending, now) { Days = type == OfferType.WaitForDelivery ? days : null };
        OfferList.Add(offer);
        Record(now, seller, HistoryAction.OfferMade, $"{offer.Id}: {Words.Of(type)} {(offer.Days is { } wait ? $"{wait} days" : value)}");
        if (Status == DisputeStatus.AwaitingSellerResponse)
        {
            StartNegotiation(now);
        }

        return offer;
    }

    /// <summary>
    /// The buyer accepts an offer: the dispute closes for good on its terms and the line can never be
    /// disputed again. Accepting "no return, no refund" pays the seller, so it needs explicit confirmation.
    /// Accepting a promise gives nothing up: the dispute stays open while it runs.
    /// </summary>
    public Result AcceptOffer(Actor buyer, string offerId, bool confirmed, DateTimeOffset now)
    {
        var found = AnswerableOffer(DisputeAction.AcceptOffer, buyer, offerId, now);
        if (found.Value is not { } offer)
        {
            return found.Error!;
        }

        if (offer.Type == OfferType.NoRefund && !confirmed)
        {
            return DomainError.Invalid(ErrorCode.ConfirmationRequired, "Accepting \"no return, no refund\" closes the dispute for good and pays the seller: you get nothing back. Send confirm: true to accept.");
        }

        ReplaceOffer(offer with { Status = OfferStatus.Accepted });
        if (offer.IsPromise)
        {
            StartPromise(offer, buyer, now);
            return Result.Ok;
        }

        Record(now, buyer, HistoryAction.OfferAccepted, $"{offer.Id}: {Words.Of(offer.Type)} {offer.Amount}; final");
        Conclude(new Outcome(offer.Amount, offer.ReturnRequired, DecidedBy.BuyerAcceptedOffer, now, offer.Note, offer.ReturnRequired ? Claim.ReturnShippingPaidBy : null), now);
        return Result.Ok;
    }

    public Result DeclineOffer(Actor buyer, string offerId, DateTimeOffset now)
    {
        var found = AnswerableOffer(DisputeAction.DeclineOffer, buyer, offerId, now);
        if (found.Value is not { } offer)
        {
            return found.Error!;
        }

        ReplaceOffer(offer with { Status = OfferStatus.Declined });
        Record(now, buyer, HistoryAction.OfferDeclined, offer.Id);
        return Result.Ok;
    }

    /// <summary>The buyer changes what they ask for.</summary>
    public Result ChangeClaim(Actor buyer, ClaimRequest request, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.ChangeClaim, buyer, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        var claim = Order.ValidateClaim(Order.Line(LineId)!, Id, request);
        if (!claim.IsSuccess)
        {
            return claim.Error!;
        }

        Claim = claim.Value!;
        Order.AttachEvidence(Claim.EvidenceIds, Id);
        Record(now, buyer, HistoryAction.ClaimChanged, Describe(Claim));
        return Result.Ok;
    }

    /// <summary>
    /// The buyer withdraws. Before mediation this is reversible: the line may be disputed again while
    /// protection runs, so a cancel close to its end needs confirmation. In mediation it is "cancel
    /// arbitration": the dispute ends and the seller is paid, which always needs confirmation.
    /// </summary>
    public Result Cancel(Actor buyer, bool confirmed, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.Cancel, buyer, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (Status == DisputeStatus.Escalated)
        {
            if (!confirmed)
            {
                return DomainError.Invalid(ErrorCode.ConfirmationRequired, $"{CancelWarning(now)} Send confirm: true to cancel.");
            }

            Record(now, buyer, HistoryAction.EscalationCancelled, "the seller is paid");
            Conclude(new Outcome(Order.Amount(0), false, DecidedBy.BuyerCancelledEscalation, now), now);
            return Result.Ok;
        }

        var windowEnd = Order.DisputeWindowEndsAt;
        if (!confirmed && CancelWarning(now) is { } warning)
        {
            return DomainError.Invalid(ErrorCode.ConfirmationRequired, $"{warning} Send confirm: true to cancel.");
        }

        SupersedePendingOffer();
        Status = DisputeStatus.Cancelled;
        Outcome = new Outcome(Order.Amount(0), false, DecidedBy.BuyerCancelled, now);
        FinishedAt = now;
        Record(now, buyer, HistoryAction.Cancelled, windowEnd > now ? $"may be reopened until {windowEnd:O}" : "protection has ended");
        Order.ReleaseWhatIsDue(now);
        return Result.Ok;
    }

    /// <summary>
    /// What the buyer loses by cancelling now, when it is more than a pause: in mediation the seller is
    /// paid; near or after the end of protection no new dispute can follow. Null when nothing is lost.
    /// </summary>
    public string? CancelWarning(DateTimeOffset now)
    {
        if (Status == DisputeStatus.Escalated)
        {
            return "Cancelling the escalation ends the dispute for good and pays the seller.";
        }

        var windowEnd = Order.DisputeWindowEndsAt;
        if (windowEnd is { } end && end - now >= Policy.ProtectionReminder)
        {
            return null;
        }

        return windowEnd is { } ends && ends > now
            ? $"Buyer protection ends at {ends.UtcDateTime:yyyy-MM-dd HH:mm} UTC: after that you cannot open a new dispute. Ask the seller to extend protection first."
            : "Buyer protection has ended: after cancelling you cannot open a new dispute and the seller is paid.";
    }

    /// <summary>A party (or the negotiation deadline) hands the dispute to a mediator.</summary>
    public Result Escalate(Actor actor, string? note, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.Escalate, actor, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (TextError(note, required: false) is { } error)
        {
            return error;
        }

        EscalateNow(actor, note, now);
        return Result.Ok;
    }

    /// <summary>A message inside the dispute; what the seller writes is screened for the guides' traps.</summary>
    public Result<Message> SendMessage(Actor actor, string? text, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.SendMessage, actor, now);
        if (!guard.IsSuccess)
        {
            return guard.Error!;
        }

        if (TextError(text, required: true) is { } error)
        {
            return error;
        }

        if (MessageList.Count(m => m.Author == actor.ToString()) >= Policy.MaxMessagesPerParty)
        {
            return DomainError.Conflict(ErrorCode.MessageLimitReached, $"You have written the {Policy.MaxMessagesPerParty} messages a dispute takes from one party; escalate it if it needs more.");
        }

        var warnings = actor.Role == Role.Buyer ? [] : MessageScreening.Screen(text!);
        var message = new Message($"m{MessageList.Count + 1}", now, actor.ToString(), text!.Trim(), warnings);
        MessageList.Add(message);
        Record(now, actor, HistoryAction.MessageSent, warnings.Count == 0 ? message.Id : $"{message.Id}; warnings: {string.Join(", ", warnings)}");
        return message;
    }

    /// <summary>The offer the buyer answers: it must exist (404), the buyer may answer now, and it is still pending.</summary>
    private Result<Offer> AnswerableOffer(DisputeAction action, Actor buyer, string offerId, DateTimeOffset now)
    {
        if (OfferList.Find(o => o.Id == offerId) is not { } offer)
        {
            return DomainError.NotFound(ErrorCode.OfferNotFound, "No such offer on this dispute.");
        }

        var guard = Guard(action, buyer, now);
        if (!guard.IsSuccess)
        {
            return guard.Error!;
        }

        return offer.Status == OfferStatus.Pending
            ? offer
            : DomainError.Conflict(ErrorCode.OfferNotPending, $"This offer is {Words.Of(offer.Status)}.");
    }

    private void EscalateNow(Actor actor, string? note, DateTimeOffset now)
    {
        // A promise is made to the buyer before mediation; in mediation the mediator decides.
        if (PendingOffer is { IsPromise: true })
        {
            SupersedePendingOffer();
        }

        Status = DisputeStatus.Escalated;
        Escalation = new Escalation(now, actor.ToString(), note);
        Record(now, actor, HistoryAction.Escalated, note);
    }

    private void StartNegotiation(DateTimeOffset now)
    {
        Status = DisputeStatus.Negotiating;
        NegotiationEndsAt ??= now + Policy.Negotiation;
    }

    private void SupersedePendingOffer()
    {
        if (PendingOffer is { } pending)
        {
            ReplaceOffer(pending with { Status = OfferStatus.Superseded });
        }
    }

    private void ReplaceOffer(Offer offer) => OfferList[OfferList.FindIndex(o => o.Id == offer.Id)] = offer;

    private Outcome ClaimOutcome(DecidedBy decidedBy, DateTimeOffset now)
    {
        var withReturn = Claim.Solution == Solution.ReturnAndRefund;
        return new Outcome(Claim.Amount, withReturn, decidedBy, now, null, withReturn ? Claim.ReturnShippingPaidBy : null);
    }

    private static DomainError? TextError(string? text, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(text))
        {
            return DomainError.Invalid(ErrorCode.TextRequired, "Write something.");
        }

        return text?.Length > Orders.Order.MaxTextLength
            ? DomainError.Invalid(ErrorCode.TextTooLong, $"Write at most {Orders.Order.MaxTextLength} characters.")
            : null;
    }
}
