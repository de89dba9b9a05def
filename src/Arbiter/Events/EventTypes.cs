using System.Collections.Frozen;
using Arbiter.Domain;
using Arbiter.Domain.Orders;

namespace Arbiter.Events;

/// <summary>One kind of event the platform can subscribe to.</summary>
/// <param name="Name">The type, as <c>subject.what_happened</c> (<c>dispute.opened</c>).</param>
/// <param name="Description">What happened, in a sentence.</param>
internal sealed record EventType(string Name, string Description);

/// <summary>
/// The published event types (version 1), one per kind of history entry. Names are
/// <c>subject.what_happened</c>; a payload only ever gains fields within a version.
/// </summary>
internal static class EventTypes
{
    public const int Version = 1;

    /// <summary>Each published action's event name, built once from the catalogue below: every save looks its events up here.</summary>
    private static readonly FrozenDictionary<HistoryAction, string> NameOf = Enum.GetValues<HistoryAction>()
        .Select(a => (Action: a, Type: Of(a)))
        .Where(p => p.Type is not null)
        .ToFrozenDictionary(p => p.Action, p => p.Type!.Name);

    /// <summary>Every published type, as documented.</summary>
    public static readonly IReadOnlyList<EventType> All =
        [.. Enum.GetValues<HistoryAction>().Select(Of).OfType<EventType>().OrderBy(t => t.Name, StringComparer.Ordinal)];

    public static readonly FrozenSet<string> Names = All.Select(t => t.Name).ToFrozenSet();

