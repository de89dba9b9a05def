using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

/// <summary>Whole disputes, told by their history: every step is recorded, by whom, with what it meant.</summary>
public class WholeStoryTests
{
    private static EvidenceFile Photo(string id) => new(id, null, "", "crack.png", "image/png", 120, Scenario.Start);

    [Fact]
    public void A_dispute_through_negotiation_mediation_a_refused_return_and_an_appeal_is_told_step_by_step()
    {
        var s = Scenario.Shipped();
        s.Order.AddEvidence(Scenario.Buyer, null, Photo("o1-e1"), s.Now).ShouldSucceed();
        var dispute = s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(false, "not_received_in_transit") with { EvidenceIds = ["o1-e1"] }, s.Now).ShouldSucceed();
        dispute.Reject(Scenario.Seller, "It is on its way.", s.Now).ShouldSucceed();
        dispute.ChangeClaim(Scenario.Buyer, Scenario.Claim(true, "damaged", Solution.ReturnAndRefund, 2000), s.Now).ShouldSucceed();
        var first = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 500, "Half?", s.Now).ShouldSucceed();
        dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 800, null, s.Now).ShouldSucceed();
        dispute.DeclineOffer(Scenario.Buyer, "of2", s.Now).ShouldSucceed();
        dispute.SendMessage(Scenario.Seller, "Cancel the dispute and I pay you on PayPal.", s.Now).ShouldSucceed();
        dispute.Escalate(Scenario.Buyer, "No agreement.", s.Now).ShouldSucceed();
        dispute.RequestInfo(Scenario.Mediator, [Party.Buyer, Party.Seller], "Photos of the box?", 3, s.Now).ShouldSucceed();
        s.Order.AddEvidence(Scenario.Buyer, dispute.Id, Photo("o1-e2"), s.Now).ShouldSucceed();
        dispute.AnswerInfoRequest(Scenario.Buyer, "ir1", "Here.", ["o1-e2"], s.Now).ShouldSucceed();
        dispute.AnswerInfoRequest(Scenario.Seller, "ir1", "Packed well.", [], s.Now).ShouldSucceed();
        var question = dispute.Escalation!.InfoRequests.Single();
        Assert.Equal([(Party.Buyer, "Here."), (Party.Seller, "Packed well.")], question.Answers.Select(a => (a.Party, a.Text)));
        Assert.True(question.Closed);
        Assert.Equal(["o1-e2"], question.Answers[0].EvidenceIds);
        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefundWithReturn, null, Party.Buyer, "Send it back.", s.Now).ShouldSucceed();
        dispute.ShipReturn(Scenario.Buyer, "DHL", "JD1", s.Now).ShouldSucceed();
        dispute.RecordReturnDelivery(Actor.Platform, s.Now, s.Now).ShouldSucceed();
        dispute.RefuseReturn(Scenario.Seller, "It came back broken.", s.Now).ShouldSucceed();
        dispute.Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, 1000, null, "Half the value.", s.Now).ShouldSucceed();
        dispute.AppealDecision(Scenario.Seller, "Unfair.", s.Now).ShouldSucceed();
        dispute.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "On appeal: no refund.", s.Now).ShouldSucceed();

        Assert.Equal(OfferStatus.Superseded, dispute.Offers.Single(o => o.Id == first.Id).Status);
        Assert.Equal(
        [
            ("buyer:b1", "opened", "not received, not_received_in_transit, refund_only USD 35.00"),
            ("seller:s1", "rejected", "It is on its way."),
            ("buyer:b1", "claim_changed", "received, damaged, return_and_refund USD 20.00"),
            ("seller:s1", "offer_made", "of1: refund_only USD 5.00"),
            ("seller:s1", "offer_made", "of2: refund_only USD 8.00"),
            ("buyer:b1", "offer_declined", "of2"),
            ("seller:s1", "message_sent", "m1; warnings: asks_to_cancel_dispute, asks_to_pay_outside_platform"),
            ("buyer:b1", "escalated", "No agreement."),
            ("mediator:m1", "info_requested", $"ir1 from buyer and seller, due {s.Now.AddDays(3):O}"),
            ("buyer:b1", "evidence_added", "o1-e2 crack.png (image/png, 120 bytes)"),
            ("buyer:b1", "info_answered", "ir1"),
            ("seller:s1", "info_answered", "ir1"),
            ("mediator:m1", "decided", "full_refund_with_return USD 35.00: Send it back."),
            ("clock", "return_requested", $"ship by {s.Now.AddDays(10):O}, shipping paid by the buyer"),
            ("buyer:b1", "return_shipped", "DHL JD1"),
            ("platform", "return_delivered", $"delivered at {s.Now:O}"),
            ("seller:s1", "return_refused", "It came back broken."),
            ("mediator:m1", "decided", "partial_refund USD 10.00: Half the value."),
            ("clock", "resolved", "mediator: refund USD 10.00"),
            ("seller:s1", "appealed", "Unfair."),
            ("mediator:m1", "final_decision", "no_refund USD 0.00: On appeal: no refund."),
            ("clock", "resolved", "mediator: refund USD 0.00"),
        ],
        dispute.History.Select(h => (h.Actor, Words.Of(h.Action), h.Details ?? "")));
        Assert.Equal(["o1-e1", "o1-e2"], s.Order.Evidence.Where(e => e.DisputeId == dispute.Id).Select(e => e.Id));
    }

    [Fact]
    public void The_orders_own_history_tells_creation_shipment_delivery_extensions_and_completion()
    {
        var s = Scenario.Paid();
        s.Order.ExtendProcessing(Scenario.Seller, 2, s.Now).ShouldSucceed();
        s.Order.AnswerExtensionRequest(Scenario.Buyer, "er1", accept: true, s.Now).ShouldSucceed();
        s.Order.Ship(Scenario.Seller, " UPS ", " 1Z9 ", s.Now).ShouldSucceed();
        s.Order.ExtendProtection(Scenario.Seller, 3, s.Now).ShouldSucceed();
        s.AdvanceDays(2);
        s.Order.RecordDelivery(Actor.Platform, null, s.Now).ShouldSucceed();
        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldSucceed();

        Assert.Equal(
        [
            ("platform", "order_created", "total USD 35.00, paid by card"),
            ("seller:s1", "extension_requested", $"er1: processing +2 days, to answer by {Scenario.Start.AddDays(3):O}"),
            ("buyer:b1", "extension_request_accepted", "er1: processing +2 days"),
            ("buyer:b1", "processing_extended", $"+2 days, until {Scenario.Start.AddDays(9):O}"),
            ("seller:s1", "shipped", $"UPS 1Z9; protection until {Scenario.Start.AddDays(60):O}"),
            ("seller:s1", "protection_extended", $"+3 days, until {Scenario.Start.AddDays(63):O}"),
            ("platform", "delivered", $"delivered at {s.Now:O}"),
            ("buyer:b1", "receipt_confirmed", ""),
            ("clock", "order_completed", "released USD 35.00 to the seller"),
        ],
        s.Order.History.Select(h => (h.Actor, Words.Of(h.Action), h.Details ?? "")));
        Assert.Equal(new Shipment("UPS", "1Z9", Scenario.Start), s.Order.Shipment);
    }

    [Fact]
    public void Cancelling_says_whether_the_dispute_can_be_reopened_and_the_seller_answering_or_not_is_told_too()
    {
        var s = Scenario.Shipped(lines: 2);
        var early = s.Open("l1");
        early.Cancel(Scenario.Buyer, false, s.Now).ShouldSucceed();
        var accepted = s.Open("l1");
        accepted.AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();
        var silent = s.Open("l2");
        s.AdvanceDays(5);

        Assert.Equal(("cancelled", $"may be reopened until {s.ProtectionEndsAt:O}"), (Words.Of(early.History[^1].Action), early.History[^1].Details));
        Assert.Equal(DecidedBy.BuyerCancelled, early.Outcome!.DecidedBy);
        Assert.Equal(["opened", "claim_accepted", "resolved"], accepted.History.Select(h => Words.Of(h.Action)));
        Assert.Equal(["opened", "seller_response_reminder", "seller_did_not_respond", "resolved"], silent.History.Select(h => Words.Of(h.Action)));
    }
}
