using Arbiter.Domain.Common;
using Arbiter.Domain.Ledger;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

public class OrderLifecycleTests
{
    [Fact]
    public void Creating_an_order_captures_every_line_into_escrow()
    {
        var s = Scenario.Paid(lines: 2);

        Assert.Equal(OrderStatus.AwaitingShipment, s.Order.Status);
        Assert.Equal(Usd(4500), s.Order.Total);
        Assert.Equal(Usd(3500), s.Ledger.Held("l1"));
        Assert.Equal(Usd(1000), s.Ledger.Held("l2"));
        Assert.Equal(Usd(4500), s.Ledger.Captured());
        Assert.All(s.Ledger.Postings, p => Assert.Equal(PostingKind.Capture, p.Kind));
        Assert.Equal(Scenario.Start.AddDays(7), s.Order.ProcessingDeadline);
    }

    [Theory]
    [InlineData("usd", "invalid_currency")]
    [InlineData("", "invalid_currency")]
    public void An_order_needs_an_iso_currency(string currency, string code)
    {
        var result = Order.Create(
            Actor.Platform,
            new NewOrder("o1", "b1", "s1", currency, [Scenario.Lamp], new Payment("card", "p"), "standard"), Policy.Default, Scenario.Start);

        result.ShouldFailWith(code);
    }

    [Fact]
    public void An_order_needs_lines_with_unique_ids()
    {
        Order.Create(Actor.Platform, new NewOrder("o1", "b1", "s1", "USD", [], new Payment("card", "p"), "standard"), Policy.Default, Scenario.Start)
            .ShouldFailWith("lines_required");
        Order.Create(Actor.Platform, new NewOrder("o1", "b1", "s1", "USD", [Scenario.Lamp, Scenario.Lamp], new Payment("card", "p"), "standard"), Policy.Default, Scenario.Start)
            .ShouldFailWith("duplicate_line");
    }

    [Fact]
    public void An_order_not_shipped_within_processing_time_is_cancelled_and_fully_refunded()
    {
        var s = Scenario.Paid(lines: 2);

        s.AdvanceDays(6.9);
        Assert.Equal(OrderStatus.AwaitingShipment, s.Order.Status);

        s.AdvanceDays(0.2);
        Assert.Equal(OrderStatus.Closed, s.Order.Status);
        Assert.Equal(Scenario.Start.AddDays(7), s.Order.ClosedAt);
        Assert.Equal(Usd(0), s.Ledger.Held());
        Assert.Equal(Usd(4500), s.Ledger.Refunded());
        Assert.Equal([Usd(3500), Usd(1000)], s.Order.Refunds.Select(r => r.Amount));
        Assert.All(s.Order.Refunds, r => Assert.Equal(RefundStatus.Pending, r.Status));
        Assert.Contains(s.Order.History, h => h.Action == HistoryAction.ProcessingDeadlinePassed && h.At == Scenario.Start.AddDays(7) && h.Actor == "clock");
    }

    [Fact]
    public void Extending_processing_time_postpones_the_automatic_cancellation()
    {
        var s = Scenario.Paid();
        s.Order.ExtendProcessing(Actor.Platform, 3, s.Now).ShouldSucceed();

        s.AdvanceDays(8);
        Assert.Equal(OrderStatus.AwaitingShipment, s.Order.Status);

        s.AdvanceDays(2);
        Assert.Equal(OrderStatus.Closed, s.Order.Status);
        Assert.Equal(Scenario.Start.AddDays(10), s.Order.ClosedAt);
    }

