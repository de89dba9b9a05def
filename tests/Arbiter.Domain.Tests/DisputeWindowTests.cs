using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>When a dispute may still be opened, as the seeds say: while protection runs, and after an early confirmation only.</summary>
public class DisputeWindowTests
{
    [Fact]
    public void When_protection_runs_out_the_order_completes_and_no_dispute_can_follow()
    {
        var s = Scenario.Shipped();
        s.AdvanceTo(s.ProtectionEndsAt);
        Assert.Equal(OrderStatus.Completed, s.Order.Status);

        s.AdvanceDays(1);

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("protection_expired");
        Assert.Null(s.Order.DisputeWindowEndsAt);
        Assert.DoesNotContain(OrderAction.OpenDispute, s.Order.AllowedActions(Scenario.Buyer, s.Now));
    }

    [Fact]
    public void A_dispute_cancelled_after_protection_ended_is_final()
    {
        var s = Scenario.Shipped();
        s.AdvanceDays(58);
        var dispute = s.Negotiating();
        s.AdvanceDays(3);
        Assert.True(s.Order.ProtectionExpired);

        dispute.Cancel(Scenario.Buyer, true, s.Now).ShouldSucceed();

        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now).ShouldFailWith("protection_expired");
        Assert.False(s.Order.HasOpenDispute);
    }

    [Fact]
    public void The_last_dispute_of_several_lines_finishing_after_protection_never_reopens_the_other_lines()
    {
        var s = Scenario.Shipped(lines: 2);
        s.AdvanceDays(58);
        var dispute = s.Negotiating("l1");
        s.AdvanceDays(3);

        dispute.AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();

        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        s.Order.OpenDispute(Scenario.Buyer, "l2", Scenario.Claim(), s.Now).ShouldFailWith("protection_expired");
        Assert.Equal(Usd(1000), s.Ledger.Released("l2"));
    }

    [Fact]
    public void Only_an_early_confirmation_opens_the_fifteen_day_window_and_it_counts_from_the_confirmation()
    {
        var s = Scenario.Shipped(lines: 2);
        s.AdvanceDays(10);
        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldSucceed();
        var confirmedAt = s.Now;

        Assert.Equal(confirmedAt.AddDays(15), s.Order.DisputeWindowEndsAt);
        Assert.Contains(OrderAction.OpenDispute, s.Order.AllowedActions(Scenario.Buyer, s.Now));
        s.AdvanceDays(15);
        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), s.Now.AddSeconds(-1)).ShouldSucceed();
        s.Order.OpenDispute(Scenario.Buyer, "l2", Scenario.Claim(), s.Now).ShouldFailWith("protection_expired");
    }

    [Fact]
    public void An_order_settled_line_by_line_before_protection_ended_says_its_lines_are_closed_for_good()
    {
        var s = Scenario.Shipped();
        s.Open().AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();
        Assert.Equal(OrderStatus.Closed, s.Order.Status);

        var partial = Scenario.Shipped();
        var dispute = partial.Negotiating();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 1000, null, partial.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, partial.Now).ShouldSucceed();

        Assert.Equal(OrderStatus.Completed, partial.Order.Status);
        partial.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(), partial.Now).ShouldFailWith("dispute_not_reopenable");
    }
}
