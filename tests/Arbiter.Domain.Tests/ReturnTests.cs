using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

public class ReturnTests
{
    /// <summary>The seller accepted a return-and-refund claim: the buyer now has to send the item back.</summary>
    private static (Scenario Scenario, Dispute Dispute) AwaitingReturn(string reason = "damaged")
    {
        var s = Scenario.Shipped();
        var dispute = s.Open(claim: Scenario.Claim(reason: reason, solution: Solution.ReturnAndRefund));
        s.AdvanceDays(1);
        dispute.AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();
        return (s, dispute);
    }

    private static (Scenario Scenario, Dispute Dispute) ReturnShipped()
    {
        var (s, dispute) = AwaitingReturn();
        s.AdvanceDays(2);
        dispute.ShipReturn(Scenario.Buyer, "DHL", "JD0001", s.Now).ShouldSucceed();
        return (s, dispute);
    }

    [Fact]
    public void A_resolution_that_needs_the_item_back_gives_the_buyer_ten_days_to_ship_it()
    {
        var (s, dispute) = AwaitingReturn();

        Assert.Equal(DisputeStatus.AwaitingReturn, dispute.Status);
        Assert.Equal(new ReturnInfo(s.Now.AddDays(10), Party.Seller), dispute.Return);
        Assert.Equal(Usd(3500), s.Ledger.Held());
        Assert.Equal([DisputeAction.SendMessage, DisputeAction.AddEvidence, DisputeAction.ShipReturn], dispute.AllowedActions(Scenario.Buyer, s.Now));
    }

    [Fact]
    public void For_a_buyers_own_choice_the_buyer_pays_the_return_shipping()
    {
        var (_, dispute) = AwaitingReturn("found_cheaper");

        Assert.Equal(Party.Buyer, dispute.Return!.ShippingPaidBy);
    }

    [Fact]
    public void A_return_not_shipped_within_ten_days_lapses_and_the_seller_is_paid()
    {
        var (s, dispute) = AwaitingReturn();
        var shipBy = dispute.Return!.ShipBy;

        s.AdvanceDays(9.9);
        Assert.Equal(DisputeStatus.AwaitingReturn, dispute.Status);

        s.AdvanceDays(0.2);
        Assert.Equal(new Outcome(Usd(0), false, DecidedBy.ReturnNotShipped, shipBy), dispute.Outcome);
        Assert.Equal(Usd(3500), s.Ledger.Released());
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        Assert.Contains(dispute.History, h => h.Action == HistoryAction.ReturnNotShipped && h.At == shipBy);
    }

    [Fact]
    public void A_return_needs_a_carrier_and_a_tracking_number()
    {
        var (s, dispute) = AwaitingReturn();

        dispute.ShipReturn(Scenario.Buyer, "DHL", "", s.Now).ShouldFailWith("tracking_required");
        dispute.ShipReturn(Scenario.Seller, "DHL", "JD1", s.Now).ShouldFailWith("action_not_allowed_for_role");
        Assert.Equal(DisputeStatus.AwaitingReturn, dispute.Status);
    }

    [Fact]
    public void The_seller_confirming_the_returned_item_sends_the_refund()
    {
        var (s, dispute) = ReturnShipped();
        s.AdvanceDays(4);

        dispute.ConfirmReturnReceived(Scenario.Seller, s.Now).ShouldSucceed();

        Assert.Equal(DecidedBy.SellerAccepted, dispute.Outcome!.DecidedBy);
        Assert.Contains(dispute.History, h => h.Action == HistoryAction.ReturnReceived && h.Actor == "seller:s1" && h.At == s.Now);
        Assert.Equal(Usd(3500), s.Ledger.Refunded());
        Assert.Equal(OrderStatus.Closed, s.Order.Status);
    }

    [Fact]
    public void The_seller_refusing_the_returned_item_sends_the_dispute_back_to_the_mediator()
    {
        var (s, dispute) = ReturnShipped();

        dispute.RefuseReturn(Scenario.Seller, "", s.Now).ShouldFailWith("note_required");
        dispute.RefuseReturn(Scenario.Seller, "The box was empty.", s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.Null(dispute.Outcome);
        Assert.Equal("seller:s1", dispute.Escalation!.By);
        Assert.Equal(Usd(3500), s.Ledger.Held());
        dispute.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "Empty box confirmed by carrier.", s.Now).ShouldSucceed();
    }

