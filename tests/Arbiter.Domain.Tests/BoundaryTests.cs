using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>The edges of each rule, on both sides: the last amount, day and character allowed, and the first refused.</summary>
public class BoundaryTests
{
    [Fact]
    public void A_question_may_give_one_to_thirty_business_days()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        dispute.RequestInfo(Scenario.Mediator, [Party.Buyer], "Why?", 31, s.Now).Plain().ShouldFailWith("invalid_days");
        dispute.RequestInfo(Scenario.Mediator, [Party.Buyer], "Why?", 0, s.Now).Plain().ShouldFailWith("invalid_days");
        dispute.RequestInfo(Scenario.Mediator, [], "Why?", 3, s.Now).Plain().ShouldFailWith("invalid_party");
        var request = dispute.RequestInfo(Scenario.Mediator, [Party.Buyer], "Why?", 30, s.Now).ShouldSucceed();

        Assert.Equal(WorkCalendar.Default.Add(s.Now, 30), request.DueAt);
        dispute.AnswerInfoRequest(Scenario.Buyer, "ir9", "Hm.", null, s.Now).ShouldFailWith("info_request_not_found");
        dispute.AnswerInfoRequest(Scenario.Buyer, request.Id, " ", null, s.Now).ShouldFailWith("text_required");
        dispute.AnswerInfoRequest(Scenario.Buyer, request.Id, "Here.", ["o1-e9"], s.Now).ShouldFailWith("unknown_evidence");
        Assert.Equal(EscalationStatus.WaitingForBuyer, dispute.EscalationStatus);
        dispute.AnswerInfoRequest(Scenario.Buyer, request.Id, "Here.", null, s.Now).ShouldSucceed();
        Assert.Equal(EscalationStatus.UnderReview, dispute.EscalationStatus);
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkCalendar.Default.Add(s.Now, -1));
    }

    [Fact]
    public void A_partial_refund_is_more_than_nothing_and_at_most_what_the_line_can_still_refund()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        dispute.Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, 0, null, "Zero.", s.Now).ShouldFailWith("invalid_amount");
        dispute.Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, 3501, null, "Too much.", s.Now).ShouldFailWith("amount_exceeds_line_total");
        dispute.Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, 3500, null, " ", s.Now).ShouldFailWith("note_required");
        dispute.Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, 3500, null, "All of it.", s.Now).ShouldSucceed();

        Assert.Equal(Usd(3500), dispute.Outcome!.RefundAmount);
        Assert.Null(dispute.EscalationStatus);
    }

    [Fact]
    public void Offers_need_an_amount_unless_they_refund_nothing_and_never_more_than_the_line()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();

        var none = dispute.MakeOffer(Scenario.Seller, OfferType.NoRefund, 100, null, s.Now).Plain().ShouldFailWith("invalid_amount");
        Assert.Equal("A no-refund offer has no amount.", none.Message);
        var zero = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 0, null, s.Now).Plain().ShouldFailWith("invalid_amount");
        Assert.Equal("An offer's amount must be positive.", zero.Message);
        dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 3501, null, s.Now).Plain().ShouldFailWith("amount_exceeds_line_total");
        dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 3500, new string('n', 4001), s.Now).Plain().ShouldFailWith("text_too_long");
        dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 3500, new string('n', 4000), s.Now).ShouldSucceed();
        dispute.Reject(Scenario.Seller, new string('n', 4001), s.Now).ShouldFailWith("invalid_state");
    }

    [Fact]
    public void A_return_offer_the_buyer_accepts_is_shipped_back_at_the_cost_the_claim_reason_says()
    {
        var s = Scenario.Shipped(lines: 2);
        var mistake = s.Negotiating("l1", Scenario.Claim(true, "ordered_by_mistake", Solution.ReturnAndRefund));
        var offer = mistake.MakeOffer(Scenario.Seller, OfferType.ReturnAndRefund, 3000, null, s.Now).ShouldSucceed();
        mistake.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();
        var broken = s.Open("l2", Scenario.Claim(true, "damaged", Solution.ReturnAndRefund));
        broken.AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();

        Assert.Equal(Party.Buyer, mistake.Outcome!.ReturnShippingPaidBy);
        Assert.Equal(Party.Buyer, mistake.Return!.ShippingPaidBy);
        Assert.Equal(Party.Seller, broken.Outcome!.ReturnShippingPaidBy);
        Assert.Equal(DisputeStatus.AwaitingReturn, broken.Status);
    }

    [Fact]
    public void A_refund_only_outcome_needs_nobody_to_pay_for_a_return()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 1000, null, s.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();

        Assert.Null(dispute.Outcome!.ReturnShippingPaidBy);
        var claimed = Scenario.Shipped().Open();
        claimed.AcceptClaim(Scenario.Seller, Scenario.Start).ShouldSucceed();
        Assert.Null(claimed.Outcome!.ReturnShippingPaidBy);
    }

    [Fact]
    public void A_return_delivered_at_the_instant_of_shipment_or_of_the_report_counts_and_not_outside_them()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open(claim: Scenario.Claim(true, "damaged", Solution.ReturnAndRefund));
        dispute.AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();
        dispute.ShipReturn(Scenario.Buyer, "DHL", "JD1", s.Now).ShouldSucceed();
        var shipped = s.Now;
        s.AdvanceDays(1);

        dispute.RecordReturnDelivery(Actor.Platform, shipped.AddSeconds(-1), s.Now).ShouldFailWith("invalid_delivery_time");
        dispute.RecordReturnDelivery(Actor.Platform, s.Now.AddSeconds(1), s.Now).ShouldFailWith("invalid_delivery_time");
        dispute.RecordReturnDelivery(Actor.Platform, shipped, s.Now).ShouldSucceed();
        Assert.Equal(shipped.AddDays(10), dispute.CurrentDeadline!.DueAt);
    }

    [Fact]
    public void A_cancel_warns_only_inside_the_reminder_days_before_protection_ends()
    {
        var s = Scenario.Shipped();
        var end = s.ProtectionEndsAt;
        s.AdvanceTo(end - Policy.Default.ProtectionReminder);
        var dispute = s.Open();

        Assert.Null(dispute.CancelWarning(s.Now));
        Assert.NotNull(dispute.CancelWarning(s.Now.AddSeconds(1)));
        Assert.StartsWith("Buyer protection ends at", dispute.CancelWarning(end.AddSeconds(-1)), StringComparison.Ordinal);
        Assert.StartsWith("Buyer protection has ended", dispute.CancelWarning(end), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancel_after_protection_ended_says_so_and_the_running_deadline_is_the_earliest_one()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(58);
        var dispute = s.Negotiating();
        s.AdvanceDays(3);
        dispute.Cancel(Scenario.Buyer, true, s.Now).ShouldSucceed();
        Assert.Equal("protection has ended", dispute.History[^1].Details);
        Assert.Null(dispute.CurrentDeadline);

        var escalated = Scenario.Shipped();
        var mediated = escalated.Escalated();
        mediated.RequestInfo(Scenario.Mediator, [Party.Buyer], "Later?", 10, escalated.Now).ShouldSucceed();
        mediated.RequestInfo(Scenario.Mediator, [Party.Seller], "Sooner?", 2, escalated.Now).ShouldSucceed();
        Assert.Equal(WorkCalendar.Default.Add(escalated.Now, 2), mediated.CurrentDeadline!.DueAt);
        Assert.Equal("ir2", mediated.CurrentDeadline.Ref);
    }

    [Fact]
    public void After_a_first_decision_the_appeal_window_is_shown_only_when_nothing_else_runs()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefundWithReturn, null, null, "Return it.", s.Now).ShouldSucceed();
        Assert.Equal(DeadlineKind.ReturnShipment, dispute.CurrentDeadline!.Kind);

        var other = Scenario.Shipped().Escalated();
        other.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "No.", Scenario.Start).ShouldSucceed();
        Assert.Equal(DeadlineKind.AppealWindow, other.CurrentDeadline!.Kind);
        Assert.Null(other.EscalationStatus);
    }

    [Fact]
    public void Only_a_mediators_first_decision_can_be_appealed_and_only_once()
    {
        var s = Scenario.Shipped();
        var byOffer = s.Negotiating();
        var offer = byOffer.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 1000, null, s.Now).ShouldSucceed();
        byOffer.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();
        byOffer.AppealDecision(Scenario.Buyer, "No.", s.Now).ShouldFailWith("not_appealable");

        var decided = Scenario.Shipped().Escalated();
        decided.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "No.", Scenario.Start).ShouldSucceed();
        decided.AppealDecision(Scenario.Buyer, " ", Scenario.Start).ShouldFailWith("reason_required");
        decided.AppealDecision(Scenario.Buyer, "Unfair.", Scenario.Start).ShouldSucceed();
        Assert.Equal(new Appeal(Party.Buyer, "Unfair.", Scenario.Start), decided.Appeal);
        decided.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "Still no.", Scenario.Start).ShouldSucceed();
        decided.AppealDecision(Scenario.Seller, "Again.", Scenario.Start).ShouldFailWith("not_appealable");
    }

    [Fact]
    public void A_refused_return_goes_back_to_the_mediator_who_decided_keeping_the_first_escalation()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        var escalatedAt = dispute.Escalation!.At;
        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefundWithReturn, null, null, "Return it.", s.Now).ShouldSucceed();
        dispute.ShipReturn(Scenario.Buyer, "DHL", "JD1", s.Now).ShouldSucceed();
        s.AdvanceDays(1);
        dispute.RefuseReturn(Scenario.Seller, " ", s.Now).ShouldFailWith("note_required");
        dispute.RefuseReturn(Scenario.Seller, "Broken.", s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.Equal((s.Now, "seller:s1"), (dispute.Escalation!.At, dispute.Escalation.By));
        Assert.NotEqual(escalatedAt, dispute.Escalation.At);
    }
}
