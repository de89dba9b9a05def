using System.Collections.Frozen;

namespace Arbiter.Mail;

/// <summary>Who an e-mail goes to: the order's buyer, its seller, whichever party did not act, or the mediator the dispute is assigned to.</summary>
internal enum Audience
{
    Buyer,
    Seller,
    Both,
    OtherParty,
    Assignee,
}

/// <summary>
/// One e-mail per event type: who gets it, and whether it is a reminder. Its subject and text are
/// <c>Mail.{type}.Subject</c> and <c>Mail.{type}.Body</c> in the texts of each language, with the
/// placeholders {order}, {dispute}, {amount} and {deadline}. Reminders can be unsubscribed from;
/// everything else tells a party what happened to their money or what they must do, and always goes out.
/// A template that <paramref name="TellsAssignee"/> also goes to the mediator a dispute is assigned to
/// when a party acts, in the words of <c>Mail.{type}.Mediator.Subject</c> and <c>.Body</c>.
/// </summary>
internal sealed record MailTemplate(Audience To, bool Reminder = false, bool TellsAssignee = false);

internal static class MailTemplates
{
    public static readonly FrozenDictionary<string, MailTemplate> ByType = new Dictionary<string, MailTemplate>
    {
        ["order.created"] = new(Audience.Buyer),
        ["order.shipped"] = new(Audience.Buyer),
        ["order.delivered"] = new(Audience.Buyer),
        ["order.receipt_confirmed"] = new(Audience.Seller),
        ["order.cancelled"] = new(Audience.Seller),
        ["order.processing_extended"] = new(Audience.Buyer),
        ["order.processing_deadline_passed"] = new(Audience.Both),
        ["order.protection_extended"] = new(Audience.Buyer),
        ["order.protection_ending"] = new(Audience.Buyer, Reminder: true),
        ["order.protection_ended"] = new(Audience.Buyer),
        ["order.completed"] = new(Audience.Seller),
        ["order.closed"] = new(Audience.Buyer),
        ["refund.created"] = new(Audience.Buyer),
        ["refund.cancelled"] = new(Audience.Buyer),
        ["chargeback.opened"] = new(Audience.Both),
        ["chargeback.won"] = new(Audience.Both),
        ["chargeback.lost"] = new(Audience.Both),
        ["refund.completed"] = new(Audience.Buyer),
        ["refund.failed"] = new(Audience.Buyer),
        ["dispute.opened"] = new(Audience.Both),
        ["dispute.seller_response_due_soon"] = new(Audience.Seller, Reminder: true),
        ["dispute.info_request_due_soon"] = new(Audience.Both, Reminder: true),
        ["dispute.return_due_soon"] = new(Audience.Buyer, Reminder: true),
        ["dispute.claim_accepted"] = new(Audience.Buyer),
        ["dispute.rejected"] = new(Audience.Buyer),
        ["dispute.offer_made"] = new(Audience.Buyer, TellsAssignee: true),
        ["dispute.offer_accepted"] = new(Audience.Seller, TellsAssignee: true),
        ["dispute.offer_declined"] = new(Audience.Seller, TellsAssignee: true),
        ["dispute.claim_changed"] = new(Audience.Seller),
        ["dispute.cancelled"] = new(Audience.Both),
        ["dispute.message_sent"] = new(Audience.OtherParty, TellsAssignee: true),
        ["dispute.evidence_added"] = new(Audience.OtherParty, TellsAssignee: true),
        ["dispute.seller_did_not_respond"] = new(Audience.Both),
        ["dispute.escalated"] = new(Audience.Both),
        ["dispute.assigned"] = new(Audience.Assignee),
        ["dispute.info_answered"] = new(Audience.Assignee),
        ["dispute.escalation_cancelled"] = new(Audience.Both, TellsAssignee: true),
        ["dispute.info_requested"] = new(Audience.Both),
        ["dispute.info_request_lapsed"] = new(Audience.Both),
        ["dispute.decided"] = new(Audience.Both),
        ["dispute.final_decision"] = new(Audience.Both),
        ["dispute.appealed"] = new(Audience.Both),
        ["dispute.return_requested"] = new(Audience.Buyer),
        ["dispute.return_shipped"] = new(Audience.Seller),
        ["dispute.return_delivered"] = new(Audience.Seller),
        ["dispute.return_received"] = new(Audience.Buyer),
        ["dispute.return_refused"] = new(Audience.Buyer),
        ["dispute.return_not_shipped"] = new(Audience.Both),
        ["dispute.return_not_confirmed"] = new(Audience.Both),
        ["order.extension_requested"] = new(Audience.OtherParty),
        ["order.extension_request_accepted"] = new(Audience.OtherParty),
        ["order.extension_request_declined"] = new(Audience.OtherParty),
        ["order.extension_request_expired"] = new(Audience.Both),
        ["order.extension_request_due_soon"] = new(Audience.Both, Reminder: true),
        ["order.protection_moved"] = new(Audience.Buyer),
        ["dispute.wait_ends_soon"] = new(Audience.Buyer, Reminder: true),
        ["dispute.wait_ended"] = new(Audience.Both),
        ["dispute.resumed"] = new(Audience.Seller),
        ["dispute.replacement_due_soon"] = new(Audience.Seller, Reminder: true),
        ["dispute.replacement_shipped"] = new(Audience.Buyer),
        ["dispute.replacement_answer_due_soon"] = new(Audience.Buyer, Reminder: true),
        ["dispute.replacement_received"] = new(Audience.Seller),
        ["dispute.replacement_problem"] = new(Audience.Both),
        ["dispute.replacement_not_shipped"] = new(Audience.Both),
        ["dispute.replacement_not_disputed"] = new(Audience.Both),
        ["dispute.resolved"] = new(Audience.Both),
    }.ToFrozenDictionary();
}
