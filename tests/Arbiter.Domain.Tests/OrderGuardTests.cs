using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;
using static Arbiter.Domain.Orders.OrderAction;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>What each role may do to an order in each status, as the guard every door asks says.</summary>
public class OrderGuardTests
{
    private static readonly Actor OtherBuyer = new(Role.Buyer, "b2");
    private static readonly Actor OtherSeller = new(Role.Seller, "s2");

    [Fact]
    public void Before_shipment_the_seller_ships_or_asks_for_time_and_the_buyer_may_cancel()
    {
        var s = Scenario.Paid();

        Assert.Equal([Ship, ExtendProcessing, AddEvidence], s.Order.AllowedActions(Scenario.Seller, s.Now));
        Assert.Equal([Cancel, AddEvidence], s.Order.AllowedActions(Scenario.Buyer, s.Now));
        Assert.Equal([Ship, ExtendProcessing, ReportChargeback], s.Order.AllowedActions(Actor.Platform, s.Now));
        Assert.Empty(s.Order.AllowedActions(Scenario.Mediator, s.Now));
    }

    [Fact]
    public void While_protection_runs_the_buyer_confirms_or_disputes_and_the_seller_may_extend_it()
    {
        var s = Scenario.Shipped();

        Assert.Equal([ConfirmReceipt, OpenDispute, AddEvidence, RequestProtectionExtension], s.Order.AllowedActions(Scenario.Buyer, s.Now));
        Assert.Equal([ExtendProtection, AddEvidence], s.Order.AllowedActions(Scenario.Seller, s.Now));
        Assert.Equal([RecordDelivery, ReportChargeback], s.Order.AllowedActions(Actor.Platform, s.Now));

        s.Open();
        Assert.Equal([OpenDispute, AddEvidence, RequestProtectionExtension], s.Order.AllowedActions(Scenario.Buyer, s.Now));
        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldFailWith("dispute_open");
    }

    [Fact]
    public void Someone_elses_order_is_not_found_and_a_role_that_may_never_act_is_forbidden()
    {
        var s = Scenario.Shipped();

        Assert.Empty(s.Order.AllowedActions(OtherBuyer, s.Now));
        Assert.Empty(s.Order.AllowedActions(OtherSeller, s.Now));
        Assert.Equal(ErrorKind.NotFound, s.Order.ConfirmReceipt(OtherBuyer, s.Now).ShouldFailWith("not_found").Kind);
        Assert.Equal(ErrorKind.NotFound, s.Order.ExtendProtection(OtherSeller, 3, s.Now).ShouldFailWith("not_found").Kind);
        Assert.Equal("A seller cannot confirm receipt.", s.Order.ConfirmReceipt(Scenario.Seller, s.Now).ShouldFailWith("action_not_allowed_for_role").Message);
        Assert.Equal("A buyer cannot ship.", s.Order.Ship(Scenario.Buyer, "UPS", "1", s.Now).ShouldFailWith("action_not_allowed_for_role").Message);
        s.Order.ExtendProtection(Scenario.Buyer, 3, s.Now).ShouldFailWith("action_not_allowed_for_role");
        s.Order.RecordDelivery(Scenario.Seller, null, s.Now).ShouldFailWith("action_not_allowed_for_role");
        s.Order.Cancel(Scenario.Seller, s.Now).ShouldFailWith("action_not_allowed_for_role");
        s.Order.RetryRefund("o1-r1", Scenario.Buyer, s.Now).ShouldFailWith("not_found");
        Assert.Equal(OrderStatus.AwaitingConfirmation, s.Order.Status);
        Assert.Single(s.Order.History, h => h.Action == HistoryAction.Shipped);
    }

    [Fact]
    public void Protection_can_be_extended_until_its_last_moment_but_not_at_its_end()
    {
        var s = Scenario.Shipped();
        var end = s.ProtectionEndsAt;

        s.Order.ExtendProtection(Scenario.Seller, 1, end).ShouldFailWith("protection_expired");
        s.Order.ExtendProtection(Scenario.Seller, 1, end.AddSeconds(-1)).ShouldSucceed();
        Assert.Equal(end.AddDays(1), s.ProtectionEndsAt);
    }

