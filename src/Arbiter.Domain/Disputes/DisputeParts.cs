using Arbiter.Domain.Common;

namespace Arbiter.Domain.Disputes;

/// <summary>Where a dispute stands: <c>awaiting_seller_response</c>, <c>negotiating</c>, <c>escalated</c> (in mediation), <c>awaiting_return</c> (the buyer sends the item back), <c>awaiting_return_receipt</c> (the seller confirms it came), <c>waiting_for_delivery</c>, <c>awaiting_replacement</c> and <c>awaiting_replacement_receipt</c> (a promise the buyer accepted runs), then <c>resolved</c> or <c>cancelled</c>.</summary>
public enum DisputeStatus
{
    AwaitingSellerResponse,
    Negotiating,
    Escalated,
    AwaitingReturn,
    AwaitingReturnReceipt,

    /// <summary>The buyer accepted to wait for the parcel: the dispute stays open until the wait ends.</summary>
    WaitingForDelivery,

    /// <summary>The buyer accepted a replacement: the seller must ship it.</summary>
    AwaitingReplacement,

    /// <summary>The replacement is on its way: the buyer says whether it came and is right.</summary>
    AwaitingReplacementReceipt,
    Resolved,
    Cancelled,
}

/// <summary>Where mediation stands: <c>under_review</c> (the mediator's turn), or <c>waiting_for_buyer</c>, <c>waiting_for_seller</c>, <c>waiting_for_both</c> (an answer to the mediator's question is due).</summary>
public enum EscalationStatus
{
    UnderReview,
    WaitingForBuyer,
    WaitingForSeller,
    WaitingForBoth,
}

/// <summary>What the buyer asks for: <c>refund_only</c>, or <c>return_and_refund</c> (the item goes back first).</summary>
public enum Solution
{
    RefundOnly,
    ReturnAndRefund,
}

/// <summary>What a seller offers: <c>refund_only</c>, <c>return_and_refund</c>, <c>no_refund</c> (the buyer gets nothing; accepting needs confirmation), or a promise that refunds nothing and keeps the dispute open while it runs: <c>replacement</c> (a new item or the missing parts) or <c>wait_for_delivery</c> (the parcel is on its way).</summary>
public enum OfferType
{
    RefundOnly,
    ReturnAndRefund,
    NoRefund,

    /// <summary>A promise: the seller sends a new item or the missing parts.</summary>
    Replacement,

    /// <summary>A promise: the parcel is on its way, wait so many days.</summary>
    WaitForDelivery,
}

public static class OfferTypes
{
    /// <summary>Whether the offer is a promise: it refunds nothing and keeps the dispute open while it runs.</summary>
    public static bool IsPromise(this OfferType type) => type is OfferType.Replacement or OfferType.WaitForDelivery;
}

/// <summary>How an offer stands: <c>pending</c> (the buyer has to answer), <c>accepted</c>, <c>declined</c>, or <c>superseded</c> (a later offer replaced it).</summary>
public enum OfferStatus
{
    Pending,
    Accepted,
    Declined,
    Superseded,
}

/// <summary>What decided a dispute's outcome: the seller accepted the claim (<c>seller_accepted</c>) or did not answer in time (<c>seller_no_response</c>); the buyer accepted an offer (<c>buyer_accepted_offer</c>), cancelled (<c>buyer_cancelled</c>, <c>buyer_cancelled_escalation</c>) or went to the bank (<c>chargeback</c>); a mediator (<c>mediator</c>); a party gave no answer to the mediator (<c>party_no_response</c>); the return was not shipped (<c>return_not_shipped</c>) or its receipt not confirmed (<c>return_not_confirmed</c>); the replacement came (<c>replacement_received</c>), was not shipped (<c>replacement_not_shipped</c>) or drew no complaint (<c>replacement_not_disputed</c>).</summary>
public enum DecidedBy
{
    SellerAccepted,
    BuyerAcceptedOffer,
    SellerNoResponse,
    Mediator,
    BuyerCancelledEscalation,
    ReturnNotShipped,
    ReturnNotConfirmed,
    PartyNoResponse,
    BuyerCancelled,
    ReplacementReceived,
    ReplacementNotShipped,
    ReplacementNotDisputed,

    /// <summary>The buyer went to their bank instead: the bank decides the money.</summary>
    Chargeback,
}

/// <summary>A side of the dispute: <c>buyer</c> or <c>seller</c>.</summary>
public enum Party
{
    Buyer,
    Seller,
}

