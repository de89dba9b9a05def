using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Sellers;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>A seller's record is computed from the orders' own histories, over a window.</summary>
public class SellerRecordTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(90);

    private static Order Shipped(string id, DateTimeOffset at)
    {
        var order = Order.Create(Actor.Platform, new NewOrder(id, "b1", "s1", "USD", [Lamp], new Payment("card", $"pay_{id}"), "standard"), Policy.Default, at).ShouldSucceed();
        order.Ship(Seller, "UPS", "1Z", at).ShouldSucceed();
        return order;
    }

    private static Dispute Open(Order order, DateTimeOffset at) =>
        order.OpenDispute(Buyer, "l1", Claim(), at).ShouldSucceed();

    [Fact]
    public void The_record_counts_disputes_escalations_rulings_against_and_the_median_first_answer_within_the_window()
    {
        var now = Start.AddDays(100);
        var old = Shipped("old", Start);
        Open(old, Start.AddDays(1));
        var quiet = Shipped("quiet", Start.AddDays(20));
        var answered = Shipped("answered", Start.AddDays(30));
        Open(answered, Start.AddDays(31)).Reject(Seller, "Works here.", Start.AddDays(31).AddHours(10)).ShouldSucceed();
        var ruled = Shipped("ruled", Start.AddDays(40));
        var lost = Open(ruled, Start.AddDays(41));
        lost.Escalate(Seller, "No.", Start.AddDays(41).AddHours(30)).ShouldSucceed();
        lost.Decide(Mediator, MediatorOutcome.FullRefund, null, null, "Broken on arrival.", Start.AddDays(45)).ShouldSucceed();
        var silent = Shipped("silent", Start.AddDays(50));
        Open(silent, Start.AddDays(51));
        var another = Order.Create(Actor.Platform, new NewOrder("other", "b1", "s2", "USD", [Lamp], new Payment("card", "p"), "standard"), Policy.Default, Start.AddDays(60)).ShouldSucceed();

        var record = SellerRecord.Of("s1", [old, quiet, answered, ruled, silent, another], Window, now);

        Assert.Equal(new SellerRecord("s1", 90, Orders: 4, DisputedOrders: 3, Disputes: 3, Escalations: 1, RulingsAgainst: 1, MedianResponseHours: 20), record);
        Assert.Equal(0.75, record.DisputeRate);
        Assert.Equal(1.0 / 3, record.EscalationRate);
    }

    [Fact]
    public void A_seller_without_orders_has_an_empty_record_and_no_rates_to_divide_by_zero()
    {
        var record = SellerRecord.Of("s1", [], Window, Start);

        Assert.Equal((0, 0.0, 0.0, (double?)null), (record.Orders, record.DisputeRate, record.EscalationRate, record.MedianResponseHours));
    }

    [Fact]
    public void A_ruling_for_the_seller_is_not_against_them()
    {
        var order = Shipped("o1", Start);
        var dispute = Open(order, Start.AddDays(1));
        dispute.Escalate(Seller, "No.", Start.AddDays(1)).ShouldSucceed();
        dispute.Decide(Mediator, MediatorOutcome.NoRefund, null, null, "Works as described.", Start.AddDays(2)).ShouldSucceed();

        Assert.Equal(0, SellerRecord.Of("s1", [order], Window, Start.AddDays(3)).RulingsAgainst);
    }

    [Theory]
    [InlineData(Role.Platform, null, true)]
    [InlineData(Role.Buyer, "b9", true)]
    [InlineData(Role.Seller, "s1", true)]
    [InlineData(Role.Seller, "s2", false)]
    [InlineData(Role.Mediator, "m1", false)]
    public void Buyers_and_the_platform_see_any_record_a_seller_only_its_own(Role role, string? id, bool may) =>
        Assert.Equal(may, SellerRecord.MaySee(new Actor(role, id), "s1"));
}