    [Fact]
    public void Processing_extensions_stay_within_the_policy_maximum()
    {
        var s = Scenario.Paid();

        s.Order.ExtendProcessing(Actor.Platform, 0, s.Now).ShouldFailWith("invalid_days");
        s.Order.ExtendProcessing(Actor.Platform, 20, s.Now).ShouldSucceed();
        s.Order.ExtendProcessing(Actor.Platform, 11, s.Now).ShouldFailWith("extension_exceeds_maximum");
        s.Order.ExtendProcessing(Scenario.Seller, 11, s.Now).ShouldFailWith("extension_exceeds_maximum");
        s.Order.ExtendProcessing(Actor.Platform, 10, s.Now).ShouldSucceed();
        Assert.Equal(Scenario.Start.AddDays(37), s.Order.ProcessingDeadline);
    }

    [Fact]
    public void Buyer_may_cancel_before_shipment_for_a_full_refund()
    {
        var s = Scenario.Paid(lines: 2);
        s.AdvanceDays(2);

        s.Order.Cancel(Scenario.Buyer, s.Now).ShouldSucceed();

        Assert.Equal(OrderStatus.Closed, s.Order.Status);
        Assert.Equal(Usd(4500), s.Ledger.Refunded());
        Assert.Equal(Usd(0), s.Ledger.Held());
        Assert.Empty(s.Order.Deadlines());
        s.Order.Ship(Scenario.Seller, "UPS", "1Z", s.Now).ShouldFailWith("invalid_state");
    }

    [Fact]
    public void Buyer_cannot_cancel_once_the_order_has_shipped()
    {
        var s = Scenario.Shipped();

        s.Order.Cancel(Scenario.Buyer, s.Now).ShouldFailWith("already_shipped");
        s.Order.Ship(Scenario.Seller, "DHL", "2", s.Now).ShouldFailWith("already_shipped");
        Assert.Equal(Usd(3500), s.Ledger.Held());
    }

    [Fact]
    public void Shipping_needs_a_carrier_and_a_tracking_number()
    {
        var s = Scenario.Paid();

        s.Order.Ship(Scenario.Seller, "UPS", " ", s.Now).ShouldFailWith("tracking_required");
        s.Order.Ship(Scenario.Seller, null, "1Z", s.Now).ShouldFailWith("tracking_required");
        Assert.Equal(OrderStatus.AwaitingShipment, s.Order.Status);
    }

    [Theory]
    [InlineData("standard", 60)]
    [InlineData("economy", 75)]
    [InlineData("post", 90)]
    [InlineData("pigeon", 60)]
    public void Shipping_starts_buyer_protection_as_long_as_the_shipping_method_allows(string method, int days)
    {
        var s = Scenario.Paid(shippingMethod: method);
        s.AdvanceDays(1);

        s.Order.Ship(Scenario.Seller, "UPS", "1Z", s.Now).ShouldSucceed();

        Assert.Equal(OrderStatus.AwaitingConfirmation, s.Order.Status);
        Assert.Equal(s.Now.AddDays(days), s.Order.ProtectionEndsAt);
        Assert.DoesNotContain(s.Order.Deadlines(), d => d.Kind == DeadlineKind.Processing);
    }

    [Fact]
    public void Seller_may_extend_protection_up_to_the_policy_maximum()
    {
        var s = Scenario.Shipped();

        s.Order.ExtendProtection(Scenario.Seller, 30, s.Now).ShouldSucceed();
        s.Order.ExtendProtection(Scenario.Seller, 30, s.Now).ShouldSucceed();
        s.Order.ExtendProtection(Scenario.Seller, 1, s.Now).ShouldFailWith("extension_exceeds_maximum");

        Assert.Equal(Scenario.Start.AddDays(120), s.Order.ProtectionEndsAt);
    }

    [Fact]
    public void Protection_cannot_be_extended_once_it_has_ended()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(58);
        s.Open();
        s.AdvanceDays(3);