/// <summary>A mediator's decision: <c>full_refund</c>, <c>full_refund_with_return</c> (once the item is back), <c>partial_refund</c> (an amount, no return) or <c>no_refund</c> (the seller is paid).</summary>
public enum MediatorOutcome
{
    FullRefund,
    FullRefundWithReturn,
    PartialRefund,
    NoRefund,
}

/// <summary>What the buyer asks for.</summary>
public sealed record Claim(bool Received, string Reason, Solution Solution, Money Amount, string Description, IReadOnlyList<string> EvidenceIds)
{
    internal Claim In(Currency currency) => this with { Amount = Amount.In(currency) };

    /// <summary>Who pays to send the item back when this claim needs a return.</summary>
    public Party ReturnShippingPaidBy => Reasons.IsBuyersOwnChoice(Reason) ? Party.Buyer : Party.Seller;
}

/// <summary>A seller's proposal during negotiation or mediation; a promise (<see cref="IsPromise"/>) keeps the dispute open while it runs.</summary>
public sealed record Offer(string Id, OfferType Type, Money Amount, string? Note, OfferStatus Status, DateTimeOffset At)
{
    /// <summary>How many days the buyer is asked to wait, for <see cref="OfferType.WaitForDelivery"/>.</summary>
    public int? Days { get; init; }

    internal Offer In(Currency currency) => this with { Amount = Amount.In(currency) };

    public bool ReturnRequired => Type == OfferType.ReturnAndRefund;

    public bool IsPromise => Type.IsPromise();
}

/// <summary>
/// A seller's promise the buyer accepted, while it runs: the wait, or the replacement to ship and
/// then to arrive. <see cref="DueAt"/> is the deadline of its current step.
/// </summary>
public sealed record Promise(string OfferId, OfferType Type, DateTimeOffset AcceptedAt, DateTimeOffset DueAt)
{
    public string? Carrier { get; init; }

    public string? TrackingNumber { get; init; }

    public DateTimeOffset? ShippedAt { get; init; }
}

/// <summary>How a dispute ended, or is about to end: refund, return, and who decided.</summary>
public sealed record Outcome(Money RefundAmount, bool ReturnRequired, DecidedBy DecidedBy, DateTimeOffset DecidedAt, string? Note = null, Party? ReturnShippingPaidBy = null)
{
    internal Outcome In(Currency currency) => this with { RefundAmount = RefundAmount.In(currency) };
}

/// <summary>A mediator's question to one party or both, answered separately by each.</summary>
public sealed record InfoRequest(string Id, IReadOnlyList<Party> Parties, string Question, DateTimeOffset AskedAt, DateTimeOffset DueAt)
{
    public IReadOnlyList<InfoAnswer> Answers { get; init; } = [];

    /// <summary>Set once the request no longer waits for anyone (answered, lapsed, or the dispute moved on).</summary>
    public bool Closed { get; init; }

    public bool Awaits(Party party) => !Closed && Parties.Contains(party) && Answers.All(a => a.Party != party);
}

public sealed record InfoAnswer(Party Party, string Text, IReadOnlyList<string> EvidenceIds, DateTimeOffset At);

/// <summary>The return of the item to the seller, with both of its deadlines.</summary>
public sealed record ReturnInfo(DateTimeOffset ShipBy, Party ShippingPaidBy)
{
    public string? Carrier { get; init; }

    public string? TrackingNumber { get; init; }

    public DateTimeOffset? ShippedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When the platform reported the delivery; a late report cannot shorten the past.</summary>
    public DateTimeOffset? DeliveryReportedAt { get; init; }
}

public sealed record Appeal(Party By, string Reason, DateTimeOffset At);

/// <summary>A message inside a dispute, with the warnings the buyer should see.</summary>
public sealed record Message(string Id, DateTimeOffset At, string Author, string Text, IReadOnlyList<string> Warnings);

/// <summary>A dispute in mediation: who escalated, whether it is an appeal, the mediator it is assigned to, and the mediator's questions.</summary>
public sealed record Escalation(DateTimeOffset At, string By, string? Note)
{
    public bool Appealed { get; init; }

    /// <summary>The mediator account the dispute is assigned to; null until one takes it or is given it.</summary>
    public string? Assignee { get; init; }

    public DateTimeOffset? AssignedAt { get; init; }

    /// <summary>The mediator who decided in this mediation.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>On an appeal, the mediator whose decision it is against: another hears it where there is another.</summary>
    public string? FirstDecider { get; init; }

    public IReadOnlyList<InfoRequest> InfoRequests { get; init; } = [];

    public bool Awaits(Party party) => InfoRequests.Any(r => r.Awaits(party));
}
