using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

public class NegotiationTests
{
    [Fact]
    public void Seller_silence_resolves_the_dispute_as_claimed()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open(claim: Scenario.Claim(amount: 1000));

        s.AdvanceDays(4.9);
        Assert.Equal(DisputeStatus.AwaitingSellerResponse, dispute.Status);

        s.AdvanceDays(0.2);
        Assert.Equal(DisputeStatus.Resolved, dispute.Status);
        Assert.True(dispute.IsFinished);
        Assert.Equal(DecidedBy.SellerNoResponse, dispute.Outcome!.DecidedBy);
        Assert.Equal(Scenario.Start.AddDays(5), dispute.Outcome.DecidedAt);
        Assert.Equal(Usd(1000), s.Ledger.Refunded("l1"));
        Assert.Equal(Usd(2500), s.Ledger.Released("l1"));
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
    }

    [Fact]
    public void Seller_silence_on_a_full_claim_refunds_everything_and_closes_the_order()
    {
        var s = Scenario.Shipped();
        s.Open(claim: Scenario.Claim(false, "not_received_customs"));

        s.AdvanceDays(5);

        Assert.Equal(OrderStatus.Closed, s.Order.Status);
        Assert.Equal(Usd(3500), s.Ledger.Refunded());
        Assert.Equal(Usd(0), s.Ledger.Released());
        Assert.Equal("o1-d1", Assert.Single(s.Order.Refunds).DisputeId);
    }

    [Fact]
    public void Seller_accepting_the_claim_resolves_it_as_claimed()
    {
        var s = Scenario.Shipped(lines: 2);
        var dispute = s.Open("l2");

        dispute.AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();

        Assert.Equal(DecidedBy.SellerAccepted, dispute.Outcome!.DecidedBy);
        Assert.Equal(Usd(1000), s.Ledger.Refunded("l2"));
        Assert.Equal(Usd(0), s.Ledger.Released("l1"));
        Assert.Equal(OrderStatus.AwaitingConfirmation, s.Order.Status);
    }

    [Fact]
    public void Accepting_the_claim_withdraws_the_sellers_pending_offer()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 1000, null, s.Now).ShouldSucceed();

        dispute.AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();

        Assert.Equal(OfferStatus.Superseded, dispute.Offers.Single(o => o.Id == offer.Id).Status);
        Assert.Null(dispute.PendingOffer);
    }

    [Fact]
    public void Rejecting_the_claim_starts_a_seven_day_negotiation()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();
        s.AdvanceDays(2);

        dispute.Reject(Scenario.Seller, "It worked when it left.", s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);
        Assert.Equal(s.Now.AddDays(7), dispute.NegotiationEndsAt);
        Assert.DoesNotContain(dispute.Deadlines(), d => d.Kind == DeadlineKind.SellerResponse);
    }

    [Fact]
    public void The_negotiation_period_follows_the_orders_policy()
    {
        var s = Scenario.Shipped(policy: Policy.Default with { Negotiation = TimeSpan.FromDays(15) });
        var dispute = s.Negotiating();

        Assert.Equal(s.Now.AddDays(15), dispute.NegotiationEndsAt);
    }

    [Fact]
    public void A_counter_offer_as_first_response_starts_the_negotiation()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 800, "Half, keep it.", s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);
        Assert.Equal(OfferStatus.Pending, offer.Status);
        Assert.Equal(offer, dispute.PendingOffer);
    }

    [Fact]
    public void A_new_offer_supersedes_the_pending_one_and_the_old_one_can_no_longer_be_accepted()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var first = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 500, null, s.Now).ShouldSucceed();
        s.AdvanceDays(1);
        var second = dispute.MakeOffer(Scenario.Seller, OfferType.ReturnAndRefund, 3500, null, s.Now).ShouldSucceed();
        s.AdvanceDays(1);
        var third = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 1500, null, s.Now).ShouldSucceed();

        Assert.Equal([OfferStatus.Superseded, OfferStatus.Superseded, OfferStatus.Pending], dispute.Offers.Select(o => o.Status));
        dispute.AcceptOffer(Scenario.Buyer, first.Id, false, s.Now).ShouldFailWith("offer_not_pending");
        dispute.AcceptOffer(Scenario.Buyer, second.Id, false, s.Now).ShouldFailWith("offer_not_pending");
        dispute.AcceptOffer(Scenario.Buyer, "of99", false, s.Now).ShouldFailWith("offer_not_found");
        dispute.AcceptOffer(Scenario.Buyer, third.Id, false, s.Now).ShouldSucceed();
        Assert.Equal(Usd(1500), s.Ledger.Refunded());
    }

    [Fact]
    public void Later_offers_do_not_move_the_negotiation_deadline()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var deadline = dispute.NegotiationEndsAt;
        s.AdvanceDays(5);

        dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 500, null, s.Now).ShouldSucceed();

        Assert.Equal(deadline, dispute.NegotiationEndsAt);
    }

    [Fact]
    public void An_offer_cannot_exceed_the_line_total_and_no_refund_has_no_amount()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();

        dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 3501, null, s.Now).ShouldFailWith("amount_exceeds_line_total");
        dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, null, null, s.Now).ShouldFailWith("invalid_amount");
        dispute.MakeOffer(Scenario.Seller, OfferType.NoRefund, 100, null, s.Now).ShouldFailWith("invalid_amount");
        Assert.Empty(dispute.Offers);
    }

    [Fact]
    public void No_agreement_by_the_negotiation_deadline_escalates_automatically()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var deadline = dispute.NegotiationEndsAt!.Value;

        s.AdvanceDays(6.9);
        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);

        s.AdvanceDays(0.2);
        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.Equal(new Escalation(deadline, "clock", "no agreement before the negotiation deadline"), dispute.Escalation);
        Assert.Equal(EscalationStatus.UnderReview, dispute.EscalationStatus);
    }

    [Fact]
    public void Buyer_cannot_escalate_before_the_seller_has_responded()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        dispute.Escalate(Scenario.Buyer, null, s.Now).ShouldFailWith("seller_has_not_responded");
        dispute.Reject(Scenario.Seller, null, s.Now).ShouldSucceed();
        dispute.Escalate(Scenario.Buyer, "Seller will not help.", s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.Equal("buyer:b1", dispute.Escalation!.By);
    }

    [Fact]
    public void Seller_may_escalate_straight_away()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        dispute.Escalate(Scenario.Seller, null, s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.Empty(dispute.Deadlines());
    }

    [Fact]
    public void Accepting_a_partial_offer_refunds_it_and_pays_the_seller_the_rest()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 1200, null, s.Now).ShouldSucceed();

        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Resolved, dispute.Status);
        Assert.Equal(DecidedBy.BuyerAcceptedOffer, dispute.Outcome!.DecidedBy);
        Assert.Equal(OfferStatus.Accepted, dispute.Offers.Single().Status);
        Assert.Equal(Usd(1200), s.Ledger.Refunded());
        Assert.Equal(Usd(2300), s.Ledger.Released());
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
    }

    [Fact]
    public void Accepting_no_refund_offer_needs_explicit_confirmation()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.NoRefund, null, null, s.Now).ShouldSucceed();

        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldFailWith("confirmation_required");

        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);
        Assert.Equal(OfferStatus.Pending, dispute.PendingOffer!.Status);
        Assert.Equal(Usd(3500), s.Ledger.Held());
    }

    [Fact]
    public void Accepting_no_refund_offer_releases_the_money_and_closes_the_line_for_good()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.NoRefund, null, null, s.Now).ShouldSucceed();

        dispute.AcceptOffer(Scenario.Buyer, offer.Id, true, s.Now).ShouldSucceed();

        Assert.Equal(Usd(3500), s.Ledger.Released());
        Assert.Equal(Usd(0), s.Ledger.Refunded());
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        Assert.True(s.Order.IsLineClosedForGood("l1"));
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("dispute_not_reopenable");
    }

    [Fact]
    public void Accepting_an_offer_on_one_line_pays_that_line_while_the_other_stays_protected()
    {
        var s = Scenario.Shipped(lines: 2);
        var dispute = s.Negotiating("l1");
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 500, null, s.Now).ShouldSucceed();

        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();

        Assert.Equal(Usd(3000), s.Ledger.Released("l1"));
        Assert.Equal(Usd(1000), s.Ledger.Held("l2"));
        Assert.Equal(OrderStatus.AwaitingConfirmation, s.Order.Status);
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("dispute_not_reopenable");
        s.Open("l2");
    }

    [Fact]
    public void Declining_an_offer_keeps_the_negotiation_going()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 100, null, s.Now).ShouldSucceed();

        dispute.DeclineOffer(Scenario.Buyer, offer.Id, s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);
        Assert.Null(dispute.PendingOffer);
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldFailWith("no_pending_offer");
    }

    [Fact]
    public void Buyer_may_change_the_claim_and_seller_silence_then_grants_the_changed_claim()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();
        s.AdvanceDays(1);

        dispute.ChangeClaim(Scenario.Buyer, Scenario.Claim(reason: "damaged", amount: 900, description: "Only the shade is cracked."), s.Now).ShouldSucceed();
        dispute.ChangeClaim(Scenario.Buyer, Scenario.Claim(amount: 9000), s.Now).ShouldFailWith("amount_exceeds_line_total");
        s.AdvanceDays(4);

        Assert.Equal(DecidedBy.SellerNoResponse, dispute.Outcome!.DecidedBy);
        Assert.Equal(Usd(900), s.Ledger.Refunded());
    }

    [Fact]
    public void A_cancelled_dispute_can_be_reopened_while_protection_runs_as_often_as_needed()
    {
        var s = Scenario.Shipped();
        var first = s.Negotiating();

        first.Cancel(Scenario.Buyer, false, s.Now).ShouldSucceed();
        Assert.Equal(DisputeStatus.Cancelled, first.Status);
        Assert.Equal(DecidedBy.BuyerCancelled, first.Outcome!.DecidedBy);
        Assert.Equal(Usd(3500), s.Ledger.Held());
        Assert.Equal(OrderStatus.AwaitingConfirmation, s.Order.Status);

        s.AdvanceDays(10);
        var second = s.Open();
        second.Cancel(Scenario.Buyer, false, s.Now).ShouldSucceed();
        var third = s.Open();

        Assert.Equal("o1-d3", third.Id);
        Assert.Equal(DisputeStatus.AwaitingSellerResponse, third.Status);
    }

    [Fact]
    public void Cancelling_with_fewer_than_five_days_of_protection_left_needs_confirmation()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(55.5);
        var dispute = s.Open();

        var error = dispute.Cancel(Scenario.Buyer, false, s.Now).ShouldFailWith("confirmation_required");
        Assert.Contains("Buyer protection ends at", error.Message, StringComparison.Ordinal);
        Assert.Equal(DisputeStatus.AwaitingSellerResponse, dispute.Status);

        dispute.Cancel(Scenario.Buyer, true, s.Now).ShouldSucceed();
        Assert.Equal(DisputeStatus.Cancelled, dispute.Status);
    }
}