        s.Order.ExtendProtection(Scenario.Seller, 5, s.Now).ShouldFailWith("protection_expired");
    }

    [Fact]
    public void Buyer_is_reminded_five_days_before_protection_ends()
    {
        var s = Scenario.Shipped();

        s.AdvanceDays(54.9);
        Assert.DoesNotContain("protection_reminder", s.OrderActions);

        s.AdvanceDays(0.2);
        var reminder = Assert.Single(s.Order.History, h => h.Action == HistoryAction.ProtectionReminder);
        Assert.Equal(Scenario.Start.AddDays(55), reminder.At);
        Assert.Equal("clock", reminder.Actor);
    }

    [Fact]
    public void A_reminder_period_as_long_as_protection_sends_no_reminder_at_the_moment_of_shipping()
    {
        var s = Scenario.Shipped(policy: Policy.Default with { ProtectionReminder = Policy.Default.Protection });

        Assert.DoesNotContain(s.Order.Deadlines(), d => d.Kind == DeadlineKind.ProtectionReminder);
        s.AdvanceDays(61);
        Assert.DoesNotContain("protection_reminder", s.OrderActions);
    }

    [Fact]
    public void Extending_protection_after_the_reminder_reminds_the_buyer_again_before_the_new_end()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(56);
        s.Order.ExtendProtection(Scenario.Seller, 10, s.Now).ShouldSucceed();

        s.AdvanceDays(10);

        Assert.Equal(
            [Scenario.Start.AddDays(55), Scenario.Start.AddDays(65)],
            s.Order.History.Where(h => h.Action == HistoryAction.ProtectionReminder).Select(h => h.At));
        Assert.Equal(OrderStatus.AwaitingConfirmation, s.Order.Status);
    }

    [Fact]
    public void A_short_extension_inside_the_reminder_period_sends_no_reminder_dated_before_it()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(57);
        s.Order.ExtendProtection(Scenario.Seller, 1, s.Now).ShouldSucceed();

        s.AdvanceDays(5);

        Assert.Single(s.Order.History, h => h.Action == HistoryAction.ProtectionReminder);
        Assert.Equal(s.Order.History.Select(h => h.At).Order(), s.Order.History.Select(h => h.At));
        Assert.Equal(Scenario.Start.AddDays(61), s.Order.CompletedAt);
    }

    [Fact]
    public void Protection_ending_without_a_dispute_confirms_receipt_and_releases_the_money()
    {
        var s = Scenario.Shipped(lines: 2);

        s.AdvanceDays(59);
        Assert.Equal(Usd(4500), s.Ledger.Held());

        s.AdvanceDays(2);
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        Assert.Equal(Scenario.Start.AddDays(60), s.Order.CompletedAt);
        Assert.Equal(Usd(4500), s.Ledger.Released());
        Assert.Equal(Usd(0), s.Ledger.Held());
        Assert.Empty(s.Order.Deadlines());
    }

    [Fact]
    public void Buyer_confirming_receipt_releases_the_money_at_once_and_ends_protection()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(3);

        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldSucceed();

        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        Assert.Equal(Usd(3500), s.Ledger.Released());
        Assert.Empty(s.Order.Deadlines());
        Assert.Equal(s.Now.AddDays(15), s.Order.DisputeWindowEndsAt);
        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldFailWith("invalid_state");
    }

    [Fact]
    public void Delivery_cannot_be_reported_in_the_future_or_before_shipment()
    {
        var s = Scenario.Paid();
        s.Order.RecordDelivery(Actor.Platform, null, s.Now).ShouldFailWith("order_not_shipped");
        s.AdvanceDays(1);
        s.Order.Ship(Scenario.Seller, "UPS", "1Z", s.Now).ShouldSucceed();
        s.AdvanceDays(3);

        s.Order.RecordDelivery(Actor.Platform, s.Now.AddHours(1), s.Now).ShouldFailWith("delivered_in_future");
        s.Order.RecordDelivery(Actor.Platform, Scenario.Start, s.Now).ShouldFailWith("delivered_before_shipment");
        s.Order.RecordDelivery(Actor.Platform, s.Now.AddDays(-1), s.Now).ShouldSucceed();
        Assert.Equal(s.Now.AddDays(-1), s.Order.DeliveredAt);
    }
}