    [Fact]
    public void Seller_silence_thirty_days_after_the_return_shipped_sends_the_refund()
    {
        var (s, dispute) = ReturnShipped();
        var due = dispute.Return!.ShippedAt!.Value.AddDays(30);

        s.AdvanceTo(due.AddMinutes(-1));
        Assert.Equal(DisputeStatus.AwaitingReturnReceipt, dispute.Status);

        s.AdvanceDays(1);
        Assert.Equal(DecidedBy.ReturnNotConfirmed, dispute.Outcome!.DecidedBy);
        Assert.Equal(due, dispute.Outcome.DecidedAt);
        Assert.Equal(Usd(3500), s.Ledger.Refunded());
    }

    [Fact]
    public void A_reported_delivery_shortens_the_sellers_time_to_ten_days_after_it()
    {
        var (s, dispute) = ReturnShipped();
        s.AdvanceDays(3);
        var delivered = s.Now.AddDays(-1);

        dispute.RecordReturnDelivery(Actor.Platform, delivered, s.Now).ShouldSucceed();
        Assert.Equal(new Deadline(DeadlineKind.ReturnReceipt, delivered.AddDays(10), dispute.Id), dispute.CurrentDeadline);

        s.AdvanceTo(delivered.AddDays(10));
        Assert.Equal(DecidedBy.ReturnNotConfirmed, dispute.Outcome!.DecidedBy);
        Assert.Equal(Usd(3500), s.Ledger.Refunded());
    }

    [Fact]
    public void A_late_reported_delivery_never_extends_the_thirty_days()
    {
        var (s, dispute) = ReturnShipped();
        var shippedAt = dispute.Return!.ShippedAt!.Value;
        s.AdvanceDays(25);

        dispute.RecordReturnDelivery(Actor.Platform, null, s.Now).ShouldSucceed();

        Assert.Equal(shippedAt.AddDays(30), dispute.CurrentDeadline!.DueAt);
    }

    [Fact]
    public void A_delivery_reported_more_than_ten_days_late_sends_the_refund_when_it_is_reported_not_before()
    {
        var (s, dispute) = ReturnShipped();
        var delivered = s.Now.AddDays(1);
        s.AdvanceDays(15);

        dispute.RecordReturnDelivery(Actor.Platform, delivered, s.Now).ShouldSucceed();
        Assert.Equal(s.Now, dispute.CurrentDeadline!.DueAt);

        s.Advance(TimeSpan.Zero);
        Assert.Equal(DecidedBy.ReturnNotConfirmed, dispute.Outcome!.DecidedBy);
        var actions = dispute.History.Select(h => h.Action).ToList();
        Assert.Equal(HistoryAction.ReturnNotConfirmed, actions[actions.IndexOf(HistoryAction.ReturnDelivered) + 1]);
        Assert.True(dispute.History.Zip(dispute.History.Skip(1)).All(pair => pair.First.At <= pair.Second.At));
    }

    [Fact]
    public void A_return_delivery_must_lie_between_its_shipment_and_now()
    {
        var (s, dispute) = ReturnShipped();
        s.AdvanceDays(2);

        dispute.RecordReturnDelivery(Actor.Platform, s.Now.AddDays(1), s.Now).ShouldFailWith("invalid_delivery_time");
        dispute.RecordReturnDelivery(Actor.Platform, Scenario.Start, s.Now).ShouldFailWith("invalid_delivery_time");
        dispute.RecordReturnDelivery(Scenario.Seller, null, s.Now).ShouldFailWith("action_not_allowed_for_role");
    }

    [Fact]
    public void A_mediators_decision_with_return_lets_the_mediator_choose_who_pays_the_shipping()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefundWithReturn, null, Party.Buyer, "Return it.", s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.AwaitingReturn, dispute.Status);
        Assert.Equal(Party.Buyer, dispute.Return!.ShippingPaidBy);
        Assert.Equal(Party.Buyer, dispute.Outcome!.ReturnShippingPaidBy);
    }

    [Fact]
    public void A_returned_item_confirmed_during_the_appeal_window_is_refunded_when_the_window_closes()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefundWithReturn, null, null, "Return it.", s.Now).ShouldSucceed();
        s.AdvanceDays(1);
        dispute.ShipReturn(Scenario.Buyer, "DHL", "JD2", s.Now).ShouldSucceed();
        s.AdvanceDays(1);
        dispute.ConfirmReturnReceived(Scenario.Seller, s.Now).ShouldSucceed();

        Assert.Equal(Usd(0), s.Ledger.Refunded());
        s.AdvanceDays(5);
        Assert.Equal(Usd(3500), s.Ledger.Refunded());
        Assert.Equal(Scenario.Start.AddDays(7), s.Order.ClosedAt);
    }
}
