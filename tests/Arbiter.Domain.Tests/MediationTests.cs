using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

public class MediationTests
{
    private static readonly Party[] BuyerOnly = [Party.Buyer];
    private static readonly Party[] SellerOnly = [Party.Seller];
    private static readonly Party[] Both = [Party.Buyer, Party.Seller];

    [Fact]
    public void An_escalated_dispute_is_under_review_and_holds_the_money()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        Assert.Equal(EscalationStatus.UnderReview, dispute.EscalationStatus);
        Assert.Equal(Usd(3500), s.Ledger.Held());
        Assert.Equal([DisputeAction.SendMessage, DisputeAction.RequestInfo, DisputeAction.Decide, DisputeAction.Take, DisputeAction.HandOver], dispute.AllowedActions(Scenario.Mediator, s.Now));
    }

    [Fact]
    public void A_question_is_due_in_seven_business_days_by_default()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        var request = dispute.RequestInfo(Scenario.Mediator, BuyerOnly, "Photo of the lamp, please.", null, s.Now).ShouldSucceed();

        Assert.Equal(new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero), request.DueAt);
        Assert.Equal(EscalationStatus.WaitingForBuyer, dispute.EscalationStatus);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(7, 18)]
    public void Business_days_skip_the_weekend(int days, int expectedDayOfMarch)
    {
        var friday = new DateTimeOffset(2025, 3, 7, 16, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 3, expectedDayOfMarch, 16, 30, 0, TimeSpan.Zero), WorkCalendar.Default.Add(friday, days));
    }

    [Fact]
    public void The_sub_status_shows_whom_the_mediator_waits_for()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        var request = dispute.RequestInfo(Scenario.Mediator, Both, "What happened?", 3, s.Now).ShouldSucceed();
        Assert.Equal(EscalationStatus.WaitingForBoth, dispute.EscalationStatus);

        dispute.AnswerInfoRequest(Scenario.Buyer, request.Id, "It arrived broken.", null, s.Now).ShouldSucceed();
        Assert.Equal(EscalationStatus.WaitingForSeller, dispute.EscalationStatus);

        dispute.AnswerInfoRequest(Scenario.Seller, request.Id, "It left intact.", null, s.Now).ShouldSucceed();
        Assert.Equal(EscalationStatus.UnderReview, dispute.EscalationStatus);
        Assert.Empty(dispute.Deadlines());
    }

    [Fact]
    public void A_party_with_an_open_question_cannot_be_asked_another_one()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.RequestInfo(Scenario.Mediator, SellerOnly, "Tracking?", null, s.Now).ShouldSucceed();

        dispute.RequestInfo(Scenario.Mediator, Both, "Anything else?", null, s.Now).ShouldFailWith("info_request_open");
        dispute.RequestInfo(Scenario.Mediator, BuyerOnly, "Photos?", 31, s.Now).ShouldFailWith("invalid_days");
        dispute.RequestInfo(Scenario.Mediator, BuyerOnly, " ", null, s.Now).ShouldFailWith("text_required");
        dispute.AnswerInfoRequest(Scenario.Buyer, "ir1", "Me too", null, s.Now).ShouldFailWith("no_open_info_request");
    }

    [Fact]
    public void A_buyer_who_does_not_answer_in_time_loses_and_the_seller_is_paid()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        var request = dispute.RequestInfo(Scenario.Mediator, BuyerOnly, "Photos?", 2, s.Now).ShouldSucceed();

        s.AdvanceDays(3);

        Assert.Equal(DisputeStatus.Resolved, dispute.Status);
        Assert.Equal(new Outcome(Usd(0), false, DecidedBy.PartyNoResponse, request.DueAt), dispute.Outcome);
        Assert.Equal(Usd(3500), s.Ledger.Released());
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
    }

    [Fact]
    public void A_seller_who_does_not_answer_in_time_loses_and_the_buyer_is_refunded_as_claimed()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated(claim: Scenario.Claim(amount: 2000));
        var request = dispute.RequestInfo(Scenario.Mediator, Both, "Your side?", 2, s.Now).ShouldSucceed();
        dispute.AnswerInfoRequest(Scenario.Buyer, request.Id, "Here are photos.", null, s.Now).ShouldSucceed();

        s.AdvanceDays(3);

        Assert.Equal(DecidedBy.PartyNoResponse, dispute.Outcome!.DecidedBy);
        Assert.Equal(Usd(2000), s.Ledger.Refunded());
        Assert.Equal(Usd(1500), s.Ledger.Released());
        Assert.Contains(dispute.History, h => h.Action == HistoryAction.InfoRequestLapsed && h.Details!.Contains("seller did not answer", StringComparison.Ordinal));
    }

    [Fact]
    public void When_both_parties_stay_silent_the_dispute_stays_with_the_mediator()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.RequestInfo(Scenario.Mediator, Both, "Your side?", 2, s.Now).ShouldSucceed();

        s.AdvanceDays(5);

        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.Equal(EscalationStatus.UnderReview, dispute.EscalationStatus);
        Assert.Null(dispute.Outcome);
        Assert.Equal(Usd(3500), s.Ledger.Held());
    }

    [Fact]
    public void Both_parties_asked_separately_and_both_silent_leave_the_dispute_with_the_mediator()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.RequestInfo(Scenario.Mediator, BuyerOnly, "Photos?", 2, s.Now).ShouldSucceed();
        dispute.RequestInfo(Scenario.Mediator, SellerOnly, "Tracking?", 2, s.Now).ShouldSucceed();

        s.AdvanceDays(5);

        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.Equal(EscalationStatus.UnderReview, dispute.EscalationStatus);
        Assert.Single(dispute.History, h => h.Action == HistoryAction.InfoRequestLapsed);
        Assert.Equal(Usd(3500), s.Ledger.Held());
    }

    [Fact]
    public void Of_two_parties_asked_separately_the_one_who_missed_the_earlier_deadline_loses()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.RequestInfo(Scenario.Mediator, SellerOnly, "Tracking?", 1, s.Now).ShouldSucceed();
        dispute.RequestInfo(Scenario.Mediator, BuyerOnly, "Photos?", 3, s.Now).ShouldSucceed();

        s.AdvanceDays(5);

        Assert.Equal(DecidedBy.PartyNoResponse, dispute.Outcome!.DecidedBy);
        Assert.Equal(Usd(3500), s.Ledger.Refunded());
    }

    [Fact]
    public void A_full_refund_decision_moves_the_money_only_when_the_appeal_window_closes()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        s.AdvanceDays(1);

        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefund, null, null, "Photos show the damage.", s.Now).ShouldSucceed();
        Assert.Equal(DisputeStatus.Resolved, dispute.Status);
        Assert.False(dispute.IsFinished);
        Assert.Equal(s.Now.AddDays(7), dispute.AppealDeadline);
        Assert.Equal(Usd(0), s.Ledger.Refunded());

        s.AdvanceDays(6.9);
        Assert.Equal(Usd(0), s.Ledger.Refunded());

        s.AdvanceDays(0.2);
        Assert.True(dispute.IsFinished);
        Assert.Equal(Usd(3500), s.Ledger.Refunded());
        Assert.Equal(OrderStatus.Closed, s.Order.Status);
        Assert.Equal(Scenario.Start.AddDays(8), s.Order.ClosedAt);
    }

    [Fact]
    public void A_partial_refund_decision_refunds_the_amount_and_pays_the_seller_the_rest()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        dispute.Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, 3501, null, "Too much.", s.Now).ShouldFailWith("amount_exceeds_line_total");
        dispute.Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, null, null, "No amount.", s.Now).ShouldFailWith("invalid_amount");
        dispute.Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, 1000, null, "Minor scratch.", s.Now).ShouldSucceed();
        s.AdvanceDays(7);

        Assert.Equal(new Outcome(Usd(1000), false, DecidedBy.Mediator, Scenario.Start, "Minor scratch."), dispute.Outcome);
        Assert.Equal(Usd(1000), s.Ledger.Refunded());
        Assert.Equal(Usd(2500), s.Ledger.Released());
    }

    [Fact]
    public void A_no_refund_decision_pays_the_seller_when_the_appeal_window_closes()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        dispute.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "Item as described.", s.Now).ShouldSucceed();
        Assert.Equal(Usd(0), s.Ledger.Released());
        s.AdvanceDays(7);

        Assert.Equal(Usd(3500), s.Ledger.Released());
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
    }

    [Fact]
    public void A_decision_closes_the_question_still_waiting_for_its_answer()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        var question = dispute.RequestInfo(Scenario.Mediator, BuyerOnly, "Photo of the lamp, please.", null, s.Now).ShouldSucceed();

        dispute.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "Seen enough.", s.Now).ShouldSucceed();

        Assert.True(dispute.Escalation!.InfoRequests.Single(r => r.Id == question.Id).Closed);
        Assert.False(dispute.Escalation.Awaits(Party.Buyer));
    }

    [Fact]
    public void A_decision_must_say_why_and_only_a_mediator_decides()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefund, null, null, "", s.Now).ShouldFailWith("note_required");
        var error = dispute.Decide(Scenario.Buyer, MediatorOutcome.FullRefund, null, null, "Mine!", s.Now).ShouldFailWith("action_not_allowed_for_role");
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
    }

    [Fact]
    public void Cancelling_the_escalation_needs_confirmation_and_pays_the_seller()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        dispute.Cancel(Scenario.Buyer, false, s.Now).ShouldFailWith("confirmation_required");
        Assert.Equal(DisputeStatus.Escalated, dispute.Status);

        dispute.Cancel(Scenario.Buyer, true, s.Now).ShouldSucceed();
        Assert.Equal(DecidedBy.BuyerCancelledEscalation, dispute.Outcome!.DecidedBy);
        Assert.Equal(Usd(3500), s.Ledger.Released());
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("dispute_not_reopenable");
    }

    [Fact]
    public void Cancelling_an_escalation_on_one_line_closes_that_line_for_good()
    {
        var s = Scenario.Shipped(lines: 2);
        var dispute = s.Escalated("l1");

        dispute.Cancel(Scenario.Buyer, true, s.Now).ShouldSucceed();

        Assert.Equal(Usd(3500), s.Ledger.Released("l1"));
        Assert.Equal(Usd(1000), s.Ledger.Held("l2"));
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("dispute_not_reopenable");
    }

    [Fact]
    public void In_mediation_the_seller_may_still_offer_and_the_buyer_may_accept()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.RequestInfo(Scenario.Mediator, BuyerOnly, "Photos?", null, s.Now).ShouldSucceed();

        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 2000, "Settle?", s.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();

        Assert.Equal(DecidedBy.BuyerAcceptedOffer, dispute.Outcome!.DecidedBy);
        Assert.Null(dispute.AppealDeadline);
        Assert.Equal(Usd(2000), s.Ledger.Refunded());
        Assert.Empty(s.Order.Deadlines());
    }
}
