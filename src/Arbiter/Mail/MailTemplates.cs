using System.Collections.Frozen;

namespace Arbiter.Mail;

/// <summary>Who an e-mail goes to: the order's buyer, its seller, or whichever party did not act.</summary>
internal enum Audience
{
    Buyer,
    Seller,
    Both,
    OtherParty,
}

/// <summary>
/// One e-mail per event type: who gets it, its subject and what it says. Placeholders: {order},
/// {dispute}, {amount}, {deadline}. Reminders can be unsubscribed from; everything else tells a
/// party what happened to their money or what they must do, and always goes out.
/// </summary>
internal sealed record MailTemplate(Audience To, string Subject, string Body, bool Reminder = false);

internal static class MailTemplates
{
    public static readonly FrozenDictionary<string, MailTemplate> ByType = new Dictionary<string, MailTemplate>
    {
        ["order.created"] = new(Audience.Buyer, "Your payment for order {order} is held safely", "Your payment is held by buyer protection until you confirm you received order {order}."),
        ["order.shipped"] = new(Audience.Buyer, "Order {order} has shipped", "The seller shipped order {order}. Buyer protection runs until {deadline}: if something is wrong, open a dispute before then."),
        ["order.delivered"] = new(Audience.Buyer, "Order {order} was delivered", "The carrier delivered order {order}. Check it, then confirm receipt, or open a dispute before buyer protection ends."),
        ["order.receipt_confirmed"] = new(Audience.Seller, "The buyer confirmed receipt of order {order}", "The buyer confirmed receiving order {order}; its money is released to you."),
        ["order.cancelled"] = new(Audience.Seller, "Order {order} was cancelled", "The buyer cancelled order {order} before it shipped and was refunded in full."),
        ["order.processing_extended"] = new(Audience.Buyer, "More time to ship order {order}", "The seller has more time to ship order {order}."),
        ["order.processing_deadline_passed"] = new(Audience.Both, "Order {order} was not shipped in time", "Order {order} was not shipped in time: it is cancelled and the buyer refunded in full."),
        ["order.protection_extended"] = new(Audience.Buyer, "Buyer protection for order {order} was extended", "The seller extended buyer protection for order {order}; it now ends at {deadline}."),
        ["order.protection_ending"] = new(Audience.Buyer, "Buyer protection for order {order} ends soon", "Buyer protection for order {order} ends at {deadline}. If the item has not arrived or is not as described, open a dispute before then; after that the money goes to the seller.", Reminder: true),
        ["order.protection_ended"] = new(Audience.Buyer, "Buyer protection for order {order} has ended", "Buyer protection for order {order} has ended."),
        ["order.completed"] = new(Audience.Seller, "Order {order} is complete", "Order {order} is complete; what escrow held for it is released to you."),
        ["order.closed"] = new(Audience.Buyer, "Order {order} is closed", "Order {order} is closed: you were refunded in full."),
        ["refund.created"] = new(Audience.Buyer, "A refund of {amount} is on its way", "A refund of {amount} for order {order} goes back to your original payment method; it usually arrives within 7 to 10 business days."),
        ["refund.cancelled"] = new(Audience.Buyer, "Your bank pays back {amount} instead of us", "You asked your bank to reverse the payment for order {order}, so the refund of {amount} we were about to send is withdrawn: the same money is never paid twice. If your bank does not cover all of it, the rest goes out to you as a new refund."),
        ["chargeback.opened"] = new(Audience.Both, "The buyer's bank is deciding about order {order}", "The buyer asked their bank to reverse {amount} of the payment for order {order}. The bank decides that money now: disputes on the order are closed, and nothing more is released or refunded from it until the bank has decided."),
        ["chargeback.won"] = new(Audience.Both, "The bank decided for the seller on order {order}", "The bank decided the chargeback of {amount} on order {order} for the seller: the money came back and goes where the order sends it, and any refund it had replaced goes out again."),
        ["chargeback.lost"] = new(Audience.Both, "The bank decided for the buyer on order {order}", "The bank decided the chargeback of {amount} on order {order} for the buyer, who keeps the money."),
        ["refund.completed"] = new(Audience.Buyer, "Your refund of {amount} has arrived", "Your refund of {amount} for order {order} was paid to your original payment method."),
        ["refund.failed"] = new(Audience.Buyer, "Your refund of {amount} is delayed", "Paying your refund of {amount} for order {order} failed; it will be tried again, and a mediator steps in if it keeps failing. You do not need to do anything."),
        ["dispute.opened"] = new(Audience.Both, "Dispute {dispute} was opened", "The buyer opened dispute {dispute} on order {order}. The seller must respond by {deadline}; without an answer the buyer's claim is granted."),
        ["dispute.seller_response_due_soon"] = new(Audience.Seller, "Respond to dispute {dispute} by {deadline}", "Dispute {dispute} on order {order} still needs your answer. Respond by {deadline}: without an answer the buyer's claim is granted.", Reminder: true),
        ["dispute.info_request_due_soon"] = new(Audience.Both, "The mediator's question in dispute {dispute} is due soon", "Answer the mediator's question in dispute {dispute} by {deadline}, or the decision is made without your answer.", Reminder: true),
        ["dispute.return_due_soon"] = new(Audience.Buyer, "Ship the return for dispute {dispute} by {deadline}", "Ship the item for dispute {dispute} back by {deadline} and enter its tracking number, or the claim lapses.", Reminder: true),
        ["dispute.claim_accepted"] = new(Audience.Buyer, "The seller accepted your claim", "The seller accepted your claim in dispute {dispute}."),
        ["dispute.rejected"] = new(Audience.Buyer, "The seller rejected your claim", "The seller rejected your claim in dispute {dispute}. You can negotiate until {deadline}; after that a mediator decides."),
        ["dispute.offer_made"] = new(Audience.Buyer, "The seller made you an offer", "The seller made an offer in dispute {dispute}. Accept or decline it by {deadline}."),
        ["dispute.offer_accepted"] = new(Audience.Seller, "The buyer accepted your offer", "The buyer accepted your offer in dispute {dispute}."),
        ["dispute.offer_declined"] = new(Audience.Seller, "The buyer declined your offer", "The buyer declined your offer in dispute {dispute}. You can make another by {deadline}."),
        ["dispute.claim_changed"] = new(Audience.Seller, "The buyer changed the claim", "The buyer changed the claim in dispute {dispute}. Respond by {deadline}."),
        ["dispute.cancelled"] = new(Audience.Both, "Dispute {dispute} was cancelled", "The buyer cancelled dispute {dispute}."),
        ["dispute.message_sent"] = new(Audience.OtherParty, "New message in dispute {dispute}", "There is a new message in dispute {dispute}. Never pay, refund or settle outside the platform."),
        ["dispute.evidence_added"] = new(Audience.OtherParty, "New evidence in dispute {dispute}", "New evidence was added to dispute {dispute}."),
        ["dispute.seller_did_not_respond"] = new(Audience.Both, "The seller did not respond to dispute {dispute}", "The seller did not respond to dispute {dispute} in time: the buyer's claim is granted."),
        ["dispute.escalated"] = new(Audience.Both, "A mediator now handles dispute {dispute}", "Dispute {dispute} went to a mediator, who may ask either of you for information."),
        ["dispute.escalation_cancelled"] = new(Audience.Both, "Dispute {dispute} is back with the parties", "The escalation of dispute {dispute} was withdrawn."),
        ["dispute.info_requested"] = new(Audience.Both, "The mediator needs information for dispute {dispute}", "The mediator asked for information in dispute {dispute}. Answer by {deadline}, or the decision is made without it."),
        ["dispute.info_request_lapsed"] = new(Audience.Both, "A question in dispute {dispute} went unanswered", "The mediator's question in dispute {dispute} went unanswered in time."),
        ["dispute.decided"] = new(Audience.Both, "The mediator decided dispute {dispute}", "The mediator decided dispute {dispute}. Either of you may appeal once within 7 days."),
        ["dispute.final_decision"] = new(Audience.Both, "Final decision in dispute {dispute}", "The mediator made the final decision in dispute {dispute}."),
        ["dispute.appealed"] = new(Audience.Both, "Dispute {dispute} was appealed", "The mediator's decision in dispute {dispute} was appealed and will be reviewed."),
        ["dispute.return_requested"] = new(Audience.Buyer, "Return the item for dispute {dispute}", "To get your refund in dispute {dispute}, ship the item back by {deadline} and enter its tracking number."),
        ["dispute.return_shipped"] = new(Audience.Seller, "The buyer shipped the return", "The buyer shipped the return for dispute {dispute}. Confirm you received it by {deadline}."),
        ["dispute.return_delivered"] = new(Audience.Seller, "The return was delivered to you", "The return for dispute {dispute} was delivered. Confirm you received it by {deadline}, or the refund goes out."),
        ["dispute.return_received"] = new(Audience.Buyer, "The seller received your return", "The seller confirmed receiving your return for dispute {dispute}."),
        ["dispute.return_refused"] = new(Audience.Buyer, "The seller refused your return", "The seller refused the returned item in dispute {dispute}; a mediator decides."),
        ["dispute.return_not_shipped"] = new(Audience.Both, "The return for dispute {dispute} was not shipped in time", "The item for dispute {dispute} was not shipped back in time."),
        ["dispute.return_not_confirmed"] = new(Audience.Both, "The return for dispute {dispute} was not confirmed in time", "The seller did not confirm the return for dispute {dispute} in time: the refund goes out."),
        ["order.extension_requested"] = new(Audience.OtherParty, "More time asked for order {order}", "The other party to order {order} asks for more time. Agree or decline on the order's page; a request left unanswered for a few days expires and nothing changes."),
        ["order.extension_request_accepted"] = new(Audience.OtherParty, "More time agreed for order {order}", "Your request for more time on order {order} was accepted."),
        ["order.extension_request_declined"] = new(Audience.OtherParty, "More time declined for order {order}", "Your request for more time on order {order} was declined; the dates stay as they were."),
        ["order.extension_request_expired"] = new(Audience.Both, "A request for more time on order {order} expired", "The request for more time on order {order} went unanswered; the dates stay as they were."),
        ["order.extension_request_due_soon"] = new(Audience.Both, "A request for more time on order {order} waits for you", "A request for more time on order {order} waits for your answer and expires soon; answer it on the order's page.", Reminder: true),
        ["order.protection_moved"] = new(Audience.Buyer, "Your protection for order {order} was extended", "While the seller's promise runs, your buyer protection for order {order} lasts longer. You keep every right to a refund until the promise is kept."),
        ["dispute.wait_ends_soon"] = new(Audience.Buyer, "The wait in dispute {dispute} ends {deadline}", "The time you agreed to wait in dispute {dispute} ends {deadline}. If the parcel came, confirm receipt; if not, do nothing: the dispute resumes by itself and you keep your claim.", Reminder: true),
        ["dispute.wait_ended"] = new(Audience.Both, "Dispute {dispute} resumed", "The wait in dispute {dispute} ended without the parcel: the dispute resumed. Agree by {deadline}, or a mediator decides."),
        ["dispute.resumed"] = new(Audience.Seller, "The buyer stopped waiting in dispute {dispute}", "The buyer stopped waiting for the parcel in dispute {dispute}. Agree by {deadline}, or a mediator decides."),
        ["dispute.replacement_due_soon"] = new(Audience.Seller, "Ship the replacement for dispute {dispute} by {deadline}", "Ship the replacement you promised in dispute {dispute} by {deadline} and enter its tracking number, or the buyer's claim is granted.", Reminder: true),
        ["dispute.replacement_shipped"] = new(Audience.Buyer, "Your replacement is on its way", "The seller shipped the replacement for dispute {dispute}. When it comes, tell us whether it is right, by {deadline}: without a word from you the seller is paid."),
        ["dispute.replacement_answer_due_soon"] = new(Audience.Buyer, "Did the replacement for dispute {dispute} come?", "Tell us by {deadline} whether the replacement for dispute {dispute} came and is right. If it did not come or is wrong, report a problem: a mediator decides. Without a word from you the seller is paid.", Reminder: true),
        ["dispute.replacement_received"] = new(Audience.Seller, "The buyer received the replacement", "The buyer confirmed receiving the replacement in dispute {dispute}: the dispute is resolved."),
        ["dispute.replacement_problem"] = new(Audience.Both, "A problem with the replacement in dispute {dispute}", "The buyer reported a problem with the replacement in dispute {dispute}: a mediator decides."),
        ["dispute.replacement_not_shipped"] = new(Audience.Both, "The replacement for dispute {dispute} was not shipped", "The replacement promised in dispute {dispute} was not shipped in time: the buyer's claim is granted."),
        ["dispute.replacement_not_disputed"] = new(Audience.Both, "Dispute {dispute} is resolved for the seller", "There was no word on the replacement in dispute {dispute} in time: the seller is paid."),
        ["dispute.resolved"] = new(Audience.Both, "Dispute {dispute} is resolved", "Dispute {dispute} is resolved."),
    }.ToFrozenDictionary();
}
