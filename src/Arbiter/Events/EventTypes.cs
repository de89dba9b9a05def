using System.Collections.Frozen;
using Arbiter.Domain.Orders;

namespace Arbiter.Events;

/// <summary>One kind of event the platform can subscribe to, as documented.</summary>
internal sealed record EventType(string Name, string Description);

/// <summary>
/// The published event types (version 1), one per kind of history entry. Names are
/// <c>subject.what_happened</c>; a payload only ever gains fields within a version.
/// </summary>
internal static class EventTypes
{
    public const int Version = 1;

    /// <summary>History actions recorded at order level, and the event each one is.</summary>
    private static readonly (string Action, string Name, string Description)[] OrderActions =
    [
        ("order_created", "order.created", "An order was created and its payment captured into escrow."),
        ("shipped", "order.shipped", "The seller shipped: buyer protection started."),
        ("delivered", "order.delivered", "The carrier delivered the order."),
        ("receipt_confirmed", "order.receipt_confirmed", "The buyer confirmed receipt."),
        ("order_cancelled", "order.cancelled", "The buyer cancelled before shipment."),
        ("processing_extended", "order.processing_extended", "The seller extended the processing time."),
        ("processing_deadline_passed", "order.processing_deadline_passed", "The order was not shipped in time: cancelled and refunded."),
        ("protection_extended", "order.protection_extended", "The seller extended buyer protection."),
        ("protection_reminder", "order.protection_ending", "Buyer protection ends soon (the reminder to the buyer)."),
        ("protection_ended", "order.protection_ended", "Buyer protection ended."),
        ("order_completed", "order.completed", "The order completed: what escrow held went to the seller."),
        ("order_closed", "order.closed", "The order closed fully refunded."),
        ("refund_created", "refund.created", "A refund was decided: the platform's payment system must pay it."),
        ("refund_sent", "refund.sent", "The payment system took the refund on."),
        ("refund_completed", "refund.completed", "The refund reached the buyer."),
        ("refund_failed", "refund.failed", "The refund failed; it will be asked for again."),
        ("refund_retried", "refund.retried", "A failed refund is asked for again: the payment system must pay it."),
        ("refund_needs_attention", "refund.needs_attention", "A refund failed every attempt: a mediator or the platform must act."),
    ];

    /// <summary>History actions recorded by a dispute, and the event each one is.</summary>
    private static readonly (string Action, string Name, string Description)[] DisputeActions =
    [
        ("opened", "dispute.opened", "The buyer opened a dispute: the seller must respond."),
        ("claim_accepted", "dispute.claim_accepted", "The seller accepted the buyer's claim."),
        ("rejected", "dispute.rejected", "The seller rejected the claim: the parties negotiate."),
        ("offer_made", "dispute.offer_made", "The seller made an offer."),
        ("offer_accepted", "dispute.offer_accepted", "The buyer accepted an offer."),
        ("offer_declined", "dispute.offer_declined", "The buyer declined an offer."),
        ("claim_changed", "dispute.claim_changed", "The buyer changed the claim."),
        ("cancelled", "dispute.cancelled", "The buyer cancelled the dispute."),
        ("message_sent", "dispute.message_sent", "A party or the mediator wrote a message."),
        ("seller_response_reminder", "dispute.seller_response_due_soon", "The seller's answer is due soon (the reminder to the seller)."),
        ("seller_did_not_respond", "dispute.seller_did_not_respond", "The seller did not respond in time."),
        ("escalated", "dispute.escalated", "The dispute went to a mediator."),
        ("escalation_cancelled", "dispute.escalation_cancelled", "The party who escalated withdrew the escalation."),
        ("info_requested", "dispute.info_requested", "The mediator asked a party for information, with a deadline."),
        ("info_request_reminder", "dispute.info_request_due_soon", "An answer to the mediator is due soon (the reminder to the parties asked)."),
        ("info_answered", "dispute.info_answered", "A party answered the mediator."),
        ("info_request_lapsed", "dispute.info_request_lapsed", "A mediator's question went unanswered."),
        ("evidence_added", "dispute.evidence_added", "A party added evidence to the dispute."),
        ("decided", "dispute.decided", "The mediator decided; either party may appeal within 7 days."),
        ("final_decision", "dispute.final_decision", "The mediator decided after an appeal: final."),
        ("appealed", "dispute.appealed", "A party appealed the mediator's decision."),
        ("appeal_window_closed", "dispute.appeal_window_closed", "The appeal window closed."),
        ("return_requested", "dispute.return_requested", "The item must be returned before the refund."),
        ("return_shipment_reminder", "dispute.return_due_soon", "The return must be shipped soon (the reminder to the buyer)."),
        ("return_shipped", "dispute.return_shipped", "The buyer shipped the return."),
        ("return_delivered", "dispute.return_delivered", "The return was delivered to the seller."),
        ("return_received", "dispute.return_received", "The seller confirmed receiving the return."),
        ("return_refused", "dispute.return_refused", "The seller refused the returned item."),
        ("return_not_shipped", "dispute.return_not_shipped", "The buyer did not ship the return in time."),
        ("return_not_confirmed", "dispute.return_not_confirmed", "The seller did not confirm the return in time."),
        ("resolved", "dispute.resolved", "The dispute was resolved."),
    ];

    private static readonly FrozenDictionary<string, string> ByOrderAction = OrderActions.ToFrozenDictionary(a => a.Action, a => a.Name);
    private static readonly FrozenDictionary<string, string> ByDisputeAction = DisputeActions.ToFrozenDictionary(a => a.Action, a => a.Name);

    /// <summary>Every published type, as documented.</summary>
    public static readonly IReadOnlyList<EventType> All = [.. OrderActions.Concat(DisputeActions).Select(a => new EventType(a.Name, a.Description)).OrderBy(t => t.Name, StringComparer.Ordinal)];

    public static readonly FrozenSet<string> Names = All.Select(t => t.Name).ToFrozenSet();

    /// <summary>
    /// The type an entry is published as. Null only for the order's own note that a dispute opened,
    /// which <c>dispute.opened</c> already says; an action not catalogued yet is still published,
    /// under a name made the same way, so that no change ever goes unheard.
    /// </summary>
    public static string? Of(RecordedEvent recorded) => (recorded.DisputeId, recorded.Entry.Action) switch
    {
        (null, "dispute_opened") => null,
        (null, var action) => ByOrderAction.GetValueOrDefault(action) ?? $"order.{action}",
        (_, var action) => ByDisputeAction.GetValueOrDefault(action) ?? $"dispute.{action}",
    };
}