    /// <summary>The type an entry is published as; null only for what another event already says.</summary>
    public static string? Of(RecordedEvent recorded) => NameOf.GetValueOrDefault(recorded.Entry.Action);

#pragma warning disable CS8524 // Every named action has its arm (a missing one is CS8509, an error); there are no others.
    /// <summary>
    /// Each history action and the event it is published as: an exhaustive switch, so a new action
    /// does not compile until it is catalogued. The order's own note that a dispute opened is not
    /// published: <c>dispute.opened</c> says it.
    /// </summary>
    public static EventType? Of(HistoryAction action) => action switch
    {
        HistoryAction.DisputeOpened => null,
        HistoryAction.OrderCreated => new("order.created", "An order was created and its payment captured into escrow."),
        HistoryAction.Shipped => new("order.shipped", "The seller shipped: buyer protection started."),
        HistoryAction.Delivered => new("order.delivered", "The carrier delivered the order."),
        HistoryAction.ReceiptConfirmed => new("order.receipt_confirmed", "The buyer confirmed receipt."),
        HistoryAction.OrderCancelled => new("order.cancelled", "The buyer cancelled before shipment."),
        HistoryAction.ProcessingExtended => new("order.processing_extended", "The seller extended the processing time."),
        HistoryAction.ProcessingDeadlinePassed => new("order.processing_deadline_passed", "The order was not shipped in time: cancelled and refunded."),
        HistoryAction.ProtectionExtended => new("order.protection_extended", "The seller extended buyer protection."),
        HistoryAction.ProtectionReminder => new("order.protection_ending", "Buyer protection ends soon (the reminder to the buyer)."),
        HistoryAction.ProtectionEnded => new("order.protection_ended", "Buyer protection ended."),
        HistoryAction.OrderCompleted => new("order.completed", "The order completed: what escrow held went to the seller."),
        HistoryAction.OrderClosed => new("order.closed", "The order closed fully refunded."),
        HistoryAction.RefundCreated => new("refund.created", "A refund was decided: the platform's payment system must pay it."),
        HistoryAction.RefundSent => new("refund.sent", "The payment system took the refund on."),
        HistoryAction.RefundCompleted => new("refund.completed", "The refund reached the buyer."),
        HistoryAction.RefundFailed => new("refund.failed", "The refund failed; it will be asked for again."),
        HistoryAction.RefundRetried => new("refund.retried", "A failed refund is asked for again: the payment system must pay it."),
        HistoryAction.RefundNeedsAttention => new("refund.needs_attention", "A refund failed every attempt: a mediator or the platform must act."),
        HistoryAction.RefundCancelled => new("refund.cancelled", "A refund not yet sent was withdrawn because the buyer's bank returns the money instead (a chargeback): the payment system must not pay it."),
        HistoryAction.ChargebackOpened => new("chargeback.opened", "The platform reported a chargeback: the buyer's bank took money back; the order's disputes end and no refund pays the same money."),
        HistoryAction.ChargebackNeedsAttention => new("chargeback.needs_attention", "A chargeback pays money a refund already sent pays too: contest it at the bank with the refund's reference."),
        HistoryAction.ChargebackWon => new("chargeback.won", "The merchant won the chargeback: the money came back, and the refunds it replaced go out again."),
        HistoryAction.ChargebackLost => new("chargeback.lost", "The merchant lost the chargeback: the buyer keeps the money."),
        HistoryAction.Opened => new("dispute.opened", "The buyer opened a dispute: the seller must respond."),
        HistoryAction.ClaimAccepted => new("dispute.claim_accepted", "The seller accepted the buyer's claim."),
        HistoryAction.Rejected => new("dispute.rejected", "The seller rejected the claim: the parties negotiate."),
        HistoryAction.OfferMade => new("dispute.offer_made", "The seller made an offer."),
        HistoryAction.OfferAccepted => new("dispute.offer_accepted", "The buyer accepted an offer."),
        HistoryAction.OfferDeclined => new("dispute.offer_declined", "The buyer declined an offer."),
        HistoryAction.ClaimChanged => new("dispute.claim_changed", "The buyer changed the claim."),
        HistoryAction.Cancelled => new("dispute.cancelled", "The buyer cancelled the dispute."),
        HistoryAction.MessageSent => new("dispute.message_sent", "A party or the mediator wrote a message."),
        HistoryAction.SellerResponseReminder => new("dispute.seller_response_due_soon", "The seller's answer is due soon (the reminder to the seller)."),
        HistoryAction.SellerDidNotRespond => new("dispute.seller_did_not_respond", "The seller did not respond in time."),
        HistoryAction.Escalated => new("dispute.escalated", "The dispute went to a mediator."),
        HistoryAction.Assigned => new("dispute.assigned", "The dispute was assigned to a mediator: by the assigner on arrival, taken by one, or handed over to another (dispute.assignee names them)."),
        HistoryAction.EscalationCancelled => new("dispute.escalation_cancelled", "The party who escalated withdrew the escalation."),
        HistoryAction.InfoRequested => new("dispute.info_requested", "The mediator asked a party for information, with a deadline."),
        HistoryAction.InfoRequestReminder => new("dispute.info_request_due_soon", "An answer to the mediator is due soon (the reminder to the parties asked)."),
        HistoryAction.InfoAnswered => new("dispute.info_answered", "A party answered the mediator."),
        HistoryAction.InfoRequestLapsed => new("dispute.info_request_lapsed", "A mediator's question went unanswered."),
        HistoryAction.EvidenceAdded => new("dispute.evidence_added", "A party added evidence to the dispute."),
        HistoryAction.Decided => new("dispute.decided", "The mediator decided; either party may appeal within 7 days."),
        HistoryAction.FinalDecision => new("dispute.final_decision", "The mediator decided after an appeal: final."),
        HistoryAction.Appealed => new("dispute.appealed", "A party appealed the mediator's decision."),
        HistoryAction.AppealWindowClosed => new("dispute.appeal_window_closed", "The appeal window closed."),
        HistoryAction.ReturnRequested => new("dispute.return_requested", "The item must be returned before the refund."),
        HistoryAction.ReturnShipmentReminder => new("dispute.return_due_soon", "The return must be shipped soon (the reminder to the buyer)."),
        HistoryAction.ReturnShipped => new("dispute.return_shipped", "The buyer shipped the return."),
        HistoryAction.ReturnDelivered => new("dispute.return_delivered", "The return was delivered to the seller."),
        HistoryAction.ReturnReceived => new("dispute.return_received", "The seller confirmed receiving the return."),
        HistoryAction.ReturnRefused => new("dispute.return_refused", "The seller refused the returned item."),
        HistoryAction.ReturnNotShipped => new("dispute.return_not_shipped", "The buyer did not ship the return in time."),
        HistoryAction.ReturnNotConfirmed => new("dispute.return_not_confirmed", "The seller did not confirm the return in time."),
        HistoryAction.ExtensionRequested => new("order.extension_requested", "A party asked the other for more time: the buyer for protection, the seller for processing."),
        HistoryAction.ExtensionRequestAccepted => new("order.extension_request_accepted", "The other party agreed to the request for more time."),
        HistoryAction.ExtensionRequestDeclined => new("order.extension_request_declined", "The other party declined the request for more time."),
        HistoryAction.ExtensionRequestExpired => new("order.extension_request_expired", "A request for more time went unanswered: nothing changed."),
        HistoryAction.ExtensionRequestReminder => new("order.extension_request_due_soon", "A request for more time waits for its answer (the reminder to the party who must answer)."),
        HistoryAction.ProtectionMoved => new("order.protection_moved", "Buyer protection moved out by itself, so that it lasts past a seller's promise."),
        HistoryAction.WaitEndsReminder => new("dispute.wait_ends_soon", "The wait the buyer accepted ends soon (the reminder to the buyer)."),
        HistoryAction.WaitEnded => new("dispute.wait_ended", "The wait ended without word from the buyer: the dispute resumed."),
        HistoryAction.Resumed => new("dispute.resumed", "The buyer stopped waiting: the parties negotiate again."),
        HistoryAction.ReplacementShipmentReminder => new("dispute.replacement_due_soon", "The promised replacement must be shipped soon (the reminder to the seller)."),
        HistoryAction.ReplacementShipped => new("dispute.replacement_shipped", "The seller shipped the promised replacement."),
        HistoryAction.ReplacementReceiptReminder => new("dispute.replacement_answer_due_soon", "The buyer's word on the replacement is due soon (the reminder to the buyer)."),
        HistoryAction.ReplacementReceived => new("dispute.replacement_received", "The buyer received the replacement: the promise is kept."),
        HistoryAction.ReplacementProblem => new("dispute.replacement_problem", "The buyer reported a problem with the replacement: a mediator decides."),
        HistoryAction.ReplacementNotShipped => new("dispute.replacement_not_shipped", "The replacement was not shipped in time: the claim is granted."),
        HistoryAction.ReplacementNotDisputed => new("dispute.replacement_not_disputed", "No word from the buyer on the replacement in time: the seller is paid."),
        HistoryAction.Resolved => new("dispute.resolved", "The dispute was resolved."),
    };
#pragma warning restore CS8524
}