    [Fact]
    public void An_extension_inside_the_reminder_period_needs_no_second_reminder_and_one_just_outside_it_does()
    {
        var inside = Scenario.Shipped();
        inside.Order.ExtendProtection(Scenario.Seller, 1, inside.ProtectionEndsAt.AddDays(-4)).ShouldSucceed();
        Assert.Equal(inside.ProtectionEndsAt, inside.Order.ReminderSentFor);

        var outside = Scenario.Shipped();
        outside.Order.ExtendProtection(Scenario.Seller, 1, outside.ProtectionEndsAt.AddDays(-4).AddSeconds(-1)).ShouldSucceed();
        Assert.Null(outside.Order.ReminderSentFor);
    }

    [Fact]
    public void Delivery_may_be_reported_at_the_instant_of_shipment_or_now_but_not_outside()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(1);

        s.Order.RecordDelivery(Actor.Platform, Scenario.Start.AddSeconds(-1), s.Now).ShouldFailWith("delivered_before_shipment");
        s.Order.RecordDelivery(Actor.Platform, s.Now.AddSeconds(1), s.Now).ShouldFailWith("delivered_in_future");
        s.Order.RecordDelivery(Actor.Platform, s.Now, s.Now).ShouldSucceed();
        s.Order.RecordDelivery(Actor.Platform, Scenario.Start, s.Now).ShouldSucceed();
        Assert.Equal(Scenario.Start, s.Order.DeliveredAt);
    }

    [Fact]
    public void Cancelling_before_shipment_refunds_only_the_lines_that_hold_money()
    {
        var created = Order.Create(
            Actor.Platform,
            new NewOrder("o1", "b1", "s1", "USD", [Scenario.Lamp, new NewLine("gift", "Sticker", 1, 0, 0)], new Payment("card", "p"), "standard"),
            Policy.Default,
            Scenario.Start).ShouldSucceed();

        created.Cancel(Scenario.Buyer, Scenario.Start).ShouldSucceed();

        Assert.Equal(["l1"], created.Refunds.Select(r => r.LineId));
        Assert.Equal([HistoryAction.OrderCreated, HistoryAction.OrderCancelled, HistoryAction.RefundCreated], created.History.Select(h => h.Action));
    }

    [Fact]
    public void A_dispute_resolved_without_a_refund_creates_no_refund_and_a_fully_refunded_order_closes()
    {
        var s = Scenario.Shipped(lines: 2);
        var none = s.Negotiating("l1");
        var offer = none.MakeOffer(Scenario.Seller, Disputes.OfferType.NoRefund, null, null, s.Now).ShouldSucceed();
        none.AcceptOffer(Scenario.Buyer, offer.Id, true, s.Now).ShouldSucceed();
        Assert.Empty(s.Order.Refunds);
        Assert.Equal(Usd(3500), s.Ledger.Released("l1"));

        var full = Scenario.Shipped();
        full.Open().AcceptClaim(Scenario.Seller, full.Now).ShouldSucceed();
        Assert.Equal(OrderStatus.Closed, full.Order.Status);
        Assert.Equal((HistoryAction.OrderClosed, "fully refunded"), (full.Order.History[^1].Action, full.Order.History[^1].Details));
    }

    [Fact]
    public void When_protection_ends_the_history_says_whether_the_money_waits_for_a_dispute()
    {
        var waiting = Scenario.Shipped();
        waiting.AdvanceDays(58);
        waiting.Open();
        waiting.AdvanceTo(waiting.ProtectionEndsAt);
        Assert.Equal("release waits for the open disputes", waiting.Order.History.Single(h => h.Action == HistoryAction.ProtectionEnded).Details);

        var done = Scenario.Shipped();
        done.AdvanceTo(done.ProtectionEndsAt);
        Assert.Equal("receipt confirmed automatically", done.Order.History.Single(h => h.Action == HistoryAction.ProtectionEnded).Details);
    }

    [Fact]
    public void A_line_total_that_overflows_is_a_bug_not_a_price() =>
        Assert.Throws<OverflowException>(() => new OrderLine("l1", "x", int.MaxValue, Usd(long.MaxValue / 2), Usd(0)).Total);
}
