using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

public class OpeningDisputeTests
{
    [Fact]
    public void A_new_dispute_waits_five_days_for_the_seller_and_claims_the_full_line_by_default()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(10);

        var dispute = s.Open();

        Assert.Equal("o1-d1", dispute.Id);
        Assert.Equal(DisputeStatus.AwaitingSellerResponse, dispute.Status);
        Assert.Equal(Usd(3500), dispute.Claim.Amount);
        Assert.Equal(s.Now.AddDays(5), dispute.SellerResponseDueAt);
        Assert.Equal(new Deadline(DeadlineKind.SellerResponse, s.Now.AddDays(5), dispute.Id), dispute.CurrentDeadline);
        Assert.Contains(s.Order.History, h => h is { Action: HistoryAction.DisputeOpened, Actor: "buyer:b1" });
    }

    [Fact]
    public void A_dispute_cannot_be_opened_before_the_order_ships()
    {
        var s = Scenario.Paid();

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("order_not_shipped");
    }

    [Fact]
    public void Only_the_buyer_can_open_a_dispute()
    {
        var s = Scenario.Shipped();

        var error = s.Order.OpenDispute(Scenario.Seller, "l1", Scenario.Claim(), s.Now).ShouldFailWith("action_not_allowed_for_role");
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public void A_dispute_can_be_opened_until_the_last_moment_of_protection_but_not_after()
    {
        var s = Scenario.Shipped();
        var end = s.ProtectionEndsAt;

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), end).ShouldFailWith("protection_expired");
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), end.AddSeconds(-1)).ShouldSucceed();
    }

    [Fact]
    public void A_closed_order_cannot_be_disputed()
    {
        var s = Scenario.Paid();
        s.AdvanceDays(8);

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("invalid_state");
        Assert.Equal(OrderStatus.Closed, s.Order.Status);
    }

    [Fact]
    public void A_dispute_names_a_line_of_the_order()
    {
        var s = Scenario.Shipped();

        s.Order.OpenDispute(Scenario.Buyer, "l9", Scenario.Claim(), s.Now).ShouldFailWith("unknown_line");
        s.Order.OpenDispute(Scenario.Buyer, null, Scenario.Claim(), s.Now).ShouldFailWith("unknown_line");
    }

    [Theory]
    [InlineData(true, "not_received_in_transit")]
    [InlineData(false, "damaged")]
    [InlineData(true, "changed_my_mind")]
    public void The_reason_must_come_from_the_taxonomy_for_whether_the_item_arrived(bool received, string reason)
    {
        var s = Scenario.Shipped();

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(received, reason), s.Now).ShouldFailWith("invalid_reason");
    }

    [Fact]
    public void Every_reason_of_the_taxonomy_is_accepted_for_its_received_flag()
    {
        foreach (var (received, reason) in Reasons.NotReceived.Select(r => (false, r)).Concat(Reasons.Received.Select(r => (true, r))))
        {
            var s = Scenario.Shipped();
            var solution = Reasons.IsBuyersOwnChoice(reason) ? Solution.ReturnAndRefund : Solution.RefundOnly;
            s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(received, reason, solution), s.Now).ShouldSucceed();
        }
    }

    [Fact]
    public void The_amount_can_never_exceed_the_line_price_plus_shipping()
    {
        var s = Scenario.Shipped(lines: 2);

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(amount: 3501), s.Now).ShouldFailWith("amount_exceeds_line_total");
        s.Order.OpenDispute(Scenario.Buyer, "l2", Scenario.Claim(amount: 1001), s.Now).ShouldFailWith("amount_exceeds_line_total");
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(amount: 0), s.Now).ShouldFailWith("invalid_amount");
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(amount: 3500), s.Now).ShouldSucceed();
    }

    [Fact]
    public void A_received_item_may_be_claimed_partially()
    {
        var s = Scenario.Shipped();

        var dispute = s.Open(claim: Scenario.Claim(reason: "quality_problem", amount: 1200));

        Assert.Equal(Usd(1200), dispute.Claim.Amount);
    }

    [Theory]
    [InlineData(Solution.RefundOnly, 1000L)]
    [InlineData(Solution.ReturnAndRefund, null)]
    public void An_item_that_never_arrived_is_claimed_as_a_full_refund_without_return(Solution solution, long? amount)
    {
        var s = Scenario.Shipped();

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(false, "not_received_in_transit", solution, amount), s.Now)
            .ShouldFailWith("not_received_requires_full_refund");
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(false, "not_received_in_transit"), s.Now).ShouldSucceed();
    }

    [Theory]
    [InlineData("ordered_by_mistake")]
    [InlineData("found_cheaper")]
    [InlineData("no_longer_needed")]
    public void Buyers_own_choice_reasons_need_a_return_at_the_buyers_cost(string reason)
    {
        var s = Scenario.Shipped();

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(reason: reason), s.Now).ShouldFailWith("return_required");
        var dispute = s.Open(claim: Scenario.Claim(reason: reason, solution: Solution.ReturnAndRefund));

        Assert.Equal(Party.Buyer, dispute.Claim.ReturnShippingPaidBy);
    }

    [Fact]
    public void A_claim_needs_a_description()
    {
        var s = Scenario.Shipped();

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(description: "  "), s.Now).ShouldFailWith("description_required");
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(description: new string('x', 4001)), s.Now).ShouldFailWith("description_required");
    }

    [Fact]
    public void A_line_has_at_most_one_open_dispute_but_each_line_can_have_its_own()
    {
        var s = Scenario.Shipped(lines: 2);
        s.Open("l1");

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("dispute_already_open");
        var second = s.Open("l2");

        Assert.Equal("o1-d2", second.Id);
        Assert.Equal(2, s.Order.Disputes.Count);
    }

    [Fact]
    public void Receipt_cannot_be_confirmed_while_a_dispute_is_open()
    {
        var s = Scenario.Shipped();
        s.Open();

        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldFailWith("dispute_open");
        Assert.Equal(Usd(3500), s.Ledger.Held());
    }

    [Fact]
    public void Protection_ending_during_a_dispute_holds_the_money_until_the_dispute_finishes()
    {
        var s = Scenario.Shipped(lines: 2);
        s.AdvanceDays(58);
        var dispute = s.Negotiating("l1");

        s.AdvanceDays(3);
        Assert.True(s.Order.ProtectionExpired);
        Assert.Equal(OrderStatus.AwaitingConfirmation, s.Order.Status);
        Assert.Equal(Usd(0), s.Ledger.Released());
        Assert.Equal(Usd(4500), s.Ledger.Held());
        Assert.Null(s.Order.DisputeWindowEndsAt);
        s.Order.OpenDispute(Scenario.Buyer, "l2", Scenario.Claim(), s.Now).ShouldFailWith("protection_expired");

        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 1000, null, s.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();

        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        Assert.Equal(s.Now, s.Order.CompletedAt);
        Assert.Equal(Usd(1000), s.Ledger.Refunded("l1"));
        Assert.Equal(Usd(2500), s.Ledger.Released("l1"));
        Assert.Equal(Usd(1000), s.Ledger.Released("l2"));
    }

    [Fact]
    public void Cancelling_the_last_dispute_after_protection_ended_completes_the_order()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(58);
        var dispute = s.Negotiating();
        s.AdvanceDays(3);

        dispute.Cancel(Scenario.Buyer, false, s.Now).ShouldFailWith("confirmation_required");
        dispute.Cancel(Scenario.Buyer, true, s.Now).ShouldSucceed();

        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        Assert.Equal(Usd(3500), s.Ledger.Released());
    }

    [Fact]
    public void After_completion_a_dispute_may_be_opened_for_fifteen_days_and_its_refund_comes_back_from_the_seller()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(2);
        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldSucceed();
        s.AdvanceDays(14);

        var dispute = s.Open(claim: Scenario.Claim(reason: "damaged", amount: 2000));
        dispute.AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();

        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        Assert.Equal(Usd(2000), s.Ledger.Refunded("l1"));
        Assert.Equal(Usd(1500), s.Ledger.Released("l1"));
        Assert.Equal(Usd(0), s.Ledger.Held());
        var clawback = Assert.Single(s.Ledger.Postings, p => p.Kind == Ledger.PostingKind.Clawback);
        Assert.Equal(2000, clawback.Entries.Single(e => e.Amount > 0).Amount);
    }

    [Fact]
    public void After_the_post_completion_window_no_dispute_can_be_opened()
    {
        var s = Scenario.Shipped();
        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldSucceed();
        s.AdvanceDays(15);

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("protection_expired");
    }
}
